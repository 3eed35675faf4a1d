/**
 * The newman engine: newman sends the harness collection (harness-collection.ts) — plain requests,
 * no scripts but the captures — one item per request of a case's plan, each with its role — and
 * each case's items are put back together into the case's record (../engine.ts): its own request,
 * the plan's other requests by role. With `concurrency` > 1 the ordered groups of ../case-groups.ts are dealt into
 * that many lanes, each a newman run of its own, side by side between a setup run and a teardown
 * run; within a lane the cases run in order, and no two lanes touch the same fixture. Pacing
 * (../pacing.ts) at the granularity newman allows: the setup and a warm-up of a few cases one at a
 * time, then the lanes in waves, each wave's lanes and timeout the pacer's when it starts (a newman
 * run's cannot change), its answers told to the pacer when it ends; a case with a request that
 * timed out, or was answered 429/503 with Retry-After, is held back and sent again alone after the
 * waves, before the teardown; a fixture step answered so is sent again after the wait, with the
 * steps after it, in order. Every answer asking to wait is told to the pacer: waited for, or why not.
 */
import type { HttpCase } from '../../cases/model.js';
import { operationOf } from '../../cases/profiles.js';
import { abortReason } from '../../errors.js';
import { is2xx } from '../../results/status.js';
import { collectionOrder, orderedGroups, requestsOf } from '../case-order.js';
import { abortGraceOf, fateOf, type Engine, type ItemRecord, type StepRecord, type StepRole } from '../engine.js';
import type { EnvironmentValue } from '../environment.js';
import { itemRecord, runNewman, type ItemTrace } from '../newman-session.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { TIMEOUT_CODES } from '../pacing.js';
import { NOT_WAITED, RETRY_AFTER_ATTEMPTS, waitAsked, waitBeforeRetry, type WaitAsked } from '../retry-after.js';
import { EVIDENCE_WORDS, retryAlone, SLOW_TARGET_CODE, type KnownRequest } from '../retry-alone.js';
import { fixtureItem, harnessCase, harnessCollection, type HarnessCase, type HarnessItem } from './harness-collection.js';

/**
 * What in a case's items asks for it to be sent again: a request that timed out, answers 429/503
 * with Retry-After within the bound (the longest wait they ask); undefined when nothing does.
 */
interface RetryReason {
  readonly timeout: boolean;
  readonly seconds?: number;
}

function retryReason(traces: Iterable<ItemTrace>): RetryReason | undefined {
  let timeout = false;
  let seconds: number | undefined;
  for (const trace of traces) {
    if (trace.requestError && TIMEOUT_CODES.has(trace.requestError.code)) timeout = true;
    const wait = trace.response ? waitBeforeRetry(trace.response.status, trace.response.headers) : undefined;
    if (wait !== undefined) seconds = Math.max(seconds ?? 0, wait);
  }
  if (!timeout && seconds === undefined) return undefined;
  return { timeout, ...(seconds === undefined ? {} : { seconds }) };
}

/** The answers among `traces` that ask to wait (429, or 503 with Retry-After), each with what it asks. */
function askingToWait(traces: Iterable<ItemTrace>): { status: number; asked: WaitAsked }[] {
  return [...traces].flatMap((trace) => {
    const asked = trace.response ? waitAsked(trace.response.status, trace.response.headers) : undefined;
    return asked ? [{ status: trace.response!.status, asked }] : [];
  });
}

/** Requests a lane should carry at least to be worth a newman run of its own (a run takes ~40 ms to start, a request ~10 ms). */
const REQUESTS_PER_LANE = 16;
/** Requests of the warm-up, before the waves: enough for a p99 (pacing.ts). */
const WARM_UP_REQUESTS = 6;
/**
 * A wave's lanes each carry about this long of requests at the median latency: long against the
 * ~40 ms a newman run takes to start, short enough to adapt often to a slow target. A fast
 * target's whole selection fits in one wave, as before waves.
 */
const WAVE_MS = 2000;
/** Requests a lane of a wave carries at least. */
const MIN_WAVE_LANE_REQUESTS = 4;

/** What a wave's lanes got: the latencies of the answers, the requests that timed out. */
interface WaveAnswers {
  readonly latencies: number[];
  timeouts: number;
}

