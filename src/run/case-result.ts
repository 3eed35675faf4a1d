/**
 * Every engine's case record — an HTTP engine's (engine.ts) or the raw-socket runner's
 * (src/wire/run-wire-cases.ts) — becomes a case result here, once: the judge (src/judge/) decides
 * on the case's exchange, built from the record's steps by their roles, and the result records what
 * was sent and what came back, made safe to write into a report — the header lines of the request
 * and the response and the start of the body.
 *
 * Masking order matters. First every derived value of the case (a truncated key, a Base64 token)
 * and every secret variable becomes its `{{name}}` placeholder — so a reader sees
 * `Basic {{basicToken}}!!` rather than a mask or, worse, a key with one character dropped, which
 * the redactor could not recognise. Then the run's redactor masks whatever else looks like a
 * secret. Only then are long values cut: a secret cut in half could no longer be recognised.
 */
import { caseOperation, unmetPrecondition } from '../cases/case-request.js';
import { OPERATIONS, type Operation, type PrepareStep } from '../cases/operations.js';
import type { RequestCase } from '../cases/model.js';
import type { Profile } from '../cases/profiles.js';
import { echoSecrets } from '../judge/checks.js';
import type { Answer, CaseExchange, RecordedResponse, StepExchange } from '../judge/exchange.js';
import { judgeCase } from '../judge/judge-case.js';
import { casePlan, readsAfter, type CasePlan } from '../judge/plan.js';
import { bodyExcerpt, MAX_HEADER_VALUE, shorten } from '../results/excerpt.js';
import { placeholders } from '../results/placeholders.js';
import { resultBase, type ActualResponse, type CaseResult, type HeaderRecord, type SentRequest } from '../results/results.js';
import type { WireRecord } from '../wire/run-wire-cases.js';
import type { WireOutcome } from '../wire/socket-exchange.js';
import { resolveTemplate } from '../wire/template.js';
import type { ItemRecord, StepRecord, StepRole } from './engine.js';

export interface ExchangeMasking {
  /** Secret environment variables by name (`accessKey`, `password`, …), for their placeholders. */
  readonly secrets: ReadonlyMap<string, string>;
  /** The run's redactor, applied after the placeholders. */
  readonly mask: (text: string) => string;
}

/** What judging a case record needs besides the record. */
export interface CaseJudging {
  readonly profile: Profile;
  readonly timeoutMs: number;
  /** The run's variables (environment over the collection's), to resolve templates such as `{{fixtureContent}}`. */
  readonly variables: ReadonlyMap<string, string>;
  readonly masking: ExchangeMasking;
}

/** The masking function for one case's exchange: its derived values, the secrets, the redactor. */
export function exchangeMasker(testCase: RequestCase, record: Pick<ItemRecord, 'derived'>, masking: ExchangeMasking): (text: string) => string {
  const derived = new Map<string, string>();
  for (const { name } of testCase.derive ?? []) {
    const value = record.derived?.[name];
    if (value !== undefined) derived.set(name, value);
  }
  const substitute = placeholders(new Map([...derived, ...masking.secrets]));
  return (text) => masking.mask(substitute(text));
}

/** For messages: the secrets also percent-encoded (as a key in a query string is sent) become placeholders first. */
function messageMasker(testCase: RequestCase, record: ItemRecord, masking: ExchangeMasking): (text: string) => string {
  const encoded = new Map([...masking.secrets].map(([name, value]) => [name, encodeURIComponent(value)] as const).filter(([, v]) => v.length > 0));
  const masker = exchangeMasker(testCase, record, masking);
  const unencoded = placeholders(encoded);
  return (text) => masker(unencoded(text));
}

function answerOf(record: { readonly response?: StepRecord['response']; readonly requestError?: { readonly code: string } } | undefined): Answer | undefined {
  if (record?.requestError) return { kind: 'error', code: record.requestError.code };
  return record?.response ? { kind: 'response', response: record.response } : undefined;
}

