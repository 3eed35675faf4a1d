/**
 * The newman engine: newman sends the harness collection (harness-collection.ts) — plain requests,
 * no scripts but the captures — and each case's items are put back together into the `ItemTrace`
 * the newman session recorded for the committed collection's item (the item's request, its
 * scripts' requests in order), so the judge, the reports and the partial reports see no
 * difference. With `concurrency` > 1 the ordered groups of native/case-groups.ts are dealt into
 * that many lanes, each a newman run of its own, side by side between a setup run and a teardown
 * run; within a lane the cases run in order, and no two lanes touch the same fixture.
 */
import type { ConformanceCase, HttpCase } from '../../cases/model.js';
import { operationOf, type Profile } from '../../cases/profiles.js';
import { HarnessError } from '../../errors.js';
import type { EnvironmentValue } from '../environment.js';
import { runNewman, type ItemTrace, type NewmanOptions, type ScriptRequestRecord } from '../newman-session.js';
import { orderedGroups } from '../native/case-groups.js';
import { collectionOrder, requestsOf } from '../native/run-native.js';
import { fixtureItem, harnessCase, harnessCollection, type HarnessCase, type HarnessItem } from './harness-collection.js';

/**
 * Newman's options but the collection and environment, which the harness builds: `timeoutRunMs`
 * bounds each newman run (lane); `onItemStart` and `onItem` are told of fixture steps and whole
 * cases (a case's first request, its last answer), never of a case's preparation or read-backs.
 */
export interface HarnessRunOptions extends Omit<NewmanOptions, 'collection' | 'environment'> {
  readonly profile: Profile;
  /** The selected cases; wire cases are left to the raw-socket runner. */
  readonly cases: readonly ConformanceCase[];
  /** The run's variables: the collection's, the environment's over them; `baseUrl` is where requests go. */
  readonly variables: ReadonlyMap<string, string>;
  /** Lanes (newman runs) side by side; 1: one run, setup to teardown. */
  readonly concurrency: number;
}

/** Requests a lane should carry at least to be worth a newman run of its own (a run takes ~40 ms to start, a request ~10 ms). */
const REQUESTS_PER_LANE = 16;

const is2xx = (status: number): boolean => status >= 200 && status <= 299;

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new HarnessError('interrupted', 'the run was stopped');
}