/**
 * Takes the next wave off the head of `queue` (groups in the run's order): whole groups up to
 * `budget` requests (one at least); a group heavier than `perLane` is split after its first cases
 * of that weight, the rest left in its place for a later wave (waves follow one another: its
 * cases keep their order).
 */
export function nextWave<T>(queue: T[][], weight: (item: T) => number, budget: number, perLane: number): T[][] {
  const wave: T[][] = [];
  let taken = 0;
  // A group split stays where it is, its rest for a later wave: never two parts of one group in one wave.
  let next = 0;
  while (next < queue.length && (wave.length === 0 || taken < budget)) {
    const group = queue[next]!;
    let chunk = 0;
    let requests = 0;
    while (chunk < group.length && (chunk === 0 || requests + weight(group[chunk]!) <= perLane)) requests += weight(group[chunk++]!);
    wave.push(group.slice(0, chunk));
    taken += requests;
    if (chunk === group.length) queue.splice(next, 1);
    else {
      group.splice(0, chunk);
      next += 1;
    }
  }
  return wave;
}

/**
 * The case's record from the traces of its items, each of its plan's requests with its role,
 * keeping only those its plan sends given the answer.
 */
export function caseRecord(harness: HarnessCase, items: ReadonlyMap<string, ItemTrace>): ItemRecord {
  const { testCase } = harness;
  const own = items.get(testCase.id);
  const base: ItemRecord = { id: testCase.id, name: testCase.title, steps: [], assertions: [], exceptions: [] };
  if (!own) return base;
  const answered = own.response !== undefined && !own.requestError;
  const record = (item: HarnessItem, role: StepRole): StepRecord[] => {
    const trace = items.get(item.id);
    if (!trace || (!trace.response && !trace.requestError)) return [];
    return [{ role, method: trace.method ?? item.request.method, path: trace.path ?? '', ...(trace.requestError ? { requestError: trace.requestError } : { response: trace.response! }) }];
  };
  const of = (role: HarnessItem['role'], as: StepRole): StepRecord[] => harness.items.filter((i) => i.role === role).flatMap((i) => record(i, as));
  const steps = [
    ...of('prepare', 'preparation'),
    ...of('before', 'before'),
    // After-snapshot only when the request was answered and not accepted, or the case judges a 2xx
    // on evidence of a write (plan.ts, `readsAfter`); second only when answered.
    ...(answered && (!is2xx(own.response!.status) || testCase.expect.letInOnEvidence === true) ? of('after', 'after') : []),
    ...(answered ? of('second', 'second') : []),
  ];
  const durationMs = harness.items.reduce((sum, i) => sum + (items.get(i.id)?.durationMs ?? 0), 0);
  return {
    ...base,
    ...(own.method !== undefined ? { method: own.method } : {}),
    ...(own.path !== undefined ? { path: own.path } : {}),
    ...(own.requestHeaders ? { requestHeaders: own.requestHeaders } : {}),
    derived: Object.fromEntries(harness.derived),
    ...(own.response ? { response: own.response } : {}),
    ...(own.requestError ? { requestError: own.requestError } : {}),
    steps,
    durationMs,
  };
}

/** Deals the groups into `count` lanes, heaviest first onto the lightest lane; each lane keeps the run's order of its groups. */
export function lanesOf<T>(groups: readonly (readonly T[])[], weight: (item: T) => number, count: number): T[][] {
  const lanes = Array.from({ length: Math.max(1, Math.min(count, groups.length)) }, () => ({ groups: [] as number[], weight: 0 }));
  const sum = (group: readonly T[]): number => group.reduce((total, item) => total + weight(item), 0);
  const order = groups.map((g, i) => [i, sum(g)] as const).sort((a, b) => b[1] - a[1]);
  for (const [index, w] of order) {
    const lightest = lanes.reduce((best, lane) => (lane.weight < best.weight ? lane : best));
    lightest.groups.push(index);
    lightest.weight += w;
  }
  return lanes.map((lane) => lane.groups.sort((a, b) => a - b).flatMap((i) => [...groups[i]!]));
}


/** The item traces with each timeout turned into the slow-target code: the judge makes the case inconclusive. */
function slowed(traces: ReadonlyMap<string, ItemTrace>): Map<string, ItemTrace> {
  return new Map(
    [...traces].map(([id, trace]) => [
      id,
      trace.requestError && TIMEOUT_CODES.has(trace.requestError.code) ? { ...trace, requestError: { code: SLOW_TARGET_CODE, message: trace.requestError.message } } : trace,
    ]),
  );
}

