/**
 * The generated docs: docs/catalogue.md from the catalogue and docs/cli.md from the commander
 * definitions, committed, written by `generate` and checked byte for byte by `generate --check`.
 */
import { expect } from 'chai';
import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import type { ConformanceCase } from '../../src/cases/model.js';
import { renderCommittedFiles } from '../../src/commands/committed-files.js';
import { describeCaseExpectation, renderCatalogueDoc } from '../../src/docs/catalogue-doc.js';
import { renderCliDoc } from '../../src/docs/cli-doc.js';
import { GENERATED_DOCS, renderDocs } from '../../src/docs/files.js';
import { codeCell } from '../../src/docs/markdown.js';
import { staleFiles, writeFiles } from '../../src/generate/files.js';
import { packageRoot } from '../../src/package-info.js';
import { buildProgram } from '../../src/program.js';
import { escapeWireText, wireTemplate } from '../../src/wire/bytes.js';
import { SAMPLE_CASES } from '../generate/sample-cases.js';
import { tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';

const docsText = (): string => GENERATED_DOCS.map((d) => readFileSync(join(packageRoot(), d.path), 'utf8')).join('\n');
const catalogueDoc = (): string => readFileSync(join(packageRoot(), 'docs/catalogue.md'), 'utf8');
const cliDoc = (): string => readFileSync(join(packageRoot(), 'docs/cli.md'), 'utf8');

/** The long options a command's --help lists (what a user is told exists), without --help. */
async function helpOptions(command: string): Promise<string[]> {
  const help = await runCliInProcess([command, '--help']);
  expect(help.code, help.stderr).to.equal(0);
  return [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1] ?? '').filter((o) => o !== '--help');
}

describe('generated docs', () => {
  it('are committed as generated (run `v3io-auth-conformance generate` after changing cases or options)', () => {
    expect(staleFiles(packageRoot(), renderCommittedFiles(buildProgram()))).to.deep.equal([]);
  });

  it('`generate --check` fails on an edited doc and passes once `generate` rewrote it', async () => {
    const dir = tempDir('v3io-docs-');
    const docs = renderDocs({ cases: SAMPLE_CASES, program: buildProgram() });
    expect(staleFiles(dir, docs)).to.deep.equal(['docs/catalogue.md', 'docs/cli.md']);
    writeFiles(dir, docs);
    expect(staleFiles(dir, docs)).to.deep.equal([]);
    writeFileSync(join(dir, 'docs/cli.md'), `${readFileSync(join(dir, 'docs/cli.md'), 'utf8')}an edit\n`);
    expect(staleFiles(dir, docs)).to.deep.equal(['docs/cli.md']);
    const check = await runCliInProcess(['generate', '--check']);
    expect(check.code, check.stderr).to.equal(0);
    expect(check.stdout).to.equal('generated files are up to date\n');
  });

  it('docs/catalogue.md lists every case with its level and expectation', () => {
    const doc = catalogueDoc();
    const missing = CATALOGUE.filter((c) => !doc.includes(`| ${codeCell(c.id)} | ${c.level.toUpperCase()} |`)).map((c) => c.id);
    expect(missing, 'cases docs/catalogue.md does not list').to.deep.equal([]);
    for (const c of CATALOGUE) expect(doc, c.id).to.match(new RegExp(`\\| \`${c.id}\` \\|[^\\n]*\\| ${describeCaseExpectation(c).replace(/[()]/g, '\\$&')} \\|`));
  });

  it("docs/catalogue.md shows every wire case's bytes, escaped", () => {
    const doc = catalogueDoc();
    const wire = CATALOGUE.filter(isWireCase);
    expect(wire.length).to.be.greaterThan(10);
    for (const c of wire) expect(doc, c.id).to.contain(escapeWireText(wireTemplate(c.wire.parts)).replace(/\|/g, '\\|'));
    expect(doc).to.contain('X-v3io-session-key: {{accessKey}}\\rjunk\\r\\n');
  });

  it('renders a case table that survives pipes, backticks and angle brackets', () => {
    const odd: ConformanceCase = { ...(SAMPLE_CASES[0] as ConformanceCase), id: 'sample-odd', title: 'rejects a | in `x` <b>' };
    const doc = renderCatalogueDoc([odd]);
    const row = doc.split('\n').find((l) => l.startsWith('| `sample-odd` |')) ?? '';
    expect(row).to.contain('rejects a \\| in \\`x\\` &lt;b&gt;');
    expect(row.split(/(?<!\\)\|/).length).to.equal(doc.split('\n').find((l) => l.startsWith('| id |'))?.split('|').length);
    expect(codeCell('a`b|c')).to.equal('``a`b\\|c``');
  });

  it('docs/cli.md documents every option of every command, with its default and choices', () => {
    const program = buildProgram();
    const doc = cliDoc();
    for (const command of program.commands) {
      const section = doc.split(`\n## ${command.name()}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(section, `no section for ${command.name()}`).to.not.equal('');
      for (const option of command.options) expect(section, `${command.name()} ${option.flags}`).to.contain(`| \`${option.flags}\` |`);
    }
    const run = doc.split('\n## run\n')[1] ?? '';
    expect(run).to.match(/\| `--timeout <ms>` \| `10000` \|/);
    expect(run).to.match(/\| `--profile <profile>` \| `v3io` \|[^\n]*one of `v3io`, `basic`/);
  });

  for (const command of ['run', 'serve', 'merge', 'list', 'generate']) {
    it(`docs/cli.md documents every option \`${command} --help\` lists`, async () => {
      const options = await helpOptions(command);
      expect(options.length).to.be.greaterThan(0);
      const section = cliDoc().split(`\n## ${command}\n`)[1]?.split('\n## ')[0] ?? '';
      for (const option of options) expect(section, `docs/cli.md lacks ${command} ${option}`).to.match(new RegExp(`\`[^\`]*${option}\\b`));
    });
  }

  it('renders any program: arguments, defaults described by commander, and no default for off switches', () => {
    const program = new Command('tool').description('does things');
    program
      .command('go')
      .description('go somewhere')
      .argument('<places...>', 'where to go')
      .option('--fast', 'hurry', false)
      .option('--no-stop', 'never stop')
      .addOption(new Option('--mode <mode>', 'how').choices(['walk', 'run']).default('walk'))
      .addOption(new Option('--list <items>', 'items').default(['a', 'b'], 'a and b'));
    const doc = renderCliDoc(program);
    expect(doc).to.contain('`tool go [options] <places...>`');
    expect(doc).to.contain('| `places` | where to go |');
    expect(doc).to.contain('| `--fast` |  | hurry |');
    expect(doc).to.contain('| `--no-stop` |  | never stop |');
    expect(doc).to.contain('| `--mode <mode>` | `walk` | how; one of `walk`, `run` |');
    expect(doc).to.contain('| `--list <items>` | `a and b` | items |');
    expect(doc).to.contain('| [go](#go) | go somewhere |');
  });
});

describe('docs/ keeps what the README used to list', () => {
  it('names every case id somewhere under docs/', () => {
    const text = docsText();
    expect(CATALOGUE.filter((c) => !text.includes(c.id)).map((c) => c.id)).to.deep.equal([]);
  });
});