/** The plan's steps matched, in order, to the records of their role; a step with no record was not sent. */
function stepsOf(steps: readonly PrepareStep[], records: readonly StepRecord[], safe: (text: string) => string): StepExchange[] {
  return steps.map((step, i) => {
    const record = records[i];
    const where = record ? `${record.method} ${safe(record.path)}` : `${step.method} ${step.path}`;
    const answer = answerOf(record);
    return { step, where, ...(answer ? { answer } : {}) };
  });
}

/** The judge's exchange of a case record: its own request and answer, its steps by role. */
export function caseExchange(plan: CasePlan, record: ItemRecord, safe: (text: string) => string, secrets: ReadonlyMap<string, string>): CaseExchange {
  const answer = answerOf(record) ?? { kind: 'error', code: 'no response recorded' };
  const of = (role: StepRole): StepRecord[] => record.steps.filter((s) => s.role === role);
  const after = answer.kind === 'response' && readsAfter(plan, answer.response.status);
  const second = plan.second && answer.kind === 'response' ? answerOf(of('second')[0]) : undefined;
  return {
    where: `${record.method ?? ''} ${safe(record.path ?? '')}`,
    answer,
    preparation: stepsOf(plan.preparation, of('preparation'), safe),
    before: stepsOf(plan.beforeRead, of('before'), safe),
    after: after ? stepsOf(plan.afterRead, of('after'), safe) : [],
    ...(second ? { second } : {}),
    secrets: echoSecrets(secrets, record.requestHeaders ?? []),
  };
}

function safeHeaders(lines: readonly (readonly [string, string])[], safe: (text: string) => string): HeaderRecord[] {
  return lines.map(([name, value]) => [shorten(safe(name), MAX_HEADER_VALUE), shorten(safe(value), MAX_HEADER_VALUE)] as const);
}

/** The report's `actual.error` for an answer without a response. */
function answerError(answer: Exclude<WireOutcome, { kind: 'response' }> | Extract<Answer, { kind: 'error' }>, timeoutMs: number): string {
  switch (answer.kind) {
    case 'error':
      return answer.code;
    case 'closed':
      return 'closed by the server before a response';
    case 'reset':
      return answer.code;
    case 'malformed':
      return `malformed response: ${answer.reason}`;
    case 'timeout':
      return `no response within ${timeoutMs} ms`;
    case 'connect-failed':
      return answer.code;
    case 'not-reused':
      return `connection not reused: ${answer.reason}`;
  }
}

/** What any engine's case record comes to, for the one assembly below. */
interface RecordView {
  /** The request as sent, masked; null when nothing was sent. */
  readonly request: SentRequest | null;
  /** Why the case was not sent or not answered: it is skipped. */
  readonly notSent?: string;
  /** Why its request could not be built: the harness's error, not the server's. */
  readonly buildError?: string;
  readonly answer?: Answer | Extract<WireOutcome, { kind: 'not-reused' }>;
  /** Masks secrets and derived values in what the report records of the exchange. */
  readonly safe: (text: string) => string;
  /** The judge's exchange but its answer: its steps, the secrets to look for, the probe. */
  readonly exchange: (plan: CasePlan, answer: Answer) => Omit<CaseExchange, 'answer'>;
  readonly resolve: (template: string) => string;
  readonly exceptions: readonly string[];
  readonly durationMs?: number;
}

function httpView(testCase: RequestCase, record: ItemRecord, judging: CaseJudging): RecordView {
  const safe = exchangeMasker(testCase, record, judging.masking);
  const answer = answerOf(record);
  return {
    request:
      record.method && record.path !== undefined
        ? { method: record.method, path: safe(record.path), ...(record.requestHeaders ? { headers: safeHeaders(record.requestHeaders, safe) } : {}) }
        : null,
    ...(answer ? { answer } : { notSent: unmetPrecondition(testCase, judging.variables) ?? 'not run' }),
    safe,
    exchange: (plan) => {
      const { answer: _answer, ...rest } = caseExchange(plan, record, messageMasker(testCase, record, judging.masking), judging.masking.secrets);
      return rest;
    },
    resolve: (template) => resolveTemplate(template, judging.variables),
    exceptions: record.exceptions,
    ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
  };
}

