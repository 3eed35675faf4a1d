/**
 * A slow correct server judged twice by one engine at the default concurrency (the same outcomes,
 * no failure, the pacing recorded): one spec file per engine, so that mocha's workers run the two
 * engines' slow runs side by side instead of one after the other.
 */
import { expect } from 'chai';
import type { RunReport } from '../../src/report/run-report.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';
import { sdkEnvironment } from '../support/served-target.js';
import { startHashingServer, type SlowTarget } from '../support/slow-targets.js';

/** The session-key cases sent as HTTP requests (the wire cases' raw sockets are not paced): enough for two newman lanes. */
export const SELECTION = { grep: /^session-key-(?!wire)/ };
/** The slow servers' pace is scaled to it (250 ms per check, one at a time): as Caddy's 2.4 s bcrypt checks are to the default 10 s. */
export const TIMEOUT_MS = 400;

function outcomes(report: RunReport): Record<string, string> {
  return Object.fromEntries(report.cases.map((c) => [c.id, c.outcome]));
}

export function describeSlowServerRuns(engine: 'native' | 'newman'): void {
  describe(`a slow correct server, judged twice by the ${engine} engine at the default concurrency`, () => {
    const servers: SlowTarget[] = [];
    const runs: InProcessRun[] = [];
    before(async () => {
      servers.push(await startHashingServer(1, 250), await startHashingServer(1, 250));
      // The two runs side by side, each against a server of its own: the servers wait, they do not compute.
      runs.push(
        ...(await Promise.all(
          servers.map((server) => runInProcess({ engine, processEnv: sdkEnvironment(server.url), selection: SELECTION, timeoutMs: TIMEOUT_MS, reporters: ['json'], quiet: true })),
        )),
      );
    });
    after(async () => {
      for (const server of servers) await server.close();
      for (const run of runs) removeReports(run);
    });

    it('is conformant both times, with the same outcome for every case and no failure', () => {
      const [first, second] = runs.map(reportOf);
      for (const run of runs) expect(run.code, run.error?.message ?? run.stdout).to.equal(0);
      expect(first!.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'inconclusive').map((c) => `${c.id}: ${c.reason ?? ''}`)).to.deep.equal([]);
      expect(outcomes(second!)).to.deep.equal(outcomes(first!));
      expect(first!.cases.filter((c) => c.outcome === 'pass').length).to.be.greaterThan(25);
    });

    it('says in the report how it paced the target: a timeout raised above --timeout, the latencies, the requests in flight', () => {
      for (const run of runs) {
        const pacing = reportOf(run).pacing!;
        expect(pacing.adapted).to.equal(true);
        expect(pacing.timeoutMs).to.be.greaterThan(TIMEOUT_MS);
        expect(pacing.answers).to.be.greaterThan(25);
        expect(pacing.p99Ms).to.be.at.least(pacing.p50Ms);
        expect(pacing.concurrency.ceiling).to.equal(8);
        // Whatever timed out was sent again, alone, and answered: nothing was decided on a timeout.
        for (const retry of pacing.retried) expect(retry.outcome, retry.id).to.match(/^answered/);
      }
    });
  });
}
