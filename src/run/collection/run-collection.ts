/**
 * The collection as it is (`--collection`): newman runs a given Postman collection, its scripts
 * included, one request at a time. Its scripts send a case's plan with `pm.sendRequest`; newman
 * tells only whether a script request went out before the item's own request (`prerequest`) or
 * after it (`test`). This engine, alone, decodes those phases into the plan's roles by counting:
 * the pre-request script's requests are the preparation, then the before-snapshot's reads; the
 * test script's are the after-snapshot's reads (sent only when the plan reads after this answer),
 * then the second request (sent only when answered). It cannot wait for a Retry-After: newman sends
 * the collection's requests and its scripts' as they come; each such answer is told to the pacer as
 * not waited for, and the scripts skip the checks it cannot decide (judge/asked-to-wait.ts).
 */
import { isRequestCase } from '../../cases/case-request.js';
import type { RequestCase } from '../../cases/model.js';
import { operationOf } from '../../cases/profiles.js';
import { casePlan, readsAfter, type CasePlan } from '../../judge/plan.js';
import { abortGraceOf, type Engine, type ItemRecord, type StepRecord, type StepRole } from '../engine.js';
import type { PostmanEnvironment } from '../environment.js';
import { itemRecord, runNewman, type ItemTrace, type ScriptRequestRecord } from '../newman-session.js';
import { NOT_WAITED, waitAsked } from '../retry-after.js';

function step(record: ScriptRequestRecord, role: StepRole): StepRecord {
  const { phase: _phase, ...request } = record;
  return { role, ...request };
}

/** A case's trace with each script request given its role in the plan; requests beyond the plan are left out. */
export function decodedRecord(plan: CasePlan, trace: ItemTrace): ItemRecord {
  const pre = trace.scriptRequests.filter((r) => r.phase === 'prerequest');
  const post = trace.scriptRequests.filter((r) => r.phase === 'test');
  const answered = trace.response !== undefined && trace.requestError === undefined;
  const after = answered && readsAfter(plan, trace.response!.status) ? plan.afterRead.length : 0;
  const steps = [
    ...pre.map((r, i) => step(r, i < plan.preparation.length ? 'preparation' : 'before')),
    ...post.slice(0, after).map((r) => step(r, 'after')),
    ...(plan.second && answered && post[after] ? [step(post[after], 'second')] : []),
  ];
  return { ...itemRecord(trace), steps };
}

/** The engine that runs `collection` with `environment` as it is; the options' cases say which items are cases. */
export function collectionEngine(collection: object, environment: PostmanEnvironment): Engine {
  return (options, listener) => {
    const cases = new Map(options.cases.filter(isRequestCase).map((c): [string, RequestCase] => [c.id, c]));
    const planOf = (testCase: RequestCase): CasePlan => casePlan(testCase, operationOf(options.profile, testCase));
    return runNewman({
      collection,
      environment,
      timeoutRequestMs: options.timeoutMs,
      timeoutRunMs: options.runTimeoutMs,
      ...options.tls,
      onItemStart: (id) => {
        if (cases.has(id)) listener.caseStarted?.(id);
      },
      onItem: (trace) => {
        // Sent as it is: an answer asking to wait is not waited for, and the report says so.
        for (const response of [trace.response, ...trace.scriptRequests.map((r) => r.response)]) {
          if (response && waitAsked(response.status, response.headers)) options.pacer.recordNotWaited(trace.id, response.status, NOT_WAITED.asItIs);
        }
        const testCase = cases.get(trace.id);
        // Any other item (a fixture step, an item of the collection's own) is told as a fixture step.
        if (testCase) listener.caseDone?.(decodedRecord(planOf(testCase), trace));
        else listener.fixtureDone?.(itemRecord(trace));
      },
      ...(options.signal ? { signal: options.signal } : {}),
      abortGraceMs: abortGraceOf(options.timeoutMs),
    }).then((traces) => traces.map((trace) => (cases.has(trace.id) ? decodedRecord(planOf(cases.get(trace.id)!), trace) : itemRecord(trace))));
  };
}
