/**
 * The native engine: sends what newman would send for a collection run — the profile's setup, each
 * selected HTTP case's plan (preparation and before-snapshot, the case's request, the
 * after-snapshot when it was not accepted, the second request), the teardown — with undici over a
 * keep-alive pool, and records each item (engine.ts), each of a case's requests with its role in
 * the plan. Derived values are computed in
 * Node (src/wire/transforms.ts). With `concurrency` > 1, the ordered groups of ../case-groups.ts run
 * side by side; within a group, cases run in order. Every request goes through the pacer
 * (../pacing.ts): as many in flight as it allows, its timeout, a timed-out request sent again
 * alone, a 429/503 with Retry-After waited for.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { unmetPrecondition } from '../../cases/case-request.js';
import type { HttpCase } from '../../cases/model.js';
import { FIXTURE_CREDENTIALS, type FixtureStep, type PrepareStep, type StepRequest } from '../../cases/operations.js';
import { operationOf, type Profile } from '../../cases/profiles.js';
import { casePlan, readsAfter } from '../../judge/plan.js';
import { abortReason } from '../../errors.js';
import { is2xx } from '../../results/status.js';
import { resolveTemplate } from '../../wire/template.js';
import { deriveAll } from '../../wire/transforms.js';
import { collectionOrder, orderedGroups, requestsOf } from '../case-order.js';
import type { Engine, EngineListener, EngineOptions, ItemRecord, StepRecord, StepRole } from '../engine.js';
import { type Pacer, TIMEOUT_CODES } from '../pacing.js';
import { NOT_WAITED, nextWait, waitAsked } from '../retry-after.js';
import { EVIDENCE_WORDS, retryAlone, SLOW_TARGET_CODE } from '../retry-alone.js';
import { createNativeClient, type NativeAnswer, type NativeClient, type NativeRequest } from './http-client.js';

/** A request template resolved against `scope`: `{{baseUrl}}` + path, each header line, the body. */
function resolved(template: StepRequest, scope: ReadonlyMap<string, string>, credentials: readonly (readonly [string, string])[] = []) {
  return {
    method: template.method,
    path: resolveTemplate(template.path, scope),
    url: resolveTemplate(`{{baseUrl}}${template.path}`, scope),
    headers: [...template.headers, ...credentials].map(([name, value]) => [name, resolveTemplate(value, scope)] as const),
    ...(template.body === undefined ? {} : { body: Buffer.from(resolveTemplate(template.body, scope), 'utf8') }),
  };
}

/** The path and query as newman records them: what follows the origin. */
function pathOf(url: string, fallback: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return fallback;
  }
}

class NativeSession {
  private readonly records = new Map<string, ItemRecord>();
  /** A GET or HEAD the target answered 2xx: what probes send (retryAlone). */
  private known: NativeRequest | undefined;

  constructor(
    private readonly client: NativeClient,
    private readonly options: EngineOptions,
    private readonly listener: EngineListener,
    private readonly pacer: Pacer,
  ) {}

  /** One attempt on the pool, under the pacer's limit and timeout; its latency or timeout told to the pacer. */
  private async attempt(request: NativeRequest): Promise<NativeAnswer> {
    const level = await this.pacer.acquire();
    const started = performance.now();
    try {
      const answer = await this.client.send(request, this.pacer.timeoutMs);
      if ('response' in answer) this.pacer.answered(performance.now() - started, level);
      else if (TIMEOUT_CODES.has(answer.requestError.code)) this.pacer.timedOut();
      return answer;
    } finally {
      this.pacer.release();
    }
  }

  /**
   * An answer 429, or 503 with Retry-After, waited for and the request sent again, a few times
   * within the bound (retry-after.ts); each such answer told to the pacer, waited for or why not.
   */
  private async waitedFor(id: string, request: NativeRequest, first: NativeAnswer): Promise<NativeAnswer> {
    let answer = first;
    for (let attempt = 0; 'response' in answer; attempt++) {
      const asked = waitAsked(answer.response.status, answer.response.headers);
      if (asked === undefined) break;
      const next = nextWait(asked, attempt, this.stopped());
      if ('why' in next) {
        this.pacer.recordNotWaited(id, answer.response.status, next.why);
        break;
      }
      this.pacer.recordWait(id);
      const waited = await sleep(next.seconds * 1000, true, this.options.signal ? { signal: this.options.signal } : {}).catch(() => false);
      if (!waited) break;
      answer = await this.attempt(request);
    }
    return answer;
  }

