/**
 * Bad values of the selection, reporter and merge options: one usage line on stderr, exit code 2,
 * before anything is sent.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, type CliResult } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { PASSED, sampleReport } from '../support/sample-report.js';

function expectUsageError(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).to.equal(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).to.have.length(1);
  expect(lines[0]).to.match(/^v3io-auth-conformance: /);
  expect(lines[0]).to.match(pattern);
  expect(result.stdout).to.equal('');
}

describe('CLI: selection, reporter and merge errors', () => {
  const dir = tempDir('v3io-options-');

  const runErrors: [string, string[], RegExp][] = [
    ['an invalid --grep regular expression', ['--grep', 'session-(key'], /option '-g, --grep <regex>' argument 'session-\(key' is invalid\. not a valid regular expression/],
    ['an unknown --form', ['--form', 'basic,kerberos'], /option '--form <forms>' argument 'basic,kerberos' is invalid\. unknown form kerberos \(expected session-key, aws-sigv4, aws-sigv2, basic, cross-cutting\)/],
    ['an empty --form', ['--form', ','], /--form <forms>.*expected a comma-separated list/],
    ['an unknown --level', ['--level', 'shall'], /option '--level <level>' argument 'shall' is invalid\. expected one of must, should, may/],
    ['a --shard index of 0', ['--shard', '0/4'], /option '--shard <i\/n>' argument '0\/4' is invalid\. expected <i>\/<n> with 1 <= i <= n/],
    ['a --shard index over the count', ['--shard', '5/4'], /--shard <i\/n>.*'5\/4' is invalid/],
    ['a --shard that is not i/n', ['--shard', 'half'], /--shard <i\/n>.*'half' is invalid/],
    ['a --shard count of 0', ['--shard', '0/0'], /--shard <i\/n>.*'0\/0' is invalid/],
    ['an unknown --reporter', ['--reporter', 'json,pdf'], /option '-r, --reporter <list>' argument 'json,pdf' is invalid\. unknown reporter pdf \(expected cli, json, junit, html, md\)/],
    ['filters that match no case', ['--grep', 'no-such-case-anywhere', '--level', 'must'], /^v3io-auth-conformance: no case matches --grep no-such-case-anywhere --level must \(see the list command\)$/],
  ];
  for (const [what, args, pattern] of runErrors) {
    it(`run rejects ${what}`, async () => {
      expectUsageError(await runCliInProcess(['run', '--out', dir, ...args]), pattern);
    });
  }

  it('merge needs at least one report', async () => {
    expectUsageError(await runCliInProcess(['merge']), /missing required argument 'reports'/);
  });

  it('merge names a missing report file', async () => {
    expectUsageError(await runCliInProcess(['merge', join(dir, 'missing.json'), '--out', dir]), /report file not found: .*missing\.json$/);
  });

  it('merge names a file that is not a conformance report', async () => {
    const path = join(dir, 'other.json');
    writeFileSync(path, JSON.stringify({ hello: 'world' }));
    expectUsageError(await runCliInProcess(['merge', path, '--out', dir]), /report file .*other\.json is not a conformance report: /);
  });

  it('merge refuses two reports holding the same case', async () => {
    const path = join(dir, 'twice.json');
    writeFileSync(path, JSON.stringify(sampleReport([PASSED])));
    expectUsageError(await runCliInProcess(['merge', path, path, '--out', dir]), /cannot merge: case basic-valid-get-object is in both/);
  });
});
