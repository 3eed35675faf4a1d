/**
 * Sends the run's cases: the HTTP cases with the chosen engine (one options shape, engine.ts), then
 * the wire cases over raw sockets (wire-cases.ts), which need no fixture. On a real target, when
 * the engine stopped before its teardown, or not surely, the runner removes the fixtures itself.
 */
import { HarnessError } from '../errors.js';
import type { CaseResult } from '../results/results.js';
import { MAX_TIMER_MS, type ItemRecord } from './engine.js';
import type { EngineChoice } from './engines.js';
import { fixtureFolder, removeFixtures, teardownNote } from './fixtures.js';
import { createNativeClient } from './native/http-client.js';
import { preflight } from './preflight.js';
import type { PreparedRun } from './prepare-run.js';
import type { RunReference } from './reference-lifecycle.js';
import type { Pacer } from './pacing.js';
import { probeAnswers, waitingForRetryAfter } from './retry-after.js';
import type { KnownRequest } from './retry-alone.js';
import type { RunRecord } from './run-record.js';
import { wireCaseResults } from './wire-cases.js';

/**
 * Before and after a request is sent again alone: how quickly the target answers another, on a
 * new connection: one it answered 2xx before when the engine knows one (pacing.ts retryAlone).
 */
function probeOf(run: PreparedRun, socketBaseUrl: string, pacer: Pacer) {
  const answered = probeAnswers((id, status, reason) => pacer.recordNotWaited(id, status, reason));
  return async (timeoutMs: number, known?: KnownRequest): Promise<number | undefined> => {
    const sent = performance.now();
    if (known) {
      const client = createNativeClient({ timeoutMs, ...run.tls });
      const answer = await client.sendFresh({ method: known.method, url: new URL(known.path, socketBaseUrl).href, headers: known.headers }, timeoutMs).finally(() => client.close());
      if ('response' in answer) answered(answer.response.status, answer.response.headers);
      return 'response' in answer ? performance.now() - sent : undefined;
    }
    return preflight(socketBaseUrl, { timeoutMs, ...run.tls, onAnswer: answered }).then(
      () => performance.now() - sent,
      () => undefined,
    );
  };
}

/** The HTTP cases and the fixture steps, sent by the engine; resolves with their records in collection order. */
export async function sendHttpCases(run: PreparedRun, engine: EngineChoice, reference: RunReference, record: RunRecord): Promise<ItemRecord[]> {
  const { timeoutMs } = run.options;
  const send = await engine.load();
  return send(
    {
      profile: run.profile,
      cases: run.selected,
      variables: engine.needsSocket ? new Map([...run.caseVariables, ['baseUrl', reference.socketBaseUrl]]) : run.caseVariables,
      concurrency: run.concurrency,
      pacer: record.pacer,
      probe: probeOf(run, reference.socketBaseUrl, record.pacer),
      tls: run.tls,
      timeoutMs,
      runTimeoutMs: Math.min(MAX_TIMER_MS, Math.max(120_000, timeoutMs * 4 * (run.catalogueSize + 10))),
      signal: record.httpSignal,
    },
    record.listener,
  ).catch(async (error: unknown) => {
    if (!run.realTarget || !(error instanceof HarnessError) || run.profile.fixtures.teardown.length === 0) throw error;
    record.directTeardown = await removeFixtures(run, record.liveness.signal.aborted, record.pacer);
    throw new HarnessError(error.code, `${error.message}; ${teardownNote(record.directTeardown, fixtureFolder(run.variables))}`, error.exitCode);
  });
}

/** The wire cases, over raw sockets, after the HTTP cases; embedded, against the served reference. */
export function sendWireCases(run: PreparedRun, engine: EngineChoice, reference: RunReference, record: RunRecord): Promise<CaseResult[]> {
  const againAfterWait = waitingForRetryAfter(record.pacer, record.wireSignal);
  return wireCaseResults({
    profile: run.profile,
    cases: run.selected,
    realTarget: reference.wireReachable,
    baseUrl: reference.socketBaseUrl,
    environment: run.variables,
    timeoutMs: run.options.timeoutMs,
    tls: run.tls,
    mask: run.mask,
    onStart: (id) => record.listener.caseStarted?.(id),
    onResult: (result) => record.wireResult(result),
    signal: record.wireSignal,
    // A 429 or 503 with Retry-After: the bytes sent again after the wait, as the engines do.
    again: (id, response) => againAfterWait(id, response.status, response.headers),
    // The engine's concurrency for them too; one at a time after an engine that runs so.
    concurrency: engine.oneAtATime ? 1 : run.concurrency,
  });
}
