/**
 * Property-based tests of authentication (fast-check, fixed seed, bounded runs). Valid credential
 * lines of every form and identity are mutated at random — letter case, inserted, deleted and
 * replaced characters, whitespace, duplicated lines, other schemes, random Base64, Basic tokens of
 * mixed identities, look-alike header names, raw latin1 bytes — and judged against an independent
 * oracle (`credential-oracle.ts`): `authenticate()` never throws and accepts a request only as the
 * identity the oracle allows, and always when the oracle says it must; over a real socket the
 * served reference never answers 5xx nor resets, with the same accept/reject verdicts.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { authenticate, type AuthFn } from '../../src/reference/auth.js';
import { createIdentityDirectory } from '../../src/reference/identity-directory.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { credentialOracle, validLines, type HeaderLine, type Verdict } from './credential-oracle.js';
import { ALL_IDENTITIES } from './helpers.js';
import { RawConnection, type RawResponse } from './http-client.js';

// FUZZ_SEED and FUZZ_SCALE (a multiplier of the runs) explore further by hand; `npm test` uses the defaults.
const SEED = Number(process.env.FUZZ_SEED ?? 20240501);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const DIRECT_RUNS = 12_000 * SCALE;
const SOCKET_RUNS = 800 * SCALE;

const oracle = credentialOracle(ALL_IDENTITIES);
const SEEDS: readonly HeaderLine[] = ALL_IDENTITIES.flatMap(validLines);

type Mutation =
  | { readonly kind: 'flip-case'; readonly line: number; readonly at: number; readonly inName: boolean }
  | { readonly kind: 'insert'; readonly line: number; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly line: number; readonly at: number; readonly count: number }
  | { readonly kind: 'replace'; readonly line: number; readonly at: number; readonly text: string }
  | { readonly kind: 'surround'; readonly line: number; readonly before: string; readonly after: string }
  | { readonly kind: 'scheme'; readonly line: number; readonly scheme: string }
  | { readonly kind: 'parameters'; readonly line: number; readonly parameters: string }
  | { readonly kind: 'rename'; readonly line: number; readonly name: string }
  | { readonly kind: 'duplicate'; readonly line: number }
  | { readonly kind: 'add'; readonly added: HeaderLine }
  | { readonly kind: 'drop'; readonly line: number };

/** Characters that mean something to one of the parsers, and bytes that mean something to none. */
const SPECIAL = fc.constantFrom(' ', '  ', '\t', ',', ', ', '=', '/', ':', ';', '"', '\\', '+', '-', '_', '!', '==', '\u0000', '\r', '\n', '\u007f', '\u0080', '\u00a3', '\u00ff');
const LATIN1 = fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 4 });
const INSERTED = fc.oneof(SPECIAL, LATIN1, fc.base64String({ minLength: 4, maxLength: 8 }));
const SCHEMES = fc.oneof(
  fc.constantFrom('Basic', 'basic', 'BASIC', 'AWS', 'aws', 'AWS4-HMAC-SHA256', 'aws4-hmac-sha256', 'AWS4-ECDSA-P256-SHA256', 'AWS4', 'AWS4-', 'AWS2'),
  fc.constantFrom('Bearer', 'Digest', 'Negotiate', 'HAHAHA', '', 'Basic,', 'AWS:', 'AWS4-HMAC-SHA256Credential='),
  fc.string({ unit: 'binary-ascii', maxLength: 10 }),
);
/** Usernames and passwords of every identity, so that Basic tokens pair one's user with another's password. */
const USER_PARTS = fc.constantFrom(...ALL_IDENTITIES.flatMap((i) => [i.username, i.password]), '', ':', 'x');
const PARAMETERS = fc.oneof(
  fc.base64String({ maxLength: 64 }),
  fc.tuple(USER_PARTS, USER_PARTS).map(([user, password]) => Buffer.from(`${user}:${password}`, 'utf8').toString('base64')),
  fc.constantFrom(...ALL_IDENTITIES.map((i) => i.accessKey)).map((key) => `Credential=${key}/x, Credential=${key}/y`),
  fc.constantFrom(...ALL_IDENTITIES.map((i) => i.accessKey)).map((key) => `SignedHeaders=Credential=${key}/x, Signature=s`),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
);
const NAMES = fc.constantFrom('Authorization', 'X-v3io-session-key', 'AUTHORIZATION', 'x-v3io-session-key', 'Proxy-Authorization', 'X_v3io_session_key', 'X-v3io-session-keys', 'Cookie', 'X-v3io-session-key ', 'Authorization\t');

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('flip-case' as const), line: fc.nat(), at: fc.nat(), inName: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), line: fc.nat(), at: fc.nat(), text: INSERTED }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), line: fc.nat(), at: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), line: fc.nat(), at: fc.nat(), text: INSERTED }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('surround' as const), line: fc.nat(), before: fc.constantFrom('', ' ', '\t', ' \t '), after: fc.constantFrom('', ' ', '\t', '\t ') }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('scheme' as const), line: fc.nat(), scheme: SCHEMES }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('parameters' as const), line: fc.nat(), parameters: PARAMETERS }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('rename' as const), line: fc.nat(), name: NAMES }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('add' as const), added: fc.constantFrom(...SEEDS) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }), weight: 1 },
);

