/**
 * The README stays a five-minute read that keeps its promises: the quick start, a table of
 * contents, the counts it quotes. The reference material and its tests live in docs/
 * (spec/docs/); the family table is in docs/catalogue.md, generated.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRequestCase } from '../src/cases/case-request.js';
import { CATALOGUE } from '../src/cases/index.js';
import { headingSlug } from '../src/docs/markdown.js';
import { packageRoot } from '../src/package-info.js';
import { renderFamilyTable } from '../src/report/case-list.js';
import { applicableTransportCases } from '../src/run/transport-checks.js';
import { PROCESS_ENVIRONMENT_VARIABLES } from '../src/run/target-config.js';

const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
/** The cases sent as requests: all but the transport cases, which only a real target has. */
const REQUEST_CASES = CATALOGUE.filter(isRequestCase).length;
const docs = (name: string): string => readFileSync(join(packageRoot(), 'docs', name), 'utf8');

describe('README', () => {
  it('keeps the two-command quick start', () => {
    const quickStart = readme.split('\n## Quick start\n')[1]?.split('\n## ')[0] ?? '';
    const block = /```sh\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
    const commands = block.split('\n').filter(Boolean).map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).to.deep.equal(['npm ci && npx v3io-auth-conformance run', 'npm test']);
  });

  it('is short, with a table of contents naming every section', () => {
    expect(readme.split('\n').length).to.be.at.most(250);
    const contents = readme.split('\n## Contents\n')[1]?.split('\n## ')[0] ?? '';
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '').filter((h) => h !== 'Contents');
    expect(sections.length).to.be.greaterThan(5);
    for (const heading of sections) expect(contents, heading).to.contain(`](#${headingSlug(heading)})`);
  });

  it('quotes the number of cases the embedded run passes: every request case, the wire cases included', () => {
    expect(REQUEST_CASES).to.be.lessThan(CATALOGUE.length);
    expect(readme).to.contain(`Verdict: CONFORMANT — ${REQUEST_CASES} passed, 0 failed, 0 inconclusive, 0 skipped`);
  });

  it('documents the inconclusive verdict in the exit-code table: exit 2, cases the harness could not judge', () => {
    const section = readme.split('\n## Verdict and exit codes\n')[1]?.split('\n## ')[0] ?? '';
    expect(section).to.match(/^\| 2 \| no verdict: cases the harness could not judge .*inconclusive.* \|$/m);
    expect(section).to.contain('Verdict: INCONCLUSIVE — 3 MUST cases');
  });

  it('quotes the number of cases a run against serve over HTTP passes: every request case and the plain-HTTP transport case', () => {
    const transport = applicableTransportCases(CATALOGUE, 'http://127.0.0.1:8081').length;
    expect(transport).to.equal(1);
    expect(readme).to.contain(`\`${REQUEST_CASES + transport} passed, 0 failed, … 0 skipped\``);
    expect(readme).to.contain(`(the ${REQUEST_CASES} request cases and the plain-HTTP transport case)`);
  });

  it('names, in the variables tables of the README and docs/running.md, the environment variable of every variable, every identity\'s included', () => {
    for (const [document, text] of [['README.md', readme], ['docs/running.md', docs('running.md')]] as const) {
      const rows = text.split('\n').filter((line) => line.startsWith('| `'));
      for (const [name, variable] of Object.entries(PROCESS_ENVIRONMENT_VARIABLES)) {
        const row = rows.find((line) => line.split('|')[1]?.includes(`\`${variable}\``));
        expect(row, `${document}: no row for ${variable}`).to.be.a('string');
        expect(row, `${document}: ${variable}`).to.contain(`\`${name}\``);
      }
    }
    expect(Object.keys(PROCESS_ENVIRONMENT_VARIABLES)).to.include.members(['V3IO_DENIED_ACCESS_KEY', 'V3IO_COLON_PASSWORD', 'V3IO_UTF8_USERNAME']);
  });

  it('links every page under docs/ from its Documentation table', () => {
    const section = readme.split('\n## Documentation\n')[1]?.split('\n## ')[0] ?? '';
    for (const page of ['running', 'cli', 'catalogue', 'checks', 'reports', 'ci', 'reference-server', 'interop', 'power']) {
      expect(section, page).to.contain(`](docs/${page}.md)`);
    }
  });
});

describe('docs/ tables the tests keep true', () => {
  it('docs/catalogue.md shows the family table of the current catalogue', () => {
    const table = /<!-- family-table:start -->\n([\s\S]*?)\n<!-- family-table:end -->/.exec(docs('catalogue.md'))?.[1];
    expect(table, 'run `npx v3io-auth-conformance generate`').to.equal(renderFamilyTable(CATALOGUE));
  });

  it('docs/interop.md names the installed version of each S3 client the interop tests drive', () => {
    const section = /## Real S3 clients against the reference\n([\s\S]*?)(?:\n## |$)/.exec(docs('interop.md'))?.[1] ?? '';
    for (const name of ['@aws-sdk/client-s3', 'aws-sdk', 'minio']) {
      const { version } = JSON.parse(readFileSync(join(packageRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      const row = section.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, `no row for ${name}`).to.be.a('string');
      expect(row, name).to.contain(`| ${version} |`);
    }
  });
});
