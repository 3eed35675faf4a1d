/**
 * No secret in any output: the suite is run (embedded, and against a served server that quotes
 * the presented credentials in its error bodies, so that failure messages and response excerpts
 * exist and carry them) with every reporter, and every file written and stdout/stderr are
 * searched for every secret of the environment, in every form a request carries it: the value,
 * its Base64, the Base64 `user:password` tokens (padded and not), each URL-encoded — and, for
 * access keys, any 20 characters of one in any letter case (a truncated or mutated key).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { environmentVariables, loadEnvironmentFile } from '../../src/run/environment.js';
import type { CliResult } from '../support/cli.js';
import { readReport } from '../support/report.js';
import { echoingServerCliRun, embeddedCliRun } from '../support/shared-runs.js';

const variables = environmentVariables(loadEnvironmentFile(join(packageRoot(), GENERATED_PATHS.referenceEnvironment)));
const value = (name: string): string => variables.get(name) ?? '';
const ACCESS_KEYS = ['accessKey', 'deniedAccessKey'].map(value);
const PASSWORDS = ['password', 'deniedPassword', 'colonPassword', 'utf8Password'].map(value);
const PAIRS: [string, string][] = [
  [value('username'), value('password')],
  [value('colonUsername'), value('colonPassword')],
  [value('utf8Username'), value('utf8Password')],
  [value('deniedUsername'), value('deniedPassword')],
];

/** Every exact form of a secret that must not appear, with a label that does not quote it. */
function secretNeedles(): [label: string, needle: string][] {
  const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  const needles: [string, string][] = [];
  const add = (label: string, needle: string): void => {
    needles.push([label, needle], [`${label}, URL-encoded`, encodeURIComponent(needle)]);
  };
  [...ACCESS_KEYS, ...PASSWORDS].forEach((secret, i) => {
    add(`secret #${i}`, secret);
    add(`secret #${i} in Base64`, base64(secret));
  });
  PAIRS.forEach(([user, password], i) => {
    add(`Basic token #${i}`, base64(`${user}:${password}`));
    add(`Basic token #${i} unpadded`, base64(`${user}:${password}`).replace(/=+$/, ''));
  });
  return needles;
}

/** Where a text gives a secret away: exact forms, and 20-character windows of the access keys in any case. */
function leaksIn(text: string): string[] {
  const found = secretNeedles().filter(([, needle]) => text.includes(needle)).map(([label]) => label);
  const lower = text.toLowerCase();
  ACCESS_KEYS.forEach((key, i) => {
    for (let start = 0; start + 20 <= key.length; start += 1) {
      if (lower.includes(key.slice(start, start + 20).toLowerCase())) {
        found.push(`20 characters of access key #${i} from offset ${start}`);
        break;
      }
    }
  });
  return found;
}

function expectNoSecrets(result: CliResult, dir: string): void {
  const files = readdirSync(dir);
  expect(files).to.include.members(['conformance.json', 'junit.xml', 'conformance.html', 'conformance.md']);
  const places: [string, string][] = [['stdout', result.stdout], ['stderr', result.stderr], ...files.map((f): [string, string] => [f, readFileSync(join(dir, f), 'utf8')])];
  const leaks = places.flatMap(([where, text]) => leaksIn(text).map((leak) => `${leak} in ${where}`));
  expect(leaks).to.deep.equal([]);
}

describe('no secret in any report or output', function () {
  this.timeout(180_000);

  it('the needles are real: they are found where the secrets are', () => {
    expect(leaksIn(`Basic ${Buffer.from(`${PAIRS[1]![0]}:${PAIRS[1]![1]}`).toString('base64')}`)).to.not.deep.equal([]);
    expect(leaksIn(`key ${ACCESS_KEYS[0]!.slice(0, -1).toUpperCase()}`)).to.not.deep.equal([]);
    expect(leaksIn('?pw=' + encodeURIComponent(PASSWORDS[2]!))).to.not.deep.equal([]);
    expect(leaksIn('nothing secret here: {{accessKey}} [REDACTED]')).to.deep.equal([]);
  });

  // Both runs go through the CLI (its stdout and stderr are searched too); other tests share them (support/shared-runs.ts).
  it('embedded run, every reporter', async () => {
    const { result, out } = await embeddedCliRun();
    expect(result.code, result.stderr).to.be.oneOf([0, 1]);
    expectNoSecrets(result, out);
  });

  it('against a served target that echoes the credentials in its errors, every reporter', async () => {
    const { result, out } = await echoingServerCliRun();
    expect(result.code, result.stderr).to.equal(1);
    const report = readReport(out);
    expect(report.cases.filter((c) => c.checks.some((k) => !k.passed && /echoes no credential/.test(k.name))).length).to.be.greaterThan(10);
    expectNoSecrets(result, out);
  });
});