function flipCase(text: string, at: number): string {
  if (text === '') return text;
  const i = at % text.length;
  const c = text[i]!;
  const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  // Only flips that stay one latin1 character: the wire carries nothing else.
  return flipped.length === 1 && flipped.charCodeAt(0) <= 0xff ? text.slice(0, i) + flipped + text.slice(i + 1) : text;
}

function splice(text: string, at: number, remove: number, insert: string): string {
  const i = text === '' ? 0 : at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + remove);
}

function mutate(lines: readonly HeaderLine[], mutation: Mutation): HeaderLine[] {
  const result = [...lines];
  if (mutation.kind === 'add') return [...result, mutation.added];
  if (result.length === 0) return result;
  const index = mutation.line % result.length;
  const [name, value] = result[index]!;
  const space = value.indexOf(' ');
  const set = (line: HeaderLine): HeaderLine[] => result.map((old, i) => (i === index ? line : old));
  switch (mutation.kind) {
    case 'flip-case':
      return set(mutation.inName ? [flipCase(name, mutation.at), value] : [name, flipCase(value, mutation.at)]);
    case 'insert':
      return set([name, splice(value, mutation.at, 0, mutation.text)]);
    case 'delete':
      return set([name, splice(value, mutation.at, mutation.count, '')]);
    case 'replace':
      return set([name, splice(value, mutation.at, mutation.text.length, mutation.text)]);
    case 'surround':
      return set([name, `${mutation.before}${value}${mutation.after}`]);
    case 'scheme':
      return set([name, space < 0 ? mutation.scheme : `${mutation.scheme}${value.slice(space)}`]);
    case 'parameters':
      return set([name, space < 0 ? `${value} ${mutation.parameters}` : `${value.slice(0, space)} ${mutation.parameters}`]);
    case 'rename':
      return set([mutation.name, value]);
    case 'duplicate':
      return [...result.slice(0, index + 1), [name, value], ...result.slice(index + 1)];
    case 'drop':
      return result.filter((_, i) => i !== index);
  }
}

/** One or two valid lines, then up to four mutations; now and then a line of pure noise instead. */
const REQUEST_LINES: fc.Arbitrary<HeaderLine[]> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.array(fc.constantFrom(...SEEDS), { minLength: 1, maxLength: 2 }), fc.array(MUTATION, { maxLength: 4 }))
      .map(([seeds, mutations]) => mutations.reduce(mutate, seeds)),
    weight: 9,
  },
  { arbitrary: fc.array(fc.tuple(NAMES, fc.string({ unit: 'binary-ascii', maxLength: 60 })), { minLength: 1, maxLength: 2 }), weight: 1 },
);

/** Rewrites the values of the lines named `name` (case-insensitively), then authenticates for real. */
function rewriting(name: string, rewrite: (value: string) => string): AuthFn {
  return (request, directory) =>
    authenticate({ ...request, rawHeaders: request.rawHeaders.map((item, i) => (i % 2 === 1 && request.rawHeaders[i - 1]!.toLowerCase() === name ? rewrite(item) : item)) }, directory);
}

const KEYS = ALL_IDENTITIES.map((i) => i.accessKey);

/** Deviations a lenient implementation could have; the fuzzer must notice each. */
const BROKEN_AUTHENTICATIONS: ReadonlyArray<readonly [string, AuthFn]> = [
  ['compares session keys case-insensitively', rewriting('x-v3io-session-key', (v) => KEYS.find((k) => k.toLowerCase() === v.trim().toLowerCase()) ?? v)],
  ['accepts a session key followed by junk', rewriting('x-v3io-session-key', (v) => KEYS.find((k) => v.trim().startsWith(k)) ?? v)],
  ['decodes Base64 leniently (drops characters outside the alphabet, pads)', rewriting('authorization', (v) => {
    const match = /^(\s*basic +)(.*)$/i.exec(v);
    if (!match) return v;
    let token = match[2]!.replace(/[^A-Za-z0-9+/]/g, '');
    while (token.length % 4 !== 0) token += '=';
    return `${match[1]}${Buffer.from(Buffer.from(token, 'base64').toString('latin1'), 'latin1').toString('base64')}`;
  })],
  ['takes the first of two Authorization lines', (request, directory) => {
    const seen = request.rawHeaders.findIndex((item, i) => i % 2 === 0 && item.toLowerCase() === 'authorization');
    const rawHeaders = request.rawHeaders.filter((_, i) => !(i > seen + 1 && (i % 2 === 0 ? request.rawHeaders[i] : request.rawHeaders[i - 1])!.toLowerCase() === 'authorization'));
    return authenticate({ ...request, rawHeaders: seen < 0 ? request.rawHeaders : rawHeaders }, directory);
  }],
  ['finds the SigV4 Credential by substring search', rewriting('authorization', (v) => {
    const key = /^\s*aws4-\S*\s.*Credential=([^/]*)\//i.exec(v)?.[1];
    return key === undefined ? v : `AWS4-HMAC-SHA256 Credential=${key}/x`;
  })],
];

