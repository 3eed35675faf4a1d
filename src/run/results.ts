/**
 * Newman traces as results: a case's trace handed to the judge (src/judge/), the fixture steps
 * judged by status. The results vocabulary itself lives in src/results/.
 */
import { unmetPrecondition } from '../cases/case-request.js';
import type { RequestCase } from '../cases/model.js';
import { operationOf, type Profile } from '../cases/profiles.js';
import { judgeCase } from '../judge/judge-case.js';
import { casePlan } from '../judge/plan.js';
import { resultBase, type CaseResult, type StepResult } from '../results/results.js';
import type { ItemTrace } from './newman-session.js';
import { newmanExchange } from './newman-exchange.js';
import { resolveTemplate } from '../wire/template.js';

export * from '../results/results.js';

/** What judging a newman case needs besides its trace. */
export interface NewmanJudging {
  readonly profile: Profile;
  readonly timeoutMs: number;
  /** The run's variables (environment over the collection's), to resolve templates such as `{{fixtureContent}}`. */
  readonly variables: ReadonlyMap<string, string>;
  /** Secret variables by name, for the echo check. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Masks secrets and derived values of the case in a text for messages. */
  readonly safe: (testCase: RequestCase, trace: ItemTrace) => (text: string) => string;
}

/** The case's result: skipped when it was not sent, else judged by src/judge/ on its recorded exchange. */
export function caseResult(testCase: RequestCase, trace: ItemTrace | undefined, judging: NewmanJudging): CaseResult {
  const base = {
    ...resultBase(testCase),
    ...(trace?.durationMs !== undefined && (trace.response || trace.requestError) ? { durationMs: trace.durationMs } : {}),
  };
  const request = trace?.method && trace.path !== undefined ? { method: trace.method, path: trace.path } : null;
  if (!trace || (!trace.response && !trace.requestError)) {
    const reason = unmetPrecondition(testCase, judging.variables) ?? 'not run';
    return { ...base, outcome: 'skip', actual: null, request, checks: [], failedLevel: null, reason };
  }
  const operation = operationOf(judging.profile, testCase);
  const plan = casePlan(testCase, operation);
  const exchange = newmanExchange(plan, trace, judging.safe(testCase, trace), judging.secrets);
  const judged = judgeCase(testCase, operation, plan, exchange, {
    ...(judging.profile.errorSchema ? { errorSchema: judging.profile.errorSchema } : {}),
    timeoutMs: judging.timeoutMs,
    resolve: (template) => resolveTemplate(template, judging.variables),
  });
  const actual = trace.requestError ? { error: trace.requestError.code } : { status: trace.response!.status, statusText: trace.response!.statusText };
  // A script that threw may have left the plan's steps unsent: say so next to what could not be judged.
  const scriptError = trace.exceptions[0] ? `test script error: ${trace.exceptions[0]}` : undefined;
  const reason = [judged.reason, judged.reason ? scriptError : undefined].filter((r) => r !== undefined).join('; ');
  return { ...base, outcome: judged.outcome, actual, request, checks: judged.checks, failedLevel: judged.failedLevel, ...(judged.inconclusiveChecks.length > 0 ? { inconclusiveChecks: judged.inconclusiveChecks } : {}), ...(reason ? { reason } : {}) };
}

/**
 * Judges fixture steps by status: 2xx is done. For teardown, `alreadyGone` also takes 404 (a case
 * may have deleted the object already; what matters is that it is not left behind).
 */
export function stepResults(
  steps: readonly { id: string; title: string }[],
  traces: ReadonlyMap<string, ItemTrace>,
  alreadyGone = false,
): StepResult[] {
  return steps.map((step) => {
    const trace = traces.get(step.id);
    const status = trace?.response?.status ?? null;
    const where = trace?.method ? ` for ${trace.method} ${trace.path ?? ''}` : '';
    if (trace?.requestError) return { id: step.id, title: step.title, ok: false, status, message: `connection error (${trace.requestError.code})${where}` };
    if (status === null) return { id: step.id, title: step.title, ok: false, status, message: 'not run' };
    const ok = (status >= 200 && status < 300) || (alreadyGone && status === 404);
    return { id: step.id, title: step.title, ok, status, ...(ok ? {} : { message: `Expected 2xx, got ${status}${where}` }) };
  });
}


