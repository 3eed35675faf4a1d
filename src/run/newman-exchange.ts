/**
 * A newman trace as the judge's recorded exchange (src/judge/exchange.ts): the item's own request
 * and answer, and the requests its scripts sent, matched to the case's plan in order — the
 * pre-request script's to the preparation then the before-snapshot's reads, the test script's to
 * the after-snapshot's reads (sent only when the request was not accepted) then the second
 * request. A step with no recorded request was not sent.
 */
import type { PrepareStep } from '../cases/operations.js';
import type { Answer, CaseExchange, StepExchange } from '../judge/exchange.js';
import { readsAfter as readsAfterAnswer, type CasePlan } from '../judge/plan.js';
import { echoSecrets } from '../judge/checks.js';
import type { ItemTrace, ResponseRecord, ScriptRequestRecord } from './newman-session.js';

function answerOf(record: { readonly response?: ResponseRecord; readonly requestError?: { readonly code: string } }): Answer | undefined {
  if (record.requestError) return { kind: 'error', code: record.requestError.code };
  return record.response ? { kind: 'response', response: record.response } : undefined;
}

function stepsOf(steps: readonly PrepareStep[], records: readonly ScriptRequestRecord[], safe: (text: string) => string): StepExchange[] {
  return steps.map((step, i) => {
    const record = records[i];
    const where = record ? `${record.method} ${safe(record.path)}` : `${step.method} ${step.path}`;
    const answer = record ? answerOf(record) : undefined;
    return { step, where, ...(answer ? { answer } : {}) };
  });
}

/**
 * `safe` masks secrets and derived values in what goes into messages; `secrets` are the run's
 * secret variables by name, for the echo check.
 */
export function newmanExchange(plan: CasePlan, trace: ItemTrace, safe: (text: string) => string, secrets: ReadonlyMap<string, string>): CaseExchange {
  const answer = answerOf(trace) ?? { kind: 'error', code: 'no response recorded' };
  const pre = trace.scriptRequests.filter((r) => r.phase === 'prerequest');
  const post = trace.scriptRequests.filter((r) => r.phase === 'test');
  const readsAfter = answer.kind === 'response' && readsAfterAnswer(plan, answer.response.status) ? plan.afterRead.length : 0;
  const secondRecord = plan.second && answer.kind === 'response' ? post[readsAfter] : undefined;
  const second = secondRecord ? answerOf(secondRecord) : undefined;
  return {
    where: `${trace.method ?? ''} ${safe(trace.path ?? '')}`,
    answer,
    preparation: stepsOf(plan.preparation, pre, safe),
    before: stepsOf(plan.beforeRead, pre.slice(plan.preparation.length), safe),
    after: readsAfter > 0 ? stepsOf(plan.afterRead, post, safe) : [],
    ...(second ? { second } : {}),
    secrets: echoSecrets(secrets, trace.requestHeaders ?? []),
  };
}
