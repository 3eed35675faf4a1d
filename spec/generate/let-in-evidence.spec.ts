/**
 * The collection's rendering of "let in" on evidence (`letInOnEvidence`), run by newman against
 * small servers: a 2xx is a MUST failure when the body shows the protected content or the write
 * happened (read back after the 2xx), a SHOULD failure naming what the body was otherwise — as the
 * Node judge decides (spec/judge/judge-case.spec.ts).
 */
import { expect } from 'chai';
import type { HttpCase } from '../../src/cases/model.js';
import { request } from '../../src/cases/operations.js';
import { buildCollection } from '../../src/generate/collection.js';
import { acceptEverything, runCollection, startServer, type Responder, type RunResult, type TestServer } from './newman-harness.js';
import { SAMPLE_SECRETS } from './sample-cases.js';

const base = {
  kind: 'http',
  family: 'sample',
  requirement: 'a sample requirement for the generator tests',
  sources: ['RFC 3986 §3.3'],
  profiles: ['v3io'],
  form: 'cross-cutting',
  level: 'must',
} as const;

/** A path parameter on the object's name: a spelling a router may strip. */
const SPELT_READ: HttpCase = {
  ...base,
  id: 'sample-spelt-get-object',
  title: 'rejects a GET of the object spelt with a path parameter',
  request: request('get-object', [], { path: '/{{container}}/{{fixtureObject}};v3io' }),
  expect: { outcome: 'unauthenticated', letInOnEvidence: true },
};
const SPELT_WRITE: HttpCase = {
  ...base,
  id: 'sample-spelt-put-object',
  title: 'rejects a PUT of the scratch object spelt with a path parameter',
  request: request('put-object', [], { path: '/{{container}}/{{scratchObject}};v3io' }),
  expect: { outcome: 'unauthenticated', letInOnEvidence: true },
};

/** Objects by path (the path parameter stripped, as a lenient router does): PUT stores, GET reads, 404 when absent. */
function objectStore(): Responder {
  const objects = new Map<string, string>();
  return (req, res) => {
    const path = req.url.split('?')[0]!.replace(/;[^/]*$/, '');
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method === 'PUT') {
      objects.set(path, req.body);
      return send(200, '');
    }
    const stored = objects.get(path);
    return stored === undefined ? send(404, '') : send(200, stored);
  };
}

/** 200 with a root listing of no containers to every GET, 200 to writes, storing nothing. */
const rootListingToEverything: Responder = (req, res) => {
  const body = req.method === 'GET' ? '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>' : '';
  res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

const variables = (baseUrl: string): Record<string, string> => ({ baseUrl, container: 'bigdata', accessKey: SAMPLE_SECRETS.accessKey, username: 'u', password: SAMPLE_SECRETS.password });

/** The case's primary check as the script reported it: `[LEVEL] title => passed | failed: message`. */
function primary(run: RunResult, testCase: HttpCase): string[] {
  return run.assertions.filter((a) => a.item === testCase.id && a.name.endsWith(`] ${testCase.title}`)).map((a) => `${a.name} => ${a.error ? `failed: ${a.error}` : 'passed'}`);
}

async function runAgainst(responder: Responder): Promise<RunResult> {
  const server: TestServer = await startServer(responder);
  try {
    const run = await runCollection(buildCollection([SPELT_READ, SPELT_WRITE]), variables(server.baseUrl));
    expect(run.exceptions).to.deep.equal([]);
    return run;
  } finally {
    await server.close();
  }
}

describe('the collection judges a let-in on evidence', function () {
  this.timeout(60_000);

  it("a read that shows the fixture's content, and a write whose read-back changed: MUST failures", async () => {
    const store = objectStore();
    // The fixture object as the suite's setup would have put it.
    const run = await runAgainst((req, res) => (req.method === 'GET' && req.url.includes('fixture.txt') ? acceptEverything(req, res) : store(req, res)));
    expect(primary(run, SPELT_READ)).to.deep.equal([
      `[MUST] ${SPELT_READ.title} => failed: Expected a 4xx rejection, got 200 with the fixture object's content in its body for GET /bigdata/v3io-auth-conformance/fixture.txt;v3io`,
    ]);
    expect(primary(run, SPELT_WRITE)).to.deep.equal([
      `[MUST] ${SPELT_WRITE.title} => failed: Expected a 4xx rejection, got 200 and the scratch object changed (the body) for PUT /bigdata/v3io-auth-conformance/scratch.txt;v3io`,
    ]);
  });

  it('a 2xx that shows something else and wrote nothing: SHOULD failures that say what the body was', async () => {
    const run = await runAgainst(rootListingToEverything);
    expect(primary(run, SPELT_READ)).to.deep.equal([
      `[SHOULD] ${SPELT_READ.title} => failed: Expected a 4xx rejection, got 200 with an XML body <ListAllMyBucketsResult>, nothing of what the request must not reach (the server read it as another resource) for GET /bigdata/v3io-auth-conformance/fixture.txt;v3io`,
    ]);
    expect(primary(run, SPELT_WRITE)).to.deep.equal([
      `[SHOULD] ${SPELT_WRITE.title} => failed: Expected a 4xx rejection, got 200 with an empty body, nothing of what the request must not reach (the server read it as another resource) for PUT /bigdata/v3io-auth-conformance/scratch.txt;v3io`,
    ]);
  });

  it('a rejection passes at MUST as before', async () => {
    const run = await runAgainst((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="v3io"', 'Content-Length': 0 });
      res.end();
    });
    expect(primary(run, SPELT_READ)).to.deep.equal([`[MUST] ${SPELT_READ.title} => passed`]);
    expect(primary(run, SPELT_WRITE)).to.deep.equal([`[MUST] ${SPELT_WRITE.title} => passed`]);
  });
});
