/**
 * One judge, two renderings: the committed v3io collection, run with its own scripts under newman
 * (in-process, one run per server), against the reference and the judge's own servers
 * (spec/broken/judge-servers.ts) — the whole catalogue, or the cases a server is about — and
 * broken servers, each with the cases that catch it: together they make every check pass and
 * fail. For every case newman sent, the scripts'
 * `pm.test` results must equal the Node judge's checks, check for check (name, level, passed), and
 * the scripts' skipped tests the judge's inconclusive checks. The same runs then show what the
 * judge's servers are for: a failed fixture step is inconclusive, never a MUST failure; bodies an
 * SDK reads are enough; a rejected write that changed data is still a MUST failure.
 */
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { isHttpCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { CHECKS } from '../../src/judge/index.js';
import { packageRoot, PROFILE_PATHS } from '../../src/package-info.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { startReferenceServer } from '../../src/reference/server.js';
import type { RunReport } from '../../src/report/run-report.js';
import type { ItemRecord as ItemTrace } from '../../src/run/engine.js';
import { runConformance } from '../../src/commands/conformance-run.js';
import { bodiesSdkCannotRead, otherBodiesSdkReads, rateLimitsGetItem, streamDeletionFails, unavailableForGetItems } from '../broken/judge-servers.js';
import { BROKEN_VARIANTS } from '../broken/variants.js';
import { tempDir } from '../support/cli.js';

interface Server {
  readonly id: string;
  readonly reference: () => Reference;
  /** The cases run against it; absent: the whole catalogue. */
  readonly grep?: RegExp;
}

/** Broken servers whose failures cover every check with both outcomes (with the reference and the judge's servers), and further cases to run on each. */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  'no-challenge': [],
  'echoes-credential-in-error': [],
  'writes-before-authenticating': [],
  'body-before-authentication': [],
  'challenge-without-realm': [],
  'plain-text-errors': [],
  'offers-protected-to-shared-caches': [],
  // basic-unknown-user's second request (a wrong password) is let in: not the same response.
  'basic-ignores-password': ['basic-unknown-user'],
};

const exactly = (ids: readonly string[]): RegExp => new RegExp(`^(${ids.join('|')})$`);
/** Every case newman sends: the wire cases (raw sockets, not in the collection) left out; no title matches (titles have spaces). */
const COLLECTION_CASES = /^(?!.*-wire-)[a-z0-9-]+$/;

/** The accept cases whose answers other-bodies-sdk-reads changes: the container listing and GetItems. */
const OTHER_BODIES_CASES = CATALOGUE.filter((c) => c.expect.outcome === 'accept' && COLLECTION_CASES.test(c.id) && isHttpCase(c) && ['list-containers', 'get-items'].includes(c.request.operation)).map((c) => c.id);

const SERVERS: readonly Server[] = [
  { id: 'reference', reference: () => createReference(), grep: COLLECTION_CASES },
  ...Object.entries(VARIANTS).map(([id, more]) => {
    const variant = BROKEN_VARIANTS.find((v) => v.id === id);
    if (!variant) throw new Error(`no broken variant ${id}`);
    return { id, reference: variant.reference, grep: exactly([...variant.caughtBy, ...more]) };
  }),
  { id: 'stream-deletion-fails', reference: streamDeletionFails, grep: /stream|records|seek/ },
  // Its bodies differ from the reference's only where a request is let in, and there only for the
  // container listing and GetItems: the accept cases of those (the others get the reference's answers).
  { id: 'other-bodies-sdk-reads', reference: otherBodiesSdkReads, grep: exactly(OTHER_BODIES_CASES) },
  { id: 'bodies-sdk-cannot-read', reference: bodiesSdkCannotRead, grep: /valid.*(list-containers|get-item)/ },
  { id: 'rate-limits-get-item', reference: rateLimitsGetItem, grep: /-get-item$/ },
  { id: 'unavailable-for-get-items', reference: unavailableForGetItems, grep: /-get-items$/ },
];

interface ServerRun {
  readonly report: RunReport;
  readonly traces: ReadonlyMap<string, ItemTrace>;
  readonly ms: number;
}

async function runAgainst(server: Server): Promise<ServerRun> {
  const served = await startReferenceServer({ port: 0, reference: server.reference(), errorLog: () => {} });
  const out = tempDir('v3io-equivalence-');
  const traces = new Map<string, ItemTrace>();
  const started = Date.now();
  try {
    const outcome = await runConformance({
      target: served.url,
      envFile: join(packageRoot(), PROFILE_PATHS.v3io.referenceEnvironment),
      processEnv: {},
      outDir: out,
      strict: false,
      timeoutMs: 10_000,
      reporters: [],
      // Given as --collection: run as it is, its scripts included (the engine's own run has none).
      collectionFile: join(packageRoot(), PROFILE_PATHS.v3io.collection),
      ...(server.grep ? { selection: { grep: server.grep } } : {}),
      onEvent: (event) => event.type === 'step-done' && traces.set(event.trace.id, event.trace),
    });
    return { report: outcome.report, traces, ms: Date.now() - started };
  } finally {
    await served.close();
    rmSync(out, { recursive: true, force: true });
  }
}

