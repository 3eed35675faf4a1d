/**
 * Pacing with the newman engine: a slow correct server judged twice (spec/run/slow-server-runs.ts),
 * and a server whose latency grows with the requests in flight, for the lanes between waves.
 * Nothing here asserts on durations: on outcomes and on what the report recorded.
 */
import { expect } from 'chai';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';
import { sdkEnvironment } from '../support/served-target.js';
import { startHashingServer, type SlowTarget } from '../support/slow-targets.js';
import { describeSlowServerRuns, TIMEOUT_MS } from './slow-server-runs.js';

describe('pacing, newman engine', function () {
  this.timeout(180_000);
  describeSlowServerRuns('newman');

  describe('a server whose latency grows with the requests in flight (one worker), judged by the newman engine', () => {
    let server: SlowTarget;
    let run: InProcessRun;
    before(async () => {
      server = await startHashingServer(1, 300);
      run = await runInProcess({ engine: 'newman', processEnv: sdkEnvironment(server.url), selection: { grep: /^(session-key|basic)-(?!wire)/ }, timeoutMs: TIMEOUT_MS, reporters: ['json'], quiet: true });
    });
    after(async () => {
      await server.close();
      removeReports(run);
    });

    it('adapts its lanes between waves: fewer when latency grew with them, more again when answers were quick; a clean verdict', () => {
      expect(run.code, run.error?.message ?? run.stdout).to.equal(0);
      const { waves, concurrency } = reportOf(run).pacing!;
      const shown = JSON.stringify(waves);
      expect(concurrency.decreases, shown).to.be.greaterThan(0);
      // The last wave may have fewer lanes for want of cases: a lowering is one before a later wave.
      const lowered = waves!.findIndex((lanes, i) => i > 0 && i < waves!.length - 1 && lanes < waves![i - 1]!);
      expect(lowered, `lanes lowered in ${shown}`).to.be.greaterThan(0);
      expect(waves!.slice(lowered + 1).some((lanes) => lanes > waves![lowered]!), `lanes raised again in ${shown}`).to.equal(true);
      expect(Math.max(...waves!)).to.be.at.most(concurrency.ceiling);
    });
  });
});