/** Runs the setup, the cases and the teardown in newman runs of the harness collection; resolves with the records in collection order. */
export const runNewmanHarness: Engine = async (options, listener) => {
  const { profile, variables, pacer } = options;
  const abortGraceMs = abortGraceOf(options.timeoutMs);
  const setup = profile.fixtures.setup.map((step) => fixtureItem(step, variables));
  const teardown = profile.fixtures.teardown.map((step) => fixtureItem(step, variables));
  const cases = collectionOrder(profile, options.cases);
  const harness = new Map(cases.map((c) => [c.id, harnessCase(c, profile, variables)]));
  const records = new Map<string, ItemRecord>();
  const caseDone = (record: ItemRecord): void => {
    records.set(record.id, record);
    listener.caseDone?.(record);
  };
  const fixtureDone = (trace: ItemTrace): void => {
    const record = itemRecord(trace);
    records.set(record.id, record);
    listener.fixtureDone?.(record);
  };
  /** Cases to send again after the lanes, with why; a case is reported once, after its retries. */
  const pending = new Map<string, { entry: HarnessCase; reason: RetryReason; traces: Map<string, ItemTrace> }>();
  let known: KnownRequest | undefined;

  /**
   * Each answer of `traces` that asks to wait, accounted for: answered by the wait about to be made
   * (`waiting`, those within the bound: one wait, the case or steps sent again together), else
   * not waited for, and why.
   */
  const account = (id: string, traces: Iterable<ItemTrace>, waiting: boolean, why: string): void => {
    let covered = 0;
    for (const { status, asked } of askingToWait(traces)) {
      if ('beyond' in asked) pacer.recordNotWaited(id, status, NOT_WAITED.beyondBound);
      else if (waiting) covered += 1;
      else pacer.recordNotWaited(id, status, why);
    }
    if (waiting) pacer.recordWait(id, Math.max(1, covered));
  };

  /**
   * Fixture steps in order, in a newman run. From the first step answered 429/503 with Retry-After
   * on, the steps are sent again after the wait, in order (a directory goes after what it holds; a
   * later step may need an earlier one done), alone, a few times per step; then each is reported,
   * whatever it got: a setup step is judged on its last answer, never on one that asked to wait
   * while waits were left.
   */
  /** What every newman run of the harness takes: its items as a collection, their variables, the timeouts, the TLS settings. */
  const newmanRunOf = (items: readonly HarnessItem[], environment: readonly EnvironmentValue[], timeoutMs: number) => ({
    collection: harnessCollection(profile.title, items),
    environment: { values: [...environment] },
    timeoutRequestMs: timeoutMs,
    timeoutRunMs: options.runTimeoutMs,
    ...options.tls,
  });
  /** An item's latency or timeout, told to the pacer; in a wave, kept until the wave is over (waveDone). */
  const paced = (trace: ItemTrace, wave: WaveAnswers | undefined): void => {
    const timedOut = trace.requestError !== undefined && TIMEOUT_CODES.has(trace.requestError.code);
    if (wave) {
      if (trace.response) wave.latencies.push(trace.durationMs ?? 0);
      else if (timedOut) wave.timeouts += 1;
    } else if (trace.response) pacer.observed(trace.durationMs ?? 0);
    else if (timedOut) pacer.timeoutSeen();
  };
  const fixtureRun = async (steps: readonly HarnessItem[], signal: AbortSignal | undefined, wave?: WaveAnswers): Promise<void> => {
    const latest = new Map<string, ItemTrace>();
    const waits = new Map<string, number>();
    let items = steps;
    for (let first = true; items.length > 0; first = false) {
      const attempt = new Map<string, ItemTrace>();
      const send = (): Promise<void> => runItems(items, [], signal, pacer.timeoutMs, (trace) => void attempt.set(trace.id, trace), undefined, first ? wave : undefined);
      await (first ? send() : pacer.alone(send));
      for (const [id, trace] of attempt) latest.set(id, trace);
      const sent = items.filter((item) => attempt.has(item.id));
      const asks = (item: HarnessItem): number | undefined => {
        const trace = attempt.get(item.id)!;
        return trace.response ? waitBeforeRetry(trace.response.status, trace.response.headers) : undefined;
      };
      const from = signal?.aborted ? -1 : sent.findIndex((item) => asks(item) !== undefined && (waits.get(item.id) ?? 0) < RETRY_AFTER_ATTEMPTS);
      const why = signal?.aborted ? NOT_WAITED.stopped : NOT_WAITED.attemptsSpent;
      if (from < 0) {
        for (const item of sent) account(item.id, [attempt.get(item.id)!], false, why);
        break;
      }
      for (const item of sent.slice(0, from)) account(item.id, [attempt.get(item.id)!], false, why);
      const again = sent[from]!;
      account(again.id, sent.slice(from).map((item) => attempt.get(item.id)!), true, why);
      waits.set(again.id, (waits.get(again.id) ?? 0) + 1);
      const seconds = Math.max(...sent.slice(from).map((item) => asks(item) ?? 0));
      if (!(await sleep(seconds * 1000, true, signal ? { signal } : {}).catch(() => false))) break;
      items = items.slice(items.indexOf(again));
    }
    for (const step of steps) if (latest.has(step.id)) fixtureDone(latest.get(step.id)!);
  };

  /**
   * One newman run of these cases, in order, with the pacer's timeout. A case that needs sending
   * again (retryReason) is held back.
   */
  const run = async (
    laneCases: readonly HttpCase[],
    signal: AbortSignal | undefined,
    timeoutMs = pacer.timeoutMs,
    wave?: WaveAnswers,
  ): Promise<void> => {
    const entries = laneCases.map((c) => harness.get(c.id)!);
    // A skipped case sends nothing: reported as the scripts' skipRequest is, when its lane starts.
    for (const entry of entries) if (entry.skipped) caseDone(caseRecord(entry, new Map()));
    const sent = entries.filter((e) => !e.skipped);
    const items = sent.flatMap((e) => e.items);
    if (items.length === 0) return;
    // Which case an item belongs to, and the case's last item, after which its trace is complete.
    const caseOfItem = new Map(sent.flatMap((e) => e.items.map((i) => [i.id, e] as const)));
    const itemTraces = new Map<string, ItemTrace>();
    const environment: EnvironmentValue[] = sent.flatMap((e) => e.captureVariables);
    await runNewman({
      ...newmanRunOf(items, environment, timeoutMs),
      onItemStart: (id) => {
        const entry = caseOfItem.get(id);
        if (entry && entry.items[0]!.id === id) listener.caseStarted?.(entry.testCase.id);
      },
      onItem: (trace) => {
        const entry = caseOfItem.get(trace.id);
        paced(trace, wave);
        // A GET or HEAD let in: what probes send (retryAlone), its credentials on the cases' path.
        if (!known && trace.response && is2xx(trace.response.status) && (trace.method === 'GET' || trace.method === 'HEAD') && trace.path !== undefined) {
          known = { method: trace.method, path: trace.path, headers: trace.requestHeaders ?? [] };
        }
        const fate = fateOf(trace);
        if (fate) listener.request?.(entry ? entry.testCase.id : trace.id, fate);
        if (!entry) return;
        itemTraces.set(trace.id, trace);
        if (entry.items.at(-1)!.id !== trace.id) return;
        const own = entry.items.flatMap((i) => (itemTraces.has(i.id) ? [itemTraces.get(i.id)!] : []));
        const reason = retryReason(own);
        if (reason) pending.set(entry.testCase.id, { entry, reason, traces: new Map(own.map((t) => [t.id, t])) });
        else {
          // Answers asking to wait longer than the bound, if any: not waited for.
          account(entry.testCase.id, own, false, NOT_WAITED.beyondBound);
          caseDone(caseRecord(entry, itemTraces));
        }
      },
      ...(signal ? { signal } : {}),
      abortGraceMs,
    });
  };

  const check = (): void => {
    if (options.signal?.aborted) throw abortReason(options.signal);
  };
  const ordered = (): ItemRecord[] =>
    [...setup.map((s) => s.id), ...cases.map((c) => c.id), ...teardown.map((s) => s.id)].flatMap((id) => (records.has(id) ? [records.get(id)!] : []));

  /** A GET or HEAD the target answered 2xx, sent again on a new connection by probes: its latency; else the run's own probe. */
  const probeKnown = async (timeoutMs: number): Promise<number | undefined> => (options.probe ? options.probe(timeoutMs, known) : 0);

  /**
   * The held-back cases, each sent again alone (a newman run of its own, on new connections): after
   * a timeout once, with a longer timeout; after a 429/503 with Retry-After, when it says, a few
   * times. A case still without an answer is a hang when the target answers another request
   * promptly, not judged when it answers slowly too. Then reported, whatever it got.
   */
  const retryPending = async (signal: AbortSignal | undefined): Promise<void> => {
    if (pending.size === 0) return;
    for (const id of cases.map((c) => c.id)) {
      const held = pending.get(id);
      if (!held) continue;
      pending.delete(id);
      // Stopped: a case not sent again is not reported, so it is never judged on its timeout.
      if (signal?.aborted) {
        account(id, held.traces.values(), false, NOT_WAITED.stopped);
        continue;
      }
      let reason: RetryReason | undefined = held.reason;
      let latest = held.traces;
      // Whether `latest`'s answers asking to wait are yet to be accounted for.
      let unaccounted = true;
      let sentAloneAfterTimeout = false;
      let why: string = NOT_WAITED.attemptsSpent;
      for (let attempt = 0; reason !== undefined; attempt++) {
        if (signal?.aborted) why = NOT_WAITED.stopped;
        else if (reason.timeout && (sentAloneAfterTimeout || !pacer.retries)) why = NOT_WAITED.afterTimeout;
        else if (attempt >= RETRY_AFTER_ATTEMPTS) why = NOT_WAITED.attemptsSpent;
        else why = '';
        if (why !== '') break;
        if (reason.seconds !== undefined) {
          account(id, latest.values(), true, '');
          unaccounted = false;
          if (!(await sleep(reason.seconds * 1000, true, signal ? { signal } : {}).catch(() => false))) {
            why = NOT_WAITED.stopped;
            break;
          }
        }
        const attemptTraces = new Map<string, ItemTrace>();
        const captured = (trace: ItemTrace): void => void attemptTraces.set(trace.id, trace);
        if (!reason.timeout) {
          await pacer.alone(() => runCase(held.entry, signal, pacer.timeoutMs, captured));
          if (attemptTraces.size > 0) {
            latest = attemptTraces;
            unaccounted = true;
          }
          reason = attemptTraces.size > 0 ? retryReason(latest.values()) : undefined;
          continue;
        }
        sentAloneAfterTimeout = true;
        const verdict = await retryAlone(
          pacer,
          (timeoutMs) => probeKnown(timeoutMs),
          async (timeoutMs) => {
            await runCase(held.entry, signal, timeoutMs, captured);
            return attemptTraces;
          },
          (traces) => traces.size === 0 || retryReason(traces.values())?.timeout === true,
        );
        if (verdict.result && verdict.result.size > 0) {
          latest = verdict.result;
          unaccounted = true;
        }
        const again = verdict.result ? retryReason(verdict.result.values()) : undefined;
        if (verdict.evidence === 'answered') pacer.recordRetry(id, again === undefined ? 'answered when sent alone' : 'sent alone, then asked to wait');
        else if (verdict.result) {
          pacer.recordRetry(id, `no answer within ${verdict.retryMs} ms alone; ${EVIDENCE_WORDS[verdict.evidence]}`);
          if (verdict.evidence === 'slow') latest = slowed(latest);
        }
        reason = again;
      }
      if (unaccounted) account(id, latest.values(), false, why || NOT_WAITED.attemptsSpent);
      caseDone(caseRecord(held.entry, latest));
    }
  };

  /** One case alone, its item traces given to `captured` instead of reported. */
  const runCase = (entry: HarnessCase, signal: AbortSignal | undefined, timeoutMs: number, captured: (trace: ItemTrace) => void): Promise<void> =>
    runItems(entry.items, entry.captureVariables, signal, timeoutMs, captured, entry.testCase.id);

  /** Items in a newman run of their own, their traces given to `captured`; `caseId`: the case they are of, for liveness. */
  const runItems = async (
    items: readonly HarnessItem[],
    environment: readonly EnvironmentValue[],
    signal: AbortSignal | undefined,
    timeoutMs: number,
    captured: (trace: ItemTrace) => void,
    caseId?: string,
    wave?: WaveAnswers,
  ): Promise<void> => {
    await runNewman({
      ...newmanRunOf(items, environment, timeoutMs),
      onItem: (trace) => {
        paced(trace, wave);
        const fate = fateOf(trace);
        if (fate) listener.request?.(caseId ?? trace.id, fate);
        captured(trace);
      },
      ...(signal ? { signal } : {}),
      abortGraceMs,
    });
  };

  /**
   * A wave: the groups dealt into `count` lanes, each a newman run, side by side, with the pacer's
   * timeout; its answers and timeouts told to the pacer when it is over. A lane that fails stops
   * the others; the first failure (or the run's own stop) is what the run rejects with.
   */
  const runWave = async (groups: readonly (readonly HttpCase[])[], count: number): Promise<void> => {
    const lanes = lanesOf(groups, weight, count);
    const answers: WaveAnswers = { latencies: [], timeouts: 0 };
    const timeoutMs = pacer.timeoutMs;
    const lanesStop = new AbortController();
    const laneSignal = options.signal ? AbortSignal.any([options.signal, lanesStop.signal]) : lanesStop.signal;
    const settled = await Promise.allSettled(
      lanes.map((lane) =>
        run(lane, laneSignal, timeoutMs, answers).catch((error: unknown) => {
          lanesStop.abort(error);
          throw error;
        }),
      ),
    );
    pacer.waveDone(lanes.length, answers.latencies, answers.timeouts);
    check();
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  };

  const weight = (c: HttpCase): number => requestsOf(profile, c);
  // A newman run costs about as much to start as a few requests: a small selection gets fewer lanes.
  const laneCount = Math.min(options.concurrency, Math.max(1, Math.floor(cases.reduce((sum, c) => sum + weight(c), 0) / REQUESTS_PER_LANE)));
  // One lane: the limit is that. Lanes: a slow start from one, the setup's answers the first wave's.
  if (laneCount <= 1) pacer.lanes(laneCount);
  const setupAnswers: WaveAnswers | undefined = laneCount > 1 ? { latencies: [], timeouts: 0 } : undefined;
  // The setup and the teardown in runs of their own: a step or a case may have to be sent again between them.
  await fixtureRun(setup, options.signal, setupAnswers);
  if (setupAnswers) pacer.waveDone(1, setupAnswers.latencies, setupAnswers.timeouts);
  check();
  const teardownRun = (): Promise<void> => fixtureRun(teardown, options.signal);
  if (laneCount <= 1) {
    await run(cases, options.signal);
    check();
    await retryPending(options.signal);
    check();
    await teardownRun();
    return ordered();
  }
  // A warm-up of a few one-case groups, one at a time: the target's pace, one request in flight,
  // before the waves.
  const groups = orderedGroups(cases, (c) => operationOf(profile, c));
  const warmUp: HttpCase[] = [];
  for (const group of groups) {
    if (warmUp.reduce((sum, c) => sum + weight(c), 0) >= WARM_UP_REQUESTS) break;
    if (group.length === 1) warmUp.push(group[0]!);
  }
  await runWave([[...warmUp]], 1);
  check();
  // Then waves of lanes, each wave's lanes and timeout the pacer's when it starts: a newman run's
  // timeout cannot change once started, nor can the runs side by side. Waves follow one another,
  // so a group split between two keeps its order.
  const queue = groups.filter((g) => !(g.length === 1 && warmUp.includes(g[0]!))).map((g) => [...g]);
  while (queue.length > 0) {
    // A lane is worth its newman run with fewer requests when each takes long.
    const remaining = queue.reduce((sum, g) => sum + g.reduce((total, c) => total + weight(c), 0), 0);
    const lanes = Math.max(1, Math.min(pacer.limit, Math.floor(remaining / (pacer.slow ? MIN_WAVE_LANE_REQUESTS : REQUESTS_PER_LANE))));
    const perLane = Math.max(MIN_WAVE_LANE_REQUESTS, Math.ceil(WAVE_MS / Math.max(1, pacer.medianMs)));
    await runWave(nextWave(queue, weight, lanes * perLane, perLane), lanes);
    check();
  }
  await retryPending(options.signal);
  check();
  await teardownRun();
  return ordered();
};
