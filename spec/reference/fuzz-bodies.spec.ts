/**
 * Property-based robustness of the served reference behind authentication: random and mutated
 * JSON bodies for every `X-v3io-function` the reference offers (taken from its registry, so new
 * functions are covered as they come), random `Range` headers on objects, random bytes — never a
 * 5xx, never a reset, and the connection keeps serving (fixed seed, bounded runs).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { V3IO_FUNCTIONS } from '../../src/reference/functions.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { MAIN } from './helpers.js';
import { RawConnection, type RawResponse } from './http-client.js';

// FUZZ_SEED and FUZZ_SCALE (a multiplier of the runs) explore further by hand; `npm test` uses the defaults.
const SEED = Number(process.env.FUZZ_SEED ?? 20240502);
const RUNS = 600 * Number(process.env.FUZZ_SCALE ?? 1);
const SESSION_KEY = `X-v3io-session-key: ${MAIN.accessKey}`;

/** Calls a client would make, each coherent (function, path, body), to be sent as they are or mutated. */
const SEED_CALLS: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
  ['PutItem', '/bigdata/table/', { Key: { id: { S: 'a' } }, Item: { n: { N: '1' }, s: { S: 'x' }, b: { BOOL: true }, bin: { B: 'aGk=' } } }],
  ['PutItem', '/bigdata/table/item', { Item: { n: { N: '2' } } }],
  ['GetItem', '/bigdata/table/', { Key: { id: { S: 'a' } }, AttributesToGet: 'n,s' }],
  ['GetItem', '/bigdata/table/item', { AttributesToGet: '*' }],
  ['UpdateItem', '/bigdata/table/item', { UpdateExpression: "SET n = n + 1; s = 'y'; REMOVE b", ConditionExpression: 'exists(n) and n < 100' }],
  ['UpdateItem', '/bigdata/table/new', { UpdateExpression: 'SET c = if_not_exists(c, 0) + 1' }],
  ['GetItems', '/bigdata/table/', { FilterExpression: "n > 1 and not (s == 'x' or b == true)", Limit: 2, AttributesToGet: '*' }],
  ['GetItems', '/bigdata/table/', { Marker: 'a', Limit: 1 }],
  ['CreateStream', '/bigdata/stream2/', { ShardCount: 2, RetentionPeriodHours: 1 }],
  ['DescribeStream', '/bigdata/stream/', {}],
  ['UpdateStream', '/bigdata/stream/', { ShardCount: 3 }],
  ['PutRecords', '/bigdata/stream/', { Records: [{ Data: 'aGVsbG8=' }, { Data: 'd29ybGQ=', ShardId: 1 }] }],
  ['Seek', '/bigdata/stream/0', { Type: 'EARLIEST' }],
  ['Seek', '/bigdata/stream/1', { Type: 'SEQUENCE', StartingSequenceNumber: 1 }],
  ['Seek', '/bigdata/stream/0', { Type: 'TIME', TimestampSec: 0, TimestampNSec: 0 }],
  ['GetRecords', '/bigdata/stream/0', { Location: 'AQAAAAAAAAAAAAAAAAAAAAAAAAA=', Limit: 10 }],
];

const FIELD_NAMES = [...new Set(SEED_CALLS.flatMap(([, , body]) => Object.keys(body)))];

/** A seed body as it is, with a field set to any JSON value, or its text with characters inserted and deleted. */
function mutatedBody(body: Record<string, unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(JSON.stringify(body)), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 3 })).map(([field, value]) => JSON.stringify({ ...body, [field]: value })), weight: 3 },
    {
      arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.string({ unit: 'binary-ascii', maxLength: 3 })).map(([at, remove, insert]) => {
        const text = JSON.stringify(body);
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + remove);
      }),
      weight: 2,
    },
  );
}

const RANDOM_BODY: fc.Arbitrary<Buffer> = fc.oneof(
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text, 'utf8')),
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }).map((body) => Buffer.from(JSON.stringify(body), 'utf8')),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

const PATHS = [...new Set(SEED_CALLS.map(([, path]) => path)), '/bigdata/', '/bigdata/object', '/bigdata/a%2Fb', '/bigdata/../x', '/'];

const RANGE = fc.oneof(
  fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=5-', 'bytes=1-0', 'bytes=a-b', 'bytes=0-1,2-3', 'bytes=99999999999999999999-', 'bytes=-0', '-1', '-2', 'bytes=0-', ''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
);

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly lines: readonly string[];
  readonly body: Buffer;
}

const FUNCTION_CALL: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // A coherent call, perhaps mutated: reaches the functions' logic rather than their first check.
  {
    arbitrary: fc
      .constantFrom(...SEED_CALLS)
      .chain(([name, path, body]) => fc.tuple(fc.constant(name), fc.constant(path), fc.constantFrom('POST', 'PUT'), mutatedBody(body)))
      .map(([name, path, method, text]) => ({ method, path, lines: [SESSION_KEY, `X-v3io-function: ${name}`], body: Buffer.from(text, 'latin1') })),
    weight: 3,
  },
  // Anything: any function (or an unknown one) on any path with any body.
  {
    arbitrary: fc
      .record({
        method: fc.constantFrom('POST', 'PUT'),
        path: fc.constantFrom(...PATHS),
        name: fc.oneof({ arbitrary: fc.constantFrom(...Object.keys(V3IO_FUNCTIONS)), weight: 9 }, { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: 1 }),
        body: RANDOM_BODY,
      })
      .map(({ method, path, name, body }) => ({ method, path, lines: [SESSION_KEY, `X-v3io-function: ${name}`], body })),
    weight: 1,
  },
);

const OBJECT_CALL: fc.Arbitrary<FuzzRequest> = fc
  .record({ method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE'), path: fc.constantFrom(...PATHS), range: fc.option(RANGE), body: RANDOM_BODY })
  .map(({ method, path, range, body }) => ({
    method,
    path,
    lines: range === null ? [SESSION_KEY] : [SESSION_KEY, `Range: ${range}`],
    body: method === 'PUT' || method === 'POST' ? body : Buffer.alloc(0),
  }));

describe('served reference under random bodies, functions and ranges (property-based)', function () {
  this.timeout(60_000);
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

  async function exchange(request: FuzzRequest): Promise<RawResponse> {
    connection ??= await RawConnection.open(port);
    const response = await connection.exchange(request.method, request.path, request.lines, request.body.length > 0 ? request.body : undefined);
    if (response.headers['connection'] === 'close') {
      connection.close();
      connection = undefined;
    }
    return response;
  }

  it(`never answers 5xx nor resets (${RUNS} requests)`, async () => {
    // Something to act on: a stream and an item, which the fuzzed requests then read, change or delete.
    await exchange({ method: 'POST', path: '/bigdata/stream/', lines: [SESSION_KEY, 'X-v3io-function: CreateStream'], body: Buffer.from('{"ShardCount": 2, "RetentionPeriodHours": 1}') });
    await exchange({ method: 'PUT', path: '/bigdata/object', lines: [SESSION_KEY], body: Buffer.from('0123456789') });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: FUNCTION_CALL, weight: 3 }, { arbitrary: OBJECT_CALL, weight: 1 }), async (request) => {
        const response = await exchange(request);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${request.method} ${request.path} ${request.lines.slice(1).join(' ')} ${request.body.toString('latin1')}`).to.be.within(200, 499);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Both sides were reached: successes and rejections.
    expect([...statuses.keys()].some((status) => status < 300)).to.equal(true);
    expect([...statuses.keys()].some((status) => status >= 400)).to.equal(true);
  });
});
