/**
 * Secrets full of `"`, `\`, `<`, `&`, `/` and non-ASCII characters, fuzzed with a fixed seed, in
 * every reporter's output (json, junit, html, md, cli): neither a secret nor a value the suite
 * derives from one (truncated, last character changed, other letter case, Base64) appears in any
 * spelling a target or a reporter can give it (raw, JSON-, HTML-, XML-escaped, URL-encoded,
 * Base64, mis-decoded Latin-1). In-process over hand-made reports carrying the echoes, then end to
 * end: the CLI against a real server with those secrets that echoes everything it receives.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_CONTAINER, type Identity } from '../../src/cases/reference-identities.js';
import { PLAIN_STYLE, renderCliSummary } from '../../src/report/cli-summary.js';
import { createRedactor, secretForms } from '../../src/report/redact.js';
import { FILE_REPORTERS } from '../../src/report/reporters.js';
import { writeReports } from '../../src/report/write-reports.js';
import type { CaseResult } from '../../src/run/results.js';
import { applyTransform } from '../../src/wire/transforms.js';
import { runCli, tempDir } from '../support/cli.js';
import { MUST_FAILURE, sampleReport, SHOULD_FAILURE } from '../support/sample-report.js';
import { startEchoingTarget } from './echo-target.js';

const SEED = 20_261_206;
const HOSTILE_CHARS = ['"', '\\', '<', '>', '&', "'", '%', '+', '=', ';', ' '];
const NON_ASCII = ['é', '£', '€', 'ß', '日', 'Ж', '\u00a0'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');

const fromChars = (chars: readonly string[], minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { minLength, maxLength }).map((cs) => cs.join(''));
/** At least one of each kind of troublesome character, shuffled among letters. */
const withEach = (kinds: readonly string[][], letters: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(letters, ...kinds.map((k) => fc.constantFrom(...k)), fc.integer({ min: 0, max: 1_000 }))
    .map(([body, ...rest]) => {
      const seed = rest.pop() as number;
      const chars = [...Array.from(body), ...(rest as string[])];
      for (let i = chars.length - 1; i > 0; i -= 1) {
        const j = (seed * (i + 7)) % (i + 1);
        [chars[i], chars[j]] = [chars[j]!, chars[i]!];
      }
      return chars.join('');
    });

/** Access keys: visible ASCII without `,`, `/`, `:` and `{` (the users file's rule; `{{` is a variable). */
const accessKey = withEach([['"'], ['\\'], ['<'], ['&']], fromChars([...LETTERS, '"', '\\', '<', '>', '&', "'", '%', '+', '=', ';', '-'], 26, 36));
/** Passwords: anything printable but `{`, with `/` and non-ASCII. */
const password = withEach([['"'], ['\\'], ['<'], ['&'], ['/'], NON_ASCII], fromChars([...LETTERS, ...HOSTILE_CHARS, '/', ...NON_ASCII], 8, 18));
const username = fromChars([...LETTERS, 'é', '.', '<', '&'], 4, 10);

interface Secrets {
  readonly keys: readonly string[];
  readonly passwords: readonly string[];
  readonly pairs: readonly (readonly [string, string])[];
}

const secretsArbitrary: fc.Arbitrary<Secrets> = fc
  .tuple(fc.uniqueArray(accessKey, { minLength: 4, maxLength: 4 }), fc.tuple(password, password, password, password), fc.uniqueArray(username, { minLength: 4, maxLength: 4 }))
  .map(([keys, [main, denied, colonPart, utf8], users]) => {
    const colon = `${colonPart.slice(0, 3)}:${colonPart.slice(3)}`;
    const passwords = [main, denied, colon, `${utf8}£`];
    return { keys, passwords, pairs: users.map((user, i) => [user, passwords[i]!] as const) };
  });

/** The values the suite derives from a secret, as the catalogue's transforms make them. */
function derivedFrom(secret: string): string[] {
  const ops = ['drop-last-char', 'change-last-char', 'other-case'] as const;
  return ops.map((op) => applyTransform(secret, { op }));
}

const base64 = (s: string, encoding: BufferEncoding = 'utf8'): string => Buffer.from(s, encoding).toString('base64');
const htmlEscaped = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const jsonEscaped = (s: string): string => JSON.stringify(s).slice(1, -1);

/** Every spelling of every secret and derived value that must not appear, with a label that does not quote it. */
function needles(secrets: Secrets): [label: string, needle: string][] {
  const values: [string, string][] = [];
  [...secrets.keys, ...secrets.passwords].forEach((secret, i) => {
    values.push([`secret #${i}`, secret]);
    derivedFrom(secret).forEach((d, j) => values.push([`derivation ${j} of secret #${i}`, d]));
  });
  secrets.pairs.forEach(([user, pw], i) => values.push([`Basic token #${i}`, base64(`${user}:${pw}`)]));
  const out: [string, string][] = [];
  for (const [label, value] of values) {
    const spellings: [string, string][] = [
      ['raw', value],
      ['JSON-escaped', jsonEscaped(value)],
      ['HTML-escaped', htmlEscaped(value)],
      ['URL-encoded', encodeURIComponent(value)],
      ['Base64', base64(value)],
      ['mis-decoded Latin-1', Buffer.from(value, 'utf8').toString('latin1')],
      ['JSON-escaped twice', jsonEscaped(jsonEscaped(value))],
    ];
    for (const [how, needle] of spellings) if (needle.length >= 6) out.push([`${label}, ${how}`, needle]);
  }
  return out;
}

function leaksIn(text: string, secrets: Secrets): string[] {
  return needles(secrets)
    .filter(([, needle]) => text.includes(needle))
    .map(([label]) => label);
}

/** A text a target could send back, quoting every secret and derived value in the spellings it may use. */
function echoText(secrets: Secrets): string {
  const all = [...secrets.keys, ...secrets.passwords].flatMap((s) => [s, ...derivedFrom(s)]);
  const tokens = secrets.pairs.map(([u, p]) => base64(`${u}:${p}`));
  return JSON.stringify({
    message: `invalid password ${all.join(' ')}`,
    html: all.map(htmlEscaped).join(' '),
    query: all.map(encodeURIComponent).join('&'),
    tokens,
    base64: all.map((s) => base64(s)),
    latin1: all.map((s) => Buffer.from(s, 'utf8').toString('latin1')),
  });
}

function echoingCase(base: CaseResult, text: string): CaseResult {
  return {
    ...base,
    actual: { status: 401, statusText: 'Unauthorized', headers: [['X-Echo', text.slice(0, 200)]], bodyExcerpt: text },
    checks: base.checks.map((c) => (c.passed ? c : { ...c, message: `${c.message ?? ''} ${text}` })),
    reason: text,
  };
}

function maskFor(secrets: Secrets): (text: string) => string {
  const primary = [...secrets.keys, ...secrets.passwords];
  return createRedactor(secretForms(primary, secrets.pairs, primary.flatMap(derivedFrom)));
}

describe('secrets in every spelling, in every reporter (fuzzed, fixed seed)', function () {
  this.timeout(180_000);

  it('the needles are real: an unmasked echo gives every kind of them away', () => {
    const [secrets] = fc.sample(secretsArbitrary, { seed: SEED, numRuns: 1 });
    const text = echoText(secrets!);
    const found = leaksIn(text, secrets!);
    for (const how of ['raw', 'JSON-escaped', 'HTML-escaped', 'URL-encoded', 'Base64', 'mis-decoded Latin-1']) {
      expect(found.some((label) => label.endsWith(`, ${how}`)), how).to.equal(true);
    }
    expect(found.some((label) => label.startsWith('derivation'))).to.equal(true);
  });

  it('in-process: every file reporter and the cli summary mask every spelling of every secret and derived value', () => {
    fc.assert(
      fc.property(secretsArbitrary, (secrets) => {
        const mask = maskFor(secrets);
        const text = echoText(secrets);
        const report = sampleReport([echoingCase(MUST_FAILURE, text), echoingCase(SHOULD_FAILURE, text)]);
        const out = tempDir('v3io-mask-fuzz-');
        writeReports(report, Object.values(FILE_REPORTERS), out, mask);
        const places: [string, string][] = readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]);
        places.push(['cli', mask(renderCliSummary(report, PLAIN_STYLE, []))]);
        expect(places.map(([f]) => f)).to.include.members(['conformance.json', 'junit.xml', 'conformance.html', 'conformance.md', 'cli']);
        const leaks = places.flatMap(([where, content]) => leaksIn(content, secrets).map((leak) => `${leak} in ${where}`));
        expect(leaks, leaks.join("; ")).to.deep.equal([]);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('end to end: a served target with such secrets that echoes everything, every reporter and the command output', async () => {
    for (const [sample, secrets] of fc.sample(secretsArbitrary, { seed: SEED + 1, numRuns: 2 }).entries()) {
      const names = ['main', 'denied', 'colon', 'utf8'];
      const identities: Identity[] = names.map((name, i) => ({
        name,
        accessKey: secrets.keys[i]!,
        username: secrets.pairs[i]![0],
        password: secrets.passwords[i]!,
        containers: name === 'denied' ? [] : '*',
      }));
      const server = await startEchoingTarget(identities);
      try {
        const out = tempDir('v3io-mask-e2e-');
        const env = {
          V3IO_API: server.url,
          V3IO_CONTAINER: REFERENCE_CONTAINER,
          V3IO_ACCESS_KEY: secrets.keys[0]!,
          V3IO_USERNAME: secrets.pairs[0]![0],
          V3IO_PASSWORD: secrets.passwords[0]!,
        };
        const others: [string, string, string][] = [
          ['deniedAccessKey', 'V3IO_DENIED_ACCESS_KEY', secrets.keys[1]!],
          ['deniedUsername', 'V3IO_DENIED_USERNAME', secrets.pairs[1]![0]],
          ['deniedPassword', 'V3IO_DENIED_PASSWORD', secrets.passwords[1]!],
          ['colonUsername', 'V3IO_COLON_USERNAME', secrets.pairs[2]![0]],
          ['colonPassword', 'V3IO_COLON_PASSWORD', secrets.passwords[2]!],
          ['utf8Username', 'V3IO_UTF8_USERNAME', secrets.pairs[3]![0]],
          ['utf8Password', 'V3IO_UTF8_PASSWORD', secrets.passwords[3]!],
        ];
        // The other identities on the command line in one sample, from the environment in the other.
        const fromEnvironment = sample === 1;
        const extra = fromEnvironment ? [] : others.flatMap(([name, , value]) => ['--env-var', `${name}=${value}`]);
        const otherEnv = fromEnvironment ? Object.fromEntries(others.map(([, envName, value]) => [envName, value])) : {};
        // The cases that send derived values, Basic in every shape, and the wire cases; of the bypass
        // toolbox's 860 wire cases, which send the same credentials in other paths, one family (the methods).
        const grep = '^(?!cross-wire-bypass-(?!method-)).*(truncated|changed|other-letter-case|basic-|wire|two-authorization|unknown)';
        const result = await runCli(['run', '--grep', grep, '--timeout', '3000', '--out', out, '--no-color', ...extra], { env: { ...env, ...otherEnv } });
        const report = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as { cases: { id: string; outcome: string; reason?: string; actual: unknown }[] };
        const errors = report.cases.filter((c) => c.outcome === 'error').map((c) => `${c.id}: ${c.reason ?? ''}`);
        expect(result.code, `${result.stderr}${errors.join('; ')}`).to.be.oneOf([0, 1]);
        expect(report.cases.filter((c) => c.actual !== null).length, 'cases that got an answer').to.be.greaterThan(30);
        const skipped = report.cases.filter((c) => c.outcome === 'skip').map((c) => `${c.id}: ${c.reason ?? ''}`);
        expect(skipped, 'every identity was given, from the command line or the environment').to.deep.equal([]);
        const files = readdirSync(out);
        expect(files).to.include.members(['conformance.json', 'junit.xml', 'conformance.html', 'conformance.md']);
        const places: [string, string][] = [['stdout', result.stdout], ['stderr', result.stderr], ...files.map((f): [string, string] => [f, readFileSync(join(out, f), 'utf8')])];
        const leaks = places.flatMap(([where, content]) => leaksIn(content, secrets).map((leak) => `${leak} in ${where}`));
        expect(leaks, leaks.join("; ")).to.deep.equal([]);
      } finally {
        await server.close();
      }
    }
  });
});
