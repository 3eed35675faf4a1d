/** The README's claims stay true: its family table and case count follow the catalogue. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../src/cases/index.js';
import { packageRoot } from '../src/package-info.js';
import { renderFamilyTable } from '../src/report/case-list.js';
import { runCli } from './support/cli.js';

const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');

describe('README', () => {
  it('shows the family table of the current catalogue', () => {
    const table = /<!-- family-table:start -->\n([\s\S]*?)\n<!-- family-table:end -->/.exec(readme)?.[1];
    expect(table, 'run `npx v3io-auth-conformance list --format markdown` and paste it into the README').to.equal(renderFamilyTable(CATALOGUE));
  });

  it('quotes the number of cases the embedded run passes: every one, the wire cases included', () => {
    expect(readme).to.contain(`Verdict: CONFORMANT — ${CATALOGUE.length} passed, 0 failed, 0 inconclusive, 0 skipped`);
  });

  it('lists every wire case', () => {
    const missing = CATALOGUE.filter((c) => c.wire && !readme.includes(`\`${c.id}\``)).map((c) => c.id);
    expect(missing, 'wire cases the README does not list').to.deep.equal([]);
  });

  it('documents every option of run', async () => {
    const help = await runCli(['run', '--help']);
    const options = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--help');
    expect(options.length).to.be.greaterThan(5);
    for (const option of options) expect(readme, `README lacks ${option}`).to.contain(option);
  });

  it('documents every option of serve', async () => {
    const help = await runCli(['serve', '--help']);
    const options = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--help');
    expect(options.length).to.be.greaterThan(5);
    for (const option of options) expect(readme, `README lacks ${option}`).to.contain(option);
  });
});

describe('README interoperability', () => {
  it('names the installed version of each S3 client the interop tests drive', () => {
    const section = /### Real S3 clients against the reference\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    for (const name of ['@aws-sdk/client-s3', 'aws-sdk', 'minio']) {
      const { version } = JSON.parse(readFileSync(join(packageRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      const row = section.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, `no row for ${name}`).to.be.a('string');
      expect(row, name).to.contain(`| ${version} |`);
    }
  });
});