  /**
   * A request of case (or fixture step) `id`, paced: a 429 or 503 with Retry-After is waited for
   * and sent again (a few times, within a bound); a timeout is sent again once, alone, on a new
   * connection, with a longer timeout. When that gets no answer either, a probe decides: the
   * target answers others promptly (a hang: the timeout stands), slowly (not judged), or not at all.
   */
  private async send(id: string, request: NativeRequest): Promise<NativeAnswer> {
    const answer = await this.waitedFor(id, request, await this.attempt(request));
    if ('response' in answer && is2xx(answer.response.status) && (request.method === 'GET' || request.method === 'HEAD')) this.known ??= request;
    if (!('requestError' in answer) || !TIMEOUT_CODES.has(answer.requestError.code) || this.stopped()) return answer;
    const isTimeout = (a: NativeAnswer): boolean => 'requestError' in a && TIMEOUT_CODES.has(a.requestError.code);
    const verdict = await retryAlone(this.pacer, (timeoutMs) => this.probe(timeoutMs), (timeoutMs) => this.client.sendFresh(request, timeoutMs), isTimeout);
    if (!verdict.result) return answer;
    const again = verdict.evidence === 'answered' ? await this.waitedFor(id, request, verdict.result) : verdict.result;
    if (verdict.evidence === 'answered') {
      this.pacer.recordRetry(id, 'response' in again ? `answered ${again.response.status} when sent alone` : `sent alone: ${again.requestError.code}`);
      return again;
    }
    this.pacer.recordRetry(id, `no answer within ${verdict.retryMs} ms alone; ${EVIDENCE_WORDS[verdict.evidence]}`);
    if (verdict.evidence !== 'slow') return again;
    return { requestError: { code: SLOW_TARGET_CODE, message: `no answer within ${verdict.retryMs} ms even alone, and the target answered another request slowly too` } };
  }

  /** A request the target answered 2xx, sent again on a new connection: its latency; else the run's own probe. */
  private async probe(timeoutMs: number): Promise<number | undefined> {
    if (!this.known) return this.options.probe ? this.options.probe(timeoutMs) : 0;
    const sent = performance.now();
    const answer = await this.client.sendFresh(this.known, timeoutMs);
    if ('response' in answer && waitAsked(answer.response.status, answer.response.headers)) this.pacer.recordNotWaited('probe', answer.response.status, NOT_WAITED.probe);
    return 'response' in answer ? performance.now() - sent : undefined;
  }

