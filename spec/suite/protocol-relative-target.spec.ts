/**
 * "Let in" on evidence against real servers: a correct server that reads an origin-form target
 * starting with `//` the way `new URL(target, base)` does (a protocol-relative URL: `//bigdata/`
 * names the host `bigdata` and the path `/`) answers the denied key's `GET //bigdata/?max-keys=1`
 * with its root listing — 200, `<ListAllMyBucketsResult>` with no container — and discloses
 * nothing: no MUST failure, a SHOULD failure that says what it showed. A server whose router
 * merges the slashes after checking permissions on the path as spelt lists the container to the
 * same key: still a MUST failure.
 */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { startReferenceServer } from '../../src/reference/server.js';
import type { CaseResult } from '../../src/run/results.js';
import { wireCaseResults as runWireCases } from '../../src/run/wire-cases.js';
import { BROKEN_SERVERS } from '../broken/all.js';
import { startHttpFront, type RunningServer } from '../broken/http-front.js';

const ENVIRONMENT = new Map([
  ['container', REFERENCE_CONTAINER],
  ['accessKey', REFERENCE_IDENTITIES.main.accessKey],
  ['deniedAccessKey', REFERENCE_IDENTITIES.denied.accessKey],
  ['username', REFERENCE_IDENTITIES.main.name],
  ['password', 'unused'],
]);
const SPELLING_CASES = CATALOGUE.filter((c) => c.kind === 'wire' && c.family === 'path-spelling');

/** A correct server in front of the reference whose router resolves a `//` (or `/\`) target as `new URL` does: the root of another host. */
async function protocolRelativeServer(): Promise<RunningServer> {
  const backend = await startReferenceServer({ port: 0, errorLog: () => {} });
  const server = await startHttpFront(backend.url, ({ url }) => {
    // WHATWG URL parsing reads a backslash as a slash in an http URL: `/\bigdata/` too.
    if (!/^[/\\]{2}/.test(url)) return { kind: 'forward' };
    const resolved = new URL(url, 'http://127.0.0.1/');
    return { kind: 'forward', url: `${resolved.pathname}${resolved.search}` };
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await backend.close();
    },
  };
}

async function run(server: RunningServer): Promise<CaseResult[]> {
  try {
    return await runWireCases({ cases: SPELLING_CASES, realTarget: true, baseUrl: server.url, environment: ENVIRONMENT, timeoutMs: 5_000, mask: (text) => text });
  } finally {
    await server.close();
  }
}

const failures = (result: CaseResult | undefined): string[] => (result?.checks ?? []).filter((c) => !c.passed).map((c) => `[${c.level.toUpperCase()}] ${c.message ?? ''}`);

describe('a 2xx to a path spelling is judged on evidence, against real servers', function () {
  this.timeout(60_000);

  it('a server that reads //bigdata/ as protocol-relative and answers the root listing: no MUST failure, the SHOULD failure says what it showed', async () => {
    const results = await run(await protocolRelativeServer());
    expect(results.filter((r) => r.failedLevel === 'must').map((r) => r.id)).to.deep.equal([]);
    const doubleSlash = results.find((r) => r.id === 'cross-wire-path-double-slash-denied-key');
    expect(doubleSlash?.actual).to.include({ status: 200 });
    expect(failures(doubleSlash)).to.deep.equal([
      '[SHOULD] Expected a 4xx rejection, got 200 with an XML body <ListAllMyBucketsResult>, nothing of what the request must not reach (the server read it as another resource) for GET //bigdata/?max-keys=1',
      '[SHOULD] Expected 403, 400 or 404, got 200 for GET //bigdata/?max-keys=1',
    ]);
    const backslash = results.find((r) => r.id === 'cross-wire-path-backslash-denied-key');
    expect(backslash?.failedLevel).to.equal('should');
    expect(backslash?.actual).to.include({ status: 200 });
  });

  it('a server that checks permissions on the path as spelt and merges the slashes: the listing to the denied key is still a MUST failure', async () => {
    const broken = BROKEN_SERVERS.find((s) => s.id === 'authorizes-the-path-as-spelt')!;
    const results = await run(await broken.start());
    const doubleSlash = results.find((r) => r.id === 'cross-wire-path-double-slash-denied-key');
    expect(doubleSlash?.failedLevel).to.equal('must');
    expect(failures(doubleSlash)).to.include("[MUST] Expected a 4xx rejection, got 200 with the container's name or entries in its body for GET //bigdata/?max-keys=1");
  });
});