function wireView(testCase: RequestCase, record: WireRecord, judging: CaseJudging): RecordView {
  const safe = exchangeMasker(testCase, { derived: record.credentials }, judging.masking);
  const request = record.request ? { method: record.request.method, path: safe(record.request.path), headers: safeHeaders(record.request.headers, safe) } : null;
  const where = request ? `${request.method} ${request.path}` : '';
  return {
    request,
    ...(record.notSent !== undefined ? { notSent: record.notSent } : {}),
    ...(record.buildError !== undefined ? { buildError: record.buildError } : {}),
    ...(record.outcome ? { answer: record.outcome } : {}),
    safe,
    exchange: () => ({ where, preparation: [], before: [], after: [], secrets: record.secrets, ...(record.probe ? { probe: record.probe } : {}) }),
    resolve: (template) => resolveTemplate(template, record.scope),
    exceptions: [],
    ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
  };
}

/** The profile's operation of a case; a wire case on an operation the profile lacks takes V3IO's. */
function operationFor(profile: Profile, testCase: RequestCase): Operation {
  return profile.operations[caseOperation(testCase)] ?? OPERATIONS[caseOperation(testCase)];
}

/**
 * The case's result, whichever engine recorded it: skipped when it was not sent, else judged by
 * src/judge/ on its exchange, with the request's header lines and the response's headers and body
 * excerpt, masked.
 */
export function caseResult(testCase: RequestCase, record: ItemRecord | WireRecord | undefined, judging: CaseJudging): CaseResult {
  if (!record) {
    return { ...resultBase(testCase), outcome: 'skip', actual: null, request: null, checks: [], failedLevel: null, reason: unmetPrecondition(testCase, judging.variables) ?? 'not run' };
  }
  const view = 'kind' in record && record.kind === 'wire' ? wireView(testCase, record, judging) : httpView(testCase, record as ItemRecord, judging);
  const { request, answer, safe } = view;
  const base = { ...resultBase(testCase), ...(answer && view.durationMs !== undefined ? { durationMs: view.durationMs } : {}) };
  const unjudged = { actual: null, request, checks: [], failedLevel: null };
  if (view.buildError !== undefined) return { ...base, outcome: 'error', ...unjudged, reason: `cannot build the bytes: ${view.buildError}` };
  if (!answer) return { ...base, outcome: 'skip', ...unjudged, reason: view.notSent ?? 'not run' };
  const operation = operationFor(judging.profile, testCase);
  const plan = casePlan(testCase, operation);
  // Requests on one connection whose server closed it after an earlier answer: what the case is
  // about (what a reused connection remembers) was never tested — no verdict either way.
  if (answer.kind === 'not-reused') {
    const where = request ? `${request.method} ${request.path}` : '';
    return { ...base, outcome: 'inconclusive', ...unjudged, actual: { error: answerError(answer, judging.timeoutMs) }, reason: `the connection was not reused: ${safe(answer.reason)}, for ${where}` };
  }
  const judged = judgeCase(testCase, operation, plan, { answer, ...view.exchange(plan, answer) }, {
    ...(judging.profile.errorSchema ? { errorSchema: judging.profile.errorSchema } : {}),
    timeoutMs: judging.timeoutMs,
    resolve: view.resolve,
  });
  const actual = answer.kind === 'response' ? responseActual(answer.response, safe) : { error: answerError(answer, judging.timeoutMs) };
  // A script that threw may have left the plan's steps unsent: say so next to what could not be judged.
  const scriptError = view.exceptions[0] ? `test script error: ${view.exceptions[0]}` : undefined;
  const reason = [judged.reason, judged.reason ? scriptError : undefined].filter((r) => r !== undefined).join('; ');
  return {
    ...base,
    outcome: judged.outcome,
    actual,
    request,
    checks: judged.checks,
    failedLevel: judged.failedLevel,
    ...(judged.inconclusiveChecks.length > 0 ? { inconclusiveChecks: judged.inconclusiveChecks } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** The response as a report records it: status, headers and body excerpt masked. */
function responseActual(response: RecordedResponse, safe: (text: string) => string): ActualResponse {
  const excerpt = bodyExcerpt(response.body, safe);
  return { status: response.status, statusText: safe(response.statusText), headers: safeHeaders(response.headers, safe), ...(excerpt ? { bodyExcerpt: excerpt } : {}) };
}