  private stopped(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  private done(record: ItemRecord, kind: 'case' | 'fixture'): void {
    this.records.set(record.id, record);
    if (kind === 'case') this.listener.caseDone?.(record);
    else this.listener.fixtureDone?.(record);
  }

  /** A fixture step as an item of its own. */
  async fixtureItem(step: FixtureStep): Promise<void> {
    const started = performance.now();
    const request = resolved(step.request, this.options.variables, FIXTURE_CREDENTIALS);
    const answer = await this.send(step.id, request);
    this.done({
      id: step.id,
      name: step.title,
      method: request.method,
      path: pathOf(request.url, request.path),
      requestHeaders: request.headers,
      ...answer,
      steps: [],
      assertions: [],
      exceptions: [],
      durationMs: Math.round(performance.now() - started),
    }, 'fixture');
  }

  /** Steps with the fixture credentials, each whatever the one before got; a capture sets a variable of the case's scope. */
  private async steps(id: string, steps: readonly PrepareStep[], scope: Map<string, string>, role: StepRole, into: StepRecord[]): Promise<void> {
    for (const step of steps) {
      const request = resolved(step, scope, FIXTURE_CREDENTIALS);
      const answer = await this.send(id, request);
      into.push({ role, method: request.method, path: pathOf(request.url, request.path), ...answer });
      if (step.capture && 'response' in answer) {
        let value: unknown;
        try {
          value = (JSON.parse(answer.response.body.toString('utf8')) as Record<string, unknown>)[step.capture.member];
        } catch {
          value = undefined;
        }
        if (typeof value === 'string') scope.set(step.capture.variable, value);
      }
    }
  }

  async caseItem(testCase: HttpCase): Promise<void> {
    const { variables, profile } = this.options;
    const steps: StepRecord[] = [];
    const base = { id: testCase.id, name: testCase.title, steps, assertions: [], exceptions: [] };
    // A case whose preconditions the run lacks is not sent: reported as skipped, as newman's skipRequest.
    if (unmetPrecondition(testCase, variables) !== undefined) {
      this.done(base, 'case');
      return;
    }
    const started = performance.now();
    this.listener.caseStarted?.(testCase.id);
    const derived = deriveAll(testCase.derive ?? [], variables);
    const scope = new Map([...variables, ...derived]);
    const plan = casePlan(testCase, operationOf(profile, testCase));
    await this.steps(testCase.id, plan.preparation, scope, 'preparation', steps);
    await this.steps(testCase.id, plan.beforeRead, scope, 'before', steps);
    const request = resolved(testCase.request, scope);
    const answer: NativeAnswer = await this.send(testCase.id, request);
    const answered = 'response' in answer;
    if (answered && readsAfter(plan, answer.response.status)) await this.steps(testCase.id, plan.afterRead, scope, 'after', steps);
    if (plan.second && answered) {
      const secondScope = new Map([...scope, ...deriveAll(testCase.expect.sameResponseAs?.derive ?? [], scope)]);
      const second = resolved({ ...testCase.request, headers: plan.second.headers }, secondScope);
      const secondAnswer = await this.send(testCase.id, second);
      steps.push({ role: 'second', method: second.method, path: pathOf(second.url, second.path), ...secondAnswer });
    }
    this.done({
      ...base,
      method: request.method,
      path: pathOf(request.url, request.path),
      requestHeaders: request.headers,
      derived: Object.fromEntries(derived),
      ...answer,
      durationMs: Math.round(performance.now() - started),
    }, 'case');
  }

  /** The groups, `concurrency` at a time; each group's cases in order. Stops starting cases once stopped. */
  async cases(groups: readonly (readonly HttpCase[])[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < groups.length && !this.stopped()) {
        const group = groups[next++]!;
        for (const testCase of group) {
          if (this.stopped()) return;
          await this.caseItem(testCase);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, groups.length)) }, worker));
  }

  /** The records in the order of the collection: setup, cases, teardown. */
  ordered(ids: readonly string[]): ItemRecord[] {
    return ids.flatMap((id) => (this.records.has(id) ? [this.records.get(id)!] : []));
  }
}

/**
 * The groups in the order they are started: the longest first, so that the long chains (the
 * stream and scratch-object cases) do not start last and keep the run waiting on a slow target.
 * Each group's own order is kept; traces are reported in collection order anyway.
 */
function longestFirst(groups: readonly HttpCase[][], profile: Profile): HttpCase[][] {
  const weight = new Map(groups.map((g) => [g, g.reduce((sum, c) => sum + requestsOf(profile, c), 0)]));
  return [...groups].sort((a, b) => weight.get(b)! - weight.get(a)!);
}

/** Runs the setup, the cases and the teardown; resolves with the records in collection order. */
export const runNative: Engine = async (options, listener) => {
  const { setup, teardown } = options.profile.fixtures;
  const cases = collectionOrder(options.profile, options.cases);
  const client = createNativeClient({ timeoutMs: options.timeoutMs, ...options.tls, connections: options.concurrency });
  const session = new NativeSession(client, options, listener, options.pacer);
  const check = (): void => {
    if (options.signal?.aborted) throw abortReason(options.signal);
  };
  try {
    for (const step of setup) {
      check();
      await session.fixtureItem(step);
    }
    check();
    await session.cases(longestFirst(orderedGroups(cases, (c) => operationOf(options.profile, c)), options.profile));
    check();
    for (const step of teardown) await session.fixtureItem(step);
    return session.ordered([...setup.map((s) => s.id), ...cases.map((c) => c.id), ...teardown.map((s) => s.id)]);
  } finally {
    await client.close().catch(() => undefined);
  }
};