const label = (name: string, passed: boolean): string => `${name} => ${passed ? 'passed' : 'failed'}`;
const bracketed = (level: string, name: string): string => `[${level.toUpperCase()}] ${name}`;

describe('the collection and the Node judge agree, check for check', function () {
  this.timeout(900_000);
  const runs = new Map<string, ServerRun>();
  const counts = new Map<string, number>();
  const caseIds = new Set(CATALOGUE.map((c) => c.id));

  before(async () => {
    // The reference's whole-collection run alongside the broken servers' short ones (one after
    // the other): newman spends most of a run waiting, so two side by side take the time of one.
    const [reference, ...others] = SERVERS;
    await Promise.all([
      runAgainst(reference!).then((run) => runs.set(reference!.id, run)),
      (async () => {
        for (const server of others) runs.set(server.id, await runAgainst(server));
      })(),
    ]);
  });

  for (const server of SERVERS) {
    it(`${server.id}: every case's pm.test results equal the judge's checks`, () => {
      const run = runs.get(server.id)!;
      let compared = 0;
      for (const result of run.report.cases) {
        const trace = run.traces.get(result.id);
        if (!trace || !caseIds.has(result.id) || result.outcome === 'skip') continue;
        const scripts = trace.assertions.filter((a) => !a.skipped).map((a) => label(a.name, a.passed)).sort();
        const judge = result.checks.map((c) => label(bracketed(c.level, c.name), c.passed)).sort();
        expect(scripts, `${server.id} ${result.id}`).to.deep.equal(judge);
        const skipped = trace.assertions.filter((a) => a.skipped).map((a) => a.name).sort();
        expect(skipped, `${server.id} ${result.id} (skipped vs inconclusive)`).to.deep.equal((result.inconclusiveChecks ?? []).map((c) => bracketed(c.level, c.name)).sort());
        compared += judge.length + skipped.length;
      }
      expect(compared, 'checks compared').to.be.greaterThan(server.grep === COLLECTION_CASES ? 500 : 4);
      counts.set(server.id, compared);
    });
  }

  it('compares every check the collection renders, with both outcomes (server-answers: never failed here)', () => {
    const seen = new Map<string, Set<string>>();
    for (const run of runs.values()) {
      for (const result of run.report.cases) {
        if (!run.traces.has(result.id)) continue;
        for (const check of result.checks) {
          if (!seen.has(check.id!)) seen.set(check.id!, new Set());
          seen.get(check.id!)!.add(check.passed ? 'passed' : 'failed');
        }
        for (const check of result.inconclusiveChecks ?? []) {
          if (!seen.has(check.id)) seen.set(check.id, new Set());
          seen.get(check.id)!.add('inconclusive');
        }
      }
    }
    const rendered = CHECKS.filter((d) => d.postman !== undefined).map((d) => d.id);
    const outcomes = Object.fromEntries(rendered.map((id) => [id, [...(seen.get(id) ?? [])].sort()]));
    // No server here drops a connection: the check that a request got an answer is made by the
    // scripts and the judge alike only then (spec/suite/run-failures.spec.ts covers it).
    const expected = Object.fromEntries(rendered.map((id) => [id, id === 'server-answers' ? [] : ['failed', 'passed']]));
    for (const id of ['accepted', 'rejected', 'unchanged', 'exact-status']) expected[id] = ['failed', 'inconclusive', 'passed'];
    expect(outcomes).to.deep.equal(expected);
  });

  it('the reference: CONFORMANT, nothing failed, nothing inconclusive', () => {
    const { report } = runs.get('reference')!;
    expect([report.verdict, report.exitCode, report.summary.outcomes.fail, report.summary.outcomes.inconclusive]).to.deep.equal(['conformant', 0, 0, 0]);
  });

  it("a server whose stream deletion fails: the stream cases are inconclusive with the step's answer, never MUST failures", () => {
    const { report } = runs.get('stream-deletion-fails')!;
    expect(report.cases.filter((c) => c.failedLevel === 'must').map((c) => c.id)).to.deep.equal([]);
    const inconclusive = report.cases.filter((c) => c.outcome === 'inconclusive');
    expect(inconclusive.map((c) => c.id)).to.include.members(['cross-no-credentials-create-stream', 'cross-unknown-key-update-stream', 'cross-no-credentials-put-records', 'cross-valid-session-key-create-stream']);
    for (const result of inconclusive) {
      expect(result.reason, result.id).to.match(/^could not (arrange|prepare) .*DELETE \/bigdata\/[^ ]*stream\/ got 400/);
    }
    expect([report.verdict, report.exitCode]).to.deep.equal(['inconclusive', 2]);
  });

  it('a server that answers 429 Too Many Requests to GetItem: those cases are inconclusive (status and acceptance unknown), never failed', () => {
    const { report } = runs.get('rate-limits-get-item')!;
    expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.id)).to.deep.equal([]);
    const accepted = report.cases.find((c) => c.id === 'session-key-valid-get-item')!;
    expect(accepted.outcome).to.equal('inconclusive');
    expect(accepted.inconclusiveChecks?.map((k) => k.id)).to.include('accepted');
    expect(accepted.reason ?? '').to.match(/429 Too Many Requests/);
    const rejected = report.cases.find((c) => c.id === 'cross-unknown-key-get-item')!;
    expect(rejected.checks.find((k) => k.id === 'rejected')?.passed).to.equal(true);
    expect(rejected.inconclusiveChecks?.map((k) => k.id)).to.include('exact-status');
    expect([report.verdict, report.exitCode]).to.deep.equal(['inconclusive', 2]);
  });

  it('a server that answers 503 with Retry-After to GetItems: those cases are inconclusive (acceptance, rejection and status unknown), never failed', () => {
    const { report } = runs.get('unavailable-for-get-items')!;
    expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.id)).to.deep.equal([]);
    const cases = report.cases.filter((c) => c.outcome !== 'skip');
    expect(cases.length).to.be.greaterThan(1);
    for (const result of cases) {
      expect(result.outcome, result.id).to.equal('inconclusive');
      expect(result.reason ?? '', result.id).to.match(/503 Service Unavailable with Retry-After/);
    }
    const judged = new Set(cases.flatMap((c) => (c.inconclusiveChecks ?? []).map((k) => k.id)));
    expect([...judged].sort()).to.include.members(['accepted', 'exact-status', 'rejected']);
    expect([report.verdict, report.exitCode]).to.deep.equal(['inconclusive', 2]);
  });

  it('a server whose root listing and GetItems differ where the SDK does not look: no accept case fails', () => {
    const { report } = runs.get('other-bodies-sdk-reads')!;
    expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.id)).to.deep.equal([]);
    expect([report.verdict, report.exitCode]).to.deep.equal(['conformant', 0]);
  });

  it("a server whose bodies an SDK cannot read: SHOULD failures citing the SDK; a 200 with an error body is not 'let in'", () => {
    const { report } = runs.get('bodies-sdk-cannot-read')!;
    const failed = report.cases.filter((c) => c.outcome === 'fail');
    const bodyChecks = failed.flatMap((c) => c.checks.filter((k) => k.id === 'success-body' && !k.passed).map((k) => ({ id: c.id, level: k.level, sources: k.sources })));
    expect(bodyChecks.map((b) => b.id)).to.include.members(['cross-valid-session-key-list-containers', 'cross-valid-session-key-get-items']);
    for (const check of bodyChecks) {
      expect(check.level).to.equal('should');
      expect(check.sources?.[0]).to.match(/^v3io-py v3io\/dataplane\/output\.py (GetContainersOutput|GetItemsOutput|GetItemOutput)$/);
    }
    const getItem = failed.find((c) => c.id === 'session-key-valid-get-item');
    expect(getItem?.failedLevel).to.equal('must');
    expect(getItem?.checks.find((k) => k.id === 'accepted')?.message).to.match(/^Expected 200 without a V3IO error body, got 200 with one for POST \/bigdata\//);
  });

  it('a server that writes before authenticating: the rejected writes still fail "changed nothing" at MUST level', () => {
    const { report } = runs.get('writes-before-authenticating')!;
    const unchanged = report.cases.filter((c) => c.checks.some((k) => k.id === 'unchanged' && !k.passed)).map((c) => c.id);
    expect(unchanged).to.include.members(['cross-unknown-key-put-object', 'cross-no-credentials-put-item', 'cross-no-credentials-create-stream', 'cross-unknown-key-update-stream', 'cross-no-credentials-put-records']);
    const message = report.cases.find((c) => c.id === 'cross-unknown-key-put-object')?.checks.find((k) => k.id === 'unchanged')?.message;
    expect(message).to.equal('Expected the scratch object unchanged after the rejected PUT /bigdata/' + message?.split('/bigdata/')[1]?.split(',')[0] + ', but reading it back before and after differs in the body');
  });

  after(() => {
    const times = SERVERS.filter((s) => runs.has(s.id)).map(({ id }) => [id, runs.get(id)!] as const).map(([id, run]) => `${id} ${(run.ms / 1000).toFixed(1)} s, ${counts.get(id) ?? 0} checks`);
    console.log(`      runs: ${times.join('; ')}`);
  });
});