function describeLines(lines: readonly HeaderLine[]): string {
  return JSON.stringify(lines);
}

/** Tallies, so that a run that accepts nothing (or everything) shows up as a failure too. */
class Tally {
  must = 0;
  may = 0;
  rejected = 0;
  note(verdict: Verdict): void {
    if (verdict.must) this.must += 1;
    else if (verdict.may) this.may += 1;
    else this.rejected += 1;
  }
}

describe('authentication under random and mutated credentials (property-based)', function () {
  this.timeout(60_000);
  const directory = createIdentityDirectory(ALL_IDENTITIES);

  it('the oracle accepts every seed as its identity', () => {
    for (const identity of ALL_IDENTITIES) {
      for (const line of validLines(identity)) expect(oracle.judge([line]), describeLines([line])).to.deep.equal({ must: identity.name, may: identity.name });
    }
  });

  /** The property over `authenticate()`: never throws, accepts only what the oracle allows, always what it must. */
  function acceptsOnlyValid(auth: AuthFn, tally = new Tally()): fc.IPropertyWithHooks<[HeaderLine[]]> {
    return fc.property(REQUEST_LINES, (lines) => {
      const verdict = oracle.judge(lines);
      tally.note(verdict);
      const decision = auth({ method: 'GET', url: '/bigdata/', rawHeaders: ['Host', '127.0.0.1', ...lines.flat()] }, directory);
      if (decision.kind === 'authenticated') {
        expect(decision.identity.name, `accepted ${describeLines(lines)}`).to.equal(verdict.may);
      } else {
        expect([400, 401, 431]).to.include(decision.status);
        expect(verdict.must, `rejected ${describeLines(lines)} (${decision.reason})`).to.equal(undefined);
      }
    });
  }

  it(`authenticate() never throws and accepts only what the oracle allows (${DIRECT_RUNS} requests)`, () => {
    const tally = new Tally();
    fc.assert(acceptsOnlyValid(authenticate, tally), { seed: SEED, numRuns: DIRECT_RUNS, endOnFailure: true });
    // The mutations neither always break the credential nor never do.
    expect(tally.must, 'requests that must be accepted').to.be.greaterThan(DIRECT_RUNS / 10);
    expect(tally.rejected, 'requests that must be rejected').to.be.greaterThan(DIRECT_RUNS / 3);
  });

  // The property has teeth: each of these lenient parsers is caught within a few thousand requests.
  for (const [deviation, broken] of BROKEN_AUTHENTICATIONS) {
    it(`catches an authentication that ${deviation}`, () => {
      const details = fc.check(acceptsOnlyValid(broken), { seed: SEED, numRuns: 4000, endOnFailure: true });
      expect(details.failed, deviation).to.equal(true);
    });
  }

  describe('over a real socket', () => {
    let server: ReferenceServer;
    let port: number;
    let connection: RawConnection | undefined;

    before(async () => {
      server = await startReferenceServer({ port: 0 });
      port = Number(new URL(server.url).port);
    });
    after(async () => {
      connection?.close();
      await server.close();
    });

    /** One request on the kept-alive connection, reopened after the server closed it. */
    async function exchange(lines: readonly HeaderLine[]): Promise<RawResponse> {
      connection ??= await RawConnection.open(port);
      const head = ['GET /bigdata/ HTTP/1.1', 'Host: 127.0.0.1', ...lines.map(([name, value]) => `${name}: ${value}`), '', ''].join('\r\n');
      connection.write(head);
      const response = await connection.read();
      if (response.headers['connection'] === 'close') {
        connection.close();
        connection = undefined;
      }
      return response;
    }

    /** What Node's parser refuses before the reference sees it: a name that is not a token, a control character in a value. */
    function breaksFraming(lines: readonly HeaderLine[]): boolean {
      return lines.some(([name, value]) => !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value));
    }

    it(`never answers 5xx nor resets, and accepts only what the oracle allows (${SOCKET_RUNS} requests)`, async () => {
      const tally = new Tally();
      await fc.assert(
        fc.asyncProperty(REQUEST_LINES, async (lines) => {
          const response = await exchange(lines);
          const what = `${response.status} for ${describeLines(lines)}`;
          expect(response.status, what).to.be.lessThan(500);
          if (breaksFraming(lines)) {
            expect(response.status, what).to.equal(400);
            return;
          }
          const verdict = oracle.judge(lines);
          tally.note(verdict);
          if (response.status === 200 || response.status === 403) {
            // 403: authenticated as the identity without permission on the container.
            expect(verdict.may, what).to.not.equal(undefined);
            expect(response.status, what).to.equal(verdict.may === 'denied' ? 403 : 200);
          } else {
            expect([400, 401], what).to.include(response.status);
            expect(verdict.must, what).to.equal(undefined);
          }
        }),
        { seed: SEED, numRuns: SOCKET_RUNS, endOnFailure: true },
      );
      expect(tally.must).to.be.greaterThan(SOCKET_RUNS / 10);
      expect(tally.rejected).to.be.greaterThan(SOCKET_RUNS / 5);
    });
  });
});
