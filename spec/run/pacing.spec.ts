/**
 * Pacing (src/run/pacing.ts): slow servers are not failing servers. The pacer's arithmetic on
 * recorded answers; then real servers over loopback HTTP judged by both engines at the default
 * concurrency: a correct server that checks credentials slowly, one worker at a time (judged twice
 * by each engine: pacing-native.spec.ts, pacing-newman.spec.ts), a server that never answers one request (still
 * charged at MUST), rate limiters answering 429 with Retry-After (every third request; every request
 * the first time it comes; an hour's wait): the right verdict, and every 429 accounted for. The slow server's pace is scaled to the test's `--timeout` (250 ms per check, one at a
 * time, against 400 ms: eight requests queued wait 2 s), as Caddy's 2.4 s bcrypt checks are to the
 * default 10 s. Nothing here asserts on durations: on outcomes and on what the report recorded.
 */
import { expect } from 'chai';
import { Pacer, P99_FACTOR } from '../../src/run/pacing.js';
import { NOT_WAITED, retryAfterSeconds, waitAsked, waitBeforeRetry, waitingForRetryAfter } from '../../src/run/retry-after.js';
import { retryAlone } from '../../src/run/retry-alone.js';
import { nextWave } from '../../src/run/newman/run-harness.js';
import { PROFILE_PATHS } from '../../src/package-info.js';
import { tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { startHangingServer } from '../support/misbehaving-targets.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';
import { containerContents, sdkEnvironment } from '../support/served-target.js';
import { startGreylistingServer, startHashingServer, startRateLimitedServer } from '../support/slow-targets.js';
import { SELECTION, TIMEOUT_MS } from './slow-server-runs.js';

const ENGINES = ['native', 'newman'] as const;

describe('pacing', function () {
  this.timeout(180_000);

  describe('the pacer', () => {
    it('keeps --timeout until the answers say otherwise, then the larger of it and a multiple of the p99', () => {
      const pacer = new Pacer({ ceiling: 8, timeoutMs: 1000 });
      expect(pacer.timeoutMs).to.equal(1000);
      for (const latency of [20, 30, 25]) pacer.answered(latency, 1);
      expect(pacer.timeoutMs, 'quick answers do not shorten --timeout').to.equal(1000);
      for (const latency of [2000, 2400, 2200]) pacer.answered(latency, 1);
      expect(pacer.timeoutMs).to.equal(P99_FACTOR * 2400);
      expect(pacer.retryTimeoutMs).to.be.greaterThan(pacer.timeoutMs);
      expect(pacer.record()).to.include({ answers: 6, p99Ms: 2400, timeoutMs: P99_FACTOR * 2400, adapted: true });
    });

    it('starts with one request in flight, adds more while answers are quick, never beyond the ceiling', () => {
      const pacer = new Pacer({ ceiling: 4, timeoutMs: 1000 });
      expect(pacer.limit).to.equal(1);
      for (let i = 0; i < 20; i++) pacer.answered(5, pacer.limit);
      expect(pacer.limit).to.equal(4);
      expect(pacer.record()).to.include({ adapted: false });
      expect(pacer.record().concurrency).to.deep.equal({ ceiling: 4, highest: 4, lowest: 4, decreases: 0 });
    });

    it('halves the requests in flight on a timeout, and when latency grows with concurrency', () => {
      const pacer = new Pacer({ ceiling: 8, timeoutMs: 10_000 });
      for (let i = 0; i < 20; i++) pacer.answered(5, pacer.limit);
      expect(pacer.limit).to.equal(8);
      pacer.timedOut();
      expect(pacer.limit).to.equal(4);
      // A server that queues: 1 s alone, 4 s at four in flight.
      const queued = new Pacer({ ceiling: 8, timeoutMs: 10_000 });
      for (let i = 0; i < 3; i++) queued.answered(1000, 1);
      for (let i = 0; i < 3; i++) queued.answered(4000, 4);
      expect(queued.limit).to.be.at.most(2);
      expect(queued.record().concurrency.decreases).to.be.greaterThan(0);
    });

    it("newman's waves: half as many lanes when a wave's median grew with them, one more after a quick wave, at most one decrease per wave", () => {
      const pacer = new Pacer({ ceiling: 8, timeoutMs: 10_000 });
      pacer.waveDone(1, [300, 250, 280, 260], 0);
      expect(pacer.limit, 'a slow start on slow answers: twice as many at most').to.equal(2);
      pacer.waveDone(2, [700, 650, 720, 690, 5, 680], 0);
      expect(pacer.limit).to.equal(1);
      pacer.waveDone(1, [260, 270, 250], 0);
      expect(pacer.limit).to.equal(2);
      pacer.waveDone(2, [1, 2, 1, 3000, 2], 0);
      expect(pacer.record().concurrency.decreases, 'one slow answer is no queue').to.equal(1);
      pacer.waveDone(3, [10, 10], 2);
      expect(pacer.record()).to.deep.include({ timeouts: 2, waves: [1, 2, 1, 2, 3] });
      expect(pacer.record().concurrency.decreases).to.equal(2);
      const fast = new Pacer({ ceiling: 8, timeoutMs: 10_000 });
      fast.waveDone(1, [5, 6, 4, 5, 7, 5, 6, 5], 0);
      expect(fast.limit, 'quick answers: one more each, as the native engine').to.equal(8);
    });

    it("newman's waves take groups in order, split a long one, and never put two parts of one group in one wave", () => {
      const queue = [['a1', 'a2', 'a3', 'a4', 'a5'], ['b1'], ['c1', 'c2']];
      const waves: string[][][] = [];
      while (queue.length > 0) waves.push(nextWave(queue, () => 1, 4, 2));
      expect(waves).to.deep.equal([
        [['a1', 'a2'], ['b1'], ['c1', 'c2']],
        [['a3', 'a4']],
        [['a5']],
      ]);
    });

    describe('a request that timed out, sent again alone (retryAlone)', () => {
      /** A pacer that has seen answers of about 100 ms: its timeout is --timeout, 1000 ms. */
      const paced = (): Pacer => {
        const pacer = new Pacer({ ceiling: 8, timeoutMs: 1000 });
        for (let i = 0; i < 5; i++) pacer.answered(100, 1);
        return pacer;
      };
      const timedOut = (result: string): boolean => result === 'timeout';

      it('an answer to the retry is what the request got; its timeout is longer than the one that expired', async () => {
        const timeouts: number[] = [];
        const verdict = await retryAlone(paced(), async () => 100, async (ms) => (timeouts.push(ms), '200'), timedOut);
        expect(verdict).to.deep.include({ result: '200', evidence: 'answered' });
        expect(timeouts).to.have.length(1);
        expect(timeouts[0]).to.be.greaterThan(1000);
      });

      it('no answer again while another request is answered within the timeout: a hang', async () => {
        const verdict = await retryAlone(paced(), async () => 100, async () => 'timeout', timedOut);
        expect(verdict.evidence).to.equal('hang');
      });

      it('no answer again while another request takes longer than the timeout too: slow everywhere, not a hang', async () => {
        const latencies = [100, 5000];
        const verdict = await retryAlone(paced(), async () => latencies.shift(), async () => 'timeout', timedOut);
        expect(verdict.evidence).to.equal('slow');
      });

      it('a target that answers nothing at all is not retried, now or later, until it answers again', async () => {
        const pacer = paced();
        let resent = 0;
        const first = await retryAlone(pacer, async () => undefined, async () => (resent++, '200'), timedOut);
        expect(first).to.deep.equal({ evidence: 'silent', retryMs: 0 });
        expect(pacer.retries).to.equal(false);
        const second = await retryAlone(pacer, async () => 100, async () => (resent++, '200'), timedOut);
        expect(second.evidence).to.equal('silent');
        expect(resent).to.equal(0);
        pacer.answered(100, 1);
        expect(pacer.retries).to.equal(true);
      });

      it('goes alone: it waits for the requests in flight, and none starts before it is done', async () => {
        const pacer = paced();
        await pacer.acquire();
        const order: string[] = [];
        const retry = retryAlone(pacer, async () => 100, async () => (order.push('retry'), '200'), timedOut);
        const other = pacer.acquire().then(() => order.push('other'));
        await Promise.resolve();
        expect(order, 'not while a request is in flight').to.deep.equal([]);
        pacer.release();
        await retry;
        await other;
        expect(order).to.deep.equal(['retry', 'other']);
      });
    });

    it('honours Retry-After for 429 and 503 within a bound, in seconds or as a date', () => {
      const now = Date.parse('2026-01-01T00:00:00Z');
      expect(retryAfterSeconds([['Retry-After', '3']], now)).to.equal(3);
      expect(retryAfterSeconds([['retry-after', 'Thu, 01 Jan 2026 00:00:05 GMT']], now)).to.equal(5);
      expect(retryAfterSeconds([['Retry-After', 'soon']], now)).to.equal(undefined);
      expect(waitBeforeRetry(429, [['Retry-After', '1']])).to.equal(1);
      expect(waitBeforeRetry(503, [['Retry-After', '2']])).to.equal(2);
      expect(waitBeforeRetry(503, []), 'a 503 without Retry-After is an answer').to.equal(undefined);
      expect(waitBeforeRetry(429, [['Retry-After', '3600']]), 'an hour is beyond the bound').to.equal(undefined);
      expect(waitBeforeRetry(401, [['Retry-After', '1']])).to.equal(undefined);
    });

    it('for a sender that sends again itself: waits within the bound and the attempts, and accounts for every answer that asked', async () => {
      const waited: string[] = [];
      const notWaited: string[] = [];
      const recorder = { recordWait: (id: string) => void waited.push(id), recordNotWaited: (id: string, status: number, reason: string) => void notWaited.push(`${id} ${status}: ${reason}`) };
      const again = waitingForRetryAfter(recorder);
      const limited: [string, string][] = [['Retry-After', '0']];
      expect(await again('a', 200, [])).to.equal(false);
      expect(await again('a', 429, [])).to.equal(false);
      const answers: boolean[] = [];
      for (let i = 0; i <= 4; i++) answers.push(await again('a', 429, limited));
      expect(answers).to.deep.equal([true, true, true, true, false]);
      expect(await again('b', 503, [['Retry-After', '3600']])).to.equal(false);
      const stopped = new AbortController();
      stopped.abort();
      expect(await waitingForRetryAfter(recorder, stopped.signal)('c', 429, limited)).to.equal(false);
      expect(waited).to.deep.equal(['a', 'a', 'a', 'a']);
      expect(notWaited).to.deep.equal([`a 429: ${NOT_WAITED.attemptsSpent}`, `b 503: ${NOT_WAITED.beyondBound}`, `c 429: ${NOT_WAITED.stopped}`]);
      expect(waitAsked(429, [['Retry-After', '11']])).to.deep.equal({ beyond: 11 });
    });
  });

  it('`run` says on stderr, in one line, that it paced a slow target, and where the details are', async () => {
    const server = await startHashingServer(1, 250);
    try {
      const out = tempDir('v3io-pacing-hint-');
      const result = await runCliInProcess(['run', '--engine', 'native', '--grep', '^session-key-valid-', '--timeout', String(TIMEOUT_MS), '--out', out, '--no-color'], { env: sdkEnvironment(server.url) });
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      const hints = result.stderr.split('\n').filter((line) => line.includes('paced itself'));
      expect(hints).to.have.length(1);
      expect(hints[0]).to.match(/^v3io-auth-conformance: the target was slow \(p99 \d+ ms\): the run paced itself \(timeout \d+ ms, .* requests in flight, \d+ cases? sent again\); "pacing" in conformance\.json says more$/);
      expect(result.stdout).to.match(/\nPacing: p50 \d+ ms, p99 \d+ ms over \d+ answers; timeout \d+ ms;/);
    } finally {
      await server.close();
    }
  });

  describe('a server that never answers one request, others promptly', () => {
    let server: Awaited<ReturnType<typeof startHangingServer>>;
    const runs: InProcessRun[] = [];
    before(async () => {
      const unknownKey = (req: { rawHeaders: string[] }): boolean => req.rawHeaders.some((v) => v === '00000000-0000-4000-8000-000000000000');
      server = await startHangingServer((req) => unknownKey(req) && req.method === 'GET');
      for (const engine of ENGINES) {
        runs.push(await runInProcess({ engine, processEnv: sdkEnvironment(server.url), selection: { grep: /^session-key-(unknown-key|valid-get-object|valid-list-container)$/ }, timeoutMs: 1000, reporters: ['json'], quiet: true }));
      }
    });
    after(async () => {
      await server.close();
      for (const run of runs) removeReports(run);
    });

    for (const [index, engine] of ENGINES.entries()) {
      it(`is still charged at MUST by the ${engine} engine, after the request was sent again alone`, () => {
        const run = runs[index]!;
        expect(run.code, run.error?.message ?? run.stdout).to.equal(1);
        const report = reportOf(run);
        const hung = report.cases.find((c) => c.id === 'session-key-unknown-key')!;
        expect([hung.outcome, hung.failedLevel]).to.deep.equal(['fail', 'must']);
        expect(hung.checks.find((k) => !k.passed)?.message).to.match(/connection error \(E\w*TIMEDOUT\)/);
        expect(report.cases.filter((c) => c.id !== hung.id).map((c) => c.outcome)).to.deep.equal(['pass', 'pass']);
        const retry = report.pacing!.retried.find((r) => r.id === hung.id);
        expect(retry?.outcome).to.match(/^no answer within \d+ ms alone; a hang: the target answered another request promptly$/);
      });
    }
  });

  describe('rate limiters answering 429 with Retry-After: every answer waited for, or listed in the report with why not', () => {
    // Accepted and rejected cases, with fixtures and read-backs: 429s among every kind of request.
    const RATE_LIMITED_SELECTION = { grep: /^session-key-(valid|unknown|two-lines|comma-list)-/ };
    const judgedFully = (run: InProcessRun): void => {
      expect(run.code, run.error?.message ?? run.stdout).to.equal(0);
      const report = reportOf(run);
      expect(report.cases.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip').map((c) => `${c.id}: ${c.outcome} ${c.reason ?? ''}`)).to.deep.equal([]);
      expect(report.teardown.filter((s) => !s.ok).map((s) => `${s.id}: ${s.message ?? ''}`), 'every fixture removed').to.deep.equal([]);
    };

    for (const engine of ENGINES) {
      // Newman's retries go one at a time: Retry-After: 0 there (the same waits, none of their length).
      const retryAfter = engine === 'native' ? '1' : '0';
      it(`every third request (Retry-After: ${retryAfter}), ${engine} engine: conformant, every case judged, each 429 waited for, no fixture left behind`, async () => {
        const server = await startRateLimitedServer(3, retryAfter);
        const run = await runInProcess({ engine, processEnv: sdkEnvironment(server.url), selection: RATE_LIMITED_SELECTION, reporters: ['json'], quiet: true });
        try {
          judgedFully(run);
          const pacing = reportOf(run).pacing!;
          expect(server.stats.limited, 'the limiter did answer 429').to.be.greaterThan(5);
          // Every 429 the limiter sent, the teardown's included, is in the report: each waited for.
          expect(pacing.retryAfterAnswers).to.equal(server.stats.limited);
          expect(pacing.notWaited).to.deep.equal([]);
          expect(pacing.retryAfterWaits).to.be.within(1, server.stats.limited);
          // A teardown step answered 429 is sent again before the directories that hold what it removes.
          expect(await containerContents(server.url)).to.deep.equal([]);
        } finally {
          await server.close();
          removeReports(run);
        }
      });

      it(`a greylisting limiter (every request 429 with Retry-After: 0 the first time), ${engine} engine: every request is sent again (fixtures, plan steps, wire cases), the verdict as without it`, async () => {
        const server = await startGreylistingServer('0');
        // The wire cases too: those that reach the reference are answered 429 first.
        const run = await runInProcess({ engine, processEnv: sdkEnvironment(server.url), selection: { grep: /^session-key-/ }, reporters: ['json'], quiet: true });
        try {
          judgedFully(run);
          const report = reportOf(run);
          expect(report.cases.filter((c) => c.id.startsWith('session-key-wire-') && c.outcome === 'pass').length, 'wire cases judged').to.be.greaterThan(5);
          const pacing = report.pacing!;
          expect(pacing.retryAfterAnswers).to.equal(server.stats.limited);
          // The one answer not waited for: the preflight's, which asks only whether the target answers.
          expect(pacing.notWaited).to.deep.equal([{ id: 'probe', status: 429, reason: NOT_WAITED.probe }]);
        } finally {
          await server.close();
          removeReports(run);
        }
      });
    }

    it('every fifth request, a given --collection (run as it is, no waits): no case failed, each 429 listed as not waited for, the teardown completed by the runner with its waits', async () => {
      const server = await startRateLimitedServer(5, '0');
      const run = await runInProcess({
        target: server.url,
        envFile: PROFILE_PATHS.v3io.referenceEnvironment,
        collectionFile: PROFILE_PATHS.v3io.collection,
        selection: RATE_LIMITED_SELECTION,
        reporters: ['json'],
        quiet: true,
      });
      try {
        expect(run.code, run.error?.message ?? run.stdout).to.be.oneOf([0, 2]);
        const report = reportOf(run);
        expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.id)).to.deep.equal([]);
        expect(report.cases.filter((c) => c.outcome === 'inconclusive').length, 'the 429s the scripts got').to.be.greaterThan(0);
        const pacing = report.pacing!;
        expect(pacing.retryAfterAnswers).to.equal(server.stats.limited);
        const asItIs = pacing.notWaited.filter((n) => n.reason === NOT_WAITED.asItIs).length;
        // The collection's own answers are not waited for; the runner's own teardown after it waits.
        expect(asItIs).to.be.greaterThan(0);
        expect(asItIs + pacing.retryAfterWaits).to.equal(server.stats.limited);
        expect(report.teardown.filter((s) => !s.ok)).to.deep.equal([]);
      } finally {
        await server.close();
        removeReports(run);
      }
    });

    it('Retry-After beyond the bound (an hour): nothing waited for, each 429 listed with why, no case failed', async () => {
      const server = await startRateLimitedServer(5, '3600');
      const run = await runInProcess({ engine: 'native', processEnv: sdkEnvironment(server.url), selection: RATE_LIMITED_SELECTION, reporters: ['json'], quiet: true });
      try {
        expect(run.code, run.error?.message ?? run.stdout).to.be.oneOf([0, 2]);
        const report = reportOf(run);
        expect(report.cases.filter((c) => c.outcome === 'fail').map((c) => c.id)).to.deep.equal([]);
        for (const c of report.cases.filter((c) => c.outcome === 'inconclusive')) expect(c.reason, c.id).to.match(/429 Too Many Requests|could not (prepare|arrange|read)/);
        const pacing = report.pacing!;
        expect(server.stats.limited).to.be.greaterThan(3);
        expect(pacing.retryAfterWaits).to.equal(0);
        expect(pacing.retryAfterAnswers).to.equal(server.stats.limited);
        expect(new Set(pacing.notWaited.map((n) => n.reason))).to.deep.equal(new Set([NOT_WAITED.beyondBound]));
      } finally {
        await server.close();
        removeReports(run);
      }
    });
  });
});
