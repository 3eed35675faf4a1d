/**
 * The native engine in-process against the served reference: each case's plan sent in order and
 * recorded as newman records it; a run stopped by a signal keeps what it judged (partial reports);
 * the embedded run needs no port.
 */
import { expect } from 'chai';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HarnessError } from '../../src/errors.js';
import { chooseReporters } from '../../src/report/reporters.js';
import { packageRoot, PROFILE_PATHS } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import type { ItemRecord as ItemTrace } from '../../src/run/engine.js';
import { runConformance, type ConformanceRunOptions as RunOptions } from '../../src/commands/conformance-run.js';
import { tempDir } from '../support/cli.js';
import { readReport } from '../support/report.js';

describe('the native engine', function () {
  this.timeout(120_000);
  let server: ReferenceServer;
  before(async () => {
    server = await startReferenceServer({ port: 0, errorLog: () => {} });
  });
  after(() => server.close());

  const options = (extra: Partial<RunOptions>): RunOptions => ({
    target: server.url,
    envFile: join(packageRoot(), PROFILE_PATHS.v3io.referenceEnvironment),
    processEnv: {},
    outDir: tempDir('v3io-native-'),
    strict: false,
    timeoutMs: 10_000,
    reporters: [],
    engine: 'native',
    ...extra,
  });

  it("sends a rejection's arrangement and before-snapshot, the request, then the after-snapshot; an accepted case its preparation", async () => {
    const traces = new Map<string, ItemTrace>();
    const outcome = await runConformance(options({ selection: { grep: /^(cross-unknown-key-put-object|cross-valid-session-key-get-records)$/ }, onEvent: (e) => e.type === 'step-done' && traces.set(e.trace.id, e.trace) }));
    expect(outcome.report.cases.map((c) => [c.id, c.outcome])).to.deep.equal([
      ['cross-valid-session-key-get-records', 'pass'],
      ['cross-unknown-key-put-object', 'pass'],
    ]);
    const rejected = traces.get('cross-unknown-key-put-object')!;
    expect(rejected.steps.map((r) => `${r.role} ${r.method}`)).to.deep.equal(['preparation PUT', 'before GET', 'after GET']);
    expect(rejected.response?.status).to.equal(401);
    const accepted = traces.get('cross-valid-session-key-get-records')!;
    expect(accepted.steps.map((r) => `${r.role} ${r.method} ${r.response?.status}`)).to.deep.equal(['preparation POST 200', 'preparation POST 200', 'preparation PUT 200']);
    // The captured Location was sent: GetRecords got the record the preparation put.
    expect(JSON.parse(accepted.response!.body.toString('utf8')).Records).to.have.length.greaterThan(0);
    expect([...traces.keys()]).to.include.members(['setup-put-fixture-object']);
  });

  it('opens no more connections than --concurrency (and one after each HEAD, which undici closes), so a one-connection server is not kept waiting', async () => {
    // A TCP relay to the reference that counts the connections made to it.
    let connections = 0;
    const relay = createServer((client) => {
      connections += 1;
      const upstream = connect(Number(new URL(server.url).port), '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      for (const concurrency of [1, 3]) {
        connections = 0;
        let heads = 0;
        const outcome = await runConformance(
          options({
            target: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
            concurrency,
            // No wire case: each has a connection of its own.
            selection: { grep: /^(session-key-(?!wire-)|cross-valid-)/ },
            onEvent: (e) => {
              if (e.type !== 'step-done') return;
              heads += [e.trace.method, ...e.trace.steps.map((r) => r.method)].filter((m) => m === 'HEAD').length;
            },
          }),
        );
        expect(outcome.report.cases.length, 'cases run').to.be.greaterThan(20);
        // The preflight's connection, the pool's, one more after each HEAD.
        expect(connections, `connections at concurrency ${concurrency}`).to.be.at.most(1 + concurrency + heads);
      }
    } finally {
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  it('stopped by a signal: rejects with its reason and writes partial reports with the cases judged so far', async () => {
    const stop = new AbortController();
    let judged = 0;
    const out = tempDir('v3io-native-stopped-');
    const run = runConformance(
      options({
        outDir: out,
        reporters: chooseReporters(['json']).files,
        concurrency: 1,
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type !== 'step-done') return;
          judged += 1;
          if (judged === 10) stop.abort(new HarnessError('interrupted', 'interrupted by SIGINT', 130));
        },
      }),
    );
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(HarnessError);
    expect((error as HarnessError).exitCode).to.equal(130);
    const report = readReport(out);
    expect(report.verdict).to.equal('error');
    const run_ = report.cases.filter((c) => !(c.reason ?? '').startsWith('not run'));
    expect(run_.length).to.be.greaterThan(0).and.lessThan(20);
    expect(report.cases.length - run_.length).to.be.greaterThan(100);
  });

  it('runs embedded with no port to configure: every case, the wire cases included, passes', async () => {
    const outcome = await runConformance({ ...options({}), target: undefined, envFile: undefined, selection: { grep: /valid|-wire-/ } });
    expect(outcome.report.target.mode).to.equal('embedded');
    expect(outcome.report.cases.filter((c) => c.outcome !== 'pass').map((c) => c.id)).to.deep.equal([]);
    expect(outcome.report.cases.some((c) => c.id.includes('-wire-'))).to.equal(true);
  });
});