/** The case's trace from the traces of its items, keeping only the requests its plan sends given the answer. */
export function caseTrace(harness: HarnessCase, items: ReadonlyMap<string, ItemTrace>): ItemTrace {
  const { testCase } = harness;
  const own = items.get(testCase.id);
  const base: ItemTrace = { id: testCase.id, name: testCase.title, scriptRequests: [], assertions: [], exceptions: [] };
  if (!own) return base;
  const answered = own.response !== undefined && !own.requestError;
  const record = (item: HarnessItem, phase: ScriptRequestRecord['phase']): ScriptRequestRecord[] => {
    const trace = items.get(item.id);
    if (!trace || (!trace.response && !trace.requestError)) return [];
    return [{ phase, method: trace.method ?? item.request.method, path: trace.path ?? '', ...(trace.requestError ? { requestError: trace.requestError } : { response: trace.response! }) }];
  };
  const of = (role: HarnessItem['role']): HarnessItem[] => harness.items.filter((i) => i.role === role);
  const scriptRequests = [
    ...[...of('prepare'), ...of('before')].flatMap((i) => record(i, 'prerequest')),
    // After-snapshot only when the request was answered and not accepted, or the case judges a 2xx
    // on evidence of a write (plan.ts, `readsAfter`); second only when answered.
    ...(answered && (!is2xx(own.response!.status) || testCase.expect.letInOnEvidence === true) ? of('after').flatMap((i) => record(i, 'test')) : []),
    ...(answered ? of('second').flatMap((i) => record(i, 'test')) : []),
  ];
  const durationMs = harness.items.reduce((sum, i) => sum + (items.get(i.id)?.durationMs ?? 0), 0);
  return {
    ...base,
    ...(own.method !== undefined ? { method: own.method } : {}),
    ...(own.path !== undefined ? { path: own.path } : {}),
    ...(own.requestHeaders ? { requestHeaders: own.requestHeaders } : {}),
    localVariables: Object.fromEntries(harness.derived),
    ...(own.response ? { response: own.response } : {}),
    ...(own.requestError ? { requestError: own.requestError } : {}),
    scriptRequests,
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

export async function runNewmanHarness(options: HarnessRunOptions): Promise<ItemTrace[]> {
  const { profile, variables } = options;
  const setup = profile.fixtures.setup.map((step) => fixtureItem(step, variables));
  const teardown = profile.fixtures.teardown.map((step) => fixtureItem(step, variables));
  const cases = collectionOrder(profile, options.cases);
  const harness = new Map(cases.map((c) => [c.id, harnessCase(c, profile, variables)]));
  const traces = new Map<string, ItemTrace>();
  const done = (trace: ItemTrace): void => {
    traces.set(trace.id, trace);
    options.onItem?.(trace);
  };

  /** One newman run of these fixture steps and cases, in order. */
  const run = async (before: readonly HarnessItem[], laneCases: readonly HttpCase[], after: readonly HarnessItem[], signal: AbortSignal | undefined): Promise<void> => {
    const entries = laneCases.map((c) => harness.get(c.id)!);
    // A skipped case sends nothing: reported as the scripts' skipRequest is, when its lane starts.
    for (const entry of entries) if (entry.skipped) done(caseTrace(entry, new Map()));
    const sent = entries.filter((e) => !e.skipped);
    const items = [...before, ...sent.flatMap((e) => e.items), ...after];
    if (items.length === 0) return;
    // Which case an item belongs to, and the case's last item, after which its trace is complete.
    const caseOfItem = new Map(sent.flatMap((e) => e.items.map((i) => [i.id, e] as const)));
    const itemTraces = new Map<string, ItemTrace>();
    const environment: EnvironmentValue[] = sent.flatMap((e) => e.captureVariables);
    await runNewman({
      collection: harnessCollection(profile.title, items),
      environment: { values: environment },
      timeoutRequestMs: options.timeoutRequestMs,
      timeoutRunMs: options.timeoutRunMs,
      ...(options.caFile ? { caFile: options.caFile } : {}),
      ...(options.insecure ? { insecure: true } : {}),
      ...(options.certFile ? { certFile: options.certFile } : {}),
      ...(options.keyFile ? { keyFile: options.keyFile } : {}),
      onItemStart: (id) => {
        const entry = caseOfItem.get(id);
        if (!entry || entry.items[0]!.id === id) options.onItemStart?.(entry ? entry.testCase.id : id);
      },
      onItem: (trace) => {
        const entry = caseOfItem.get(trace.id);
        if (!entry) {
          done(trace);
          return;
        }
        itemTraces.set(trace.id, trace);
        if (entry.items.at(-1)!.id === trace.id) done(caseTrace(entry, itemTraces));
      },
      ...(signal ? { signal } : {}),
      ...(options.abortGraceMs !== undefined ? { abortGraceMs: options.abortGraceMs } : {}),
    });
  };

  const check = (): void => {
    if (options.signal?.aborted) throw abortReason(options.signal);
  };
  const ordered = (): ItemTrace[] =>
    [...setup.map((s) => s.id), ...cases.map((c) => c.id), ...teardown.map((s) => s.id)].flatMap((id) => (traces.has(id) ? [traces.get(id)!] : []));

  const weight = (c: HttpCase): number => requestsOf(profile, c);
  // A newman run costs about as much to start as a few requests: a small selection gets fewer lanes.
  const laneCount = Math.min(options.concurrency, Math.max(1, Math.floor(cases.reduce((sum, c) => sum + weight(c), 0) / REQUESTS_PER_LANE)));
  if (laneCount <= 1) {
    await run(setup, cases, teardown, options.signal);
    return ordered();
  }
  await run(setup, [], [], options.signal);
  check();
  const lanes = lanesOf(orderedGroups(cases, (c) => operationOf(profile, c)), weight, laneCount);
  // A lane that fails stops the others; the first failure (or the run's own stop) is what the run rejects with.
  const lanesStop = new AbortController();
  const laneSignal = options.signal ? AbortSignal.any([options.signal, lanesStop.signal]) : lanesStop.signal;
  const settled = await Promise.allSettled(
    lanes.map((lane) =>
      run([], lane, [], laneSignal).catch((error: unknown) => {
        lanesStop.abort(error);
        throw error;
      }),
    ),
  );
  check();
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  await run([], [], teardown, options.signal);
  return ordered();
}
