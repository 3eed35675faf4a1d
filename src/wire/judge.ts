/**
 * Judges one wire exchange with the judge's check registry (src/judge/), the same definitions and
 * wording as the newman cases. Wire exchanges can also end without a response, which is a result:
 * a dropped connection is a rejection (`rejected`); `robustness` (MUST) wants no 5xx, no garbage,
 * no hang, and an answer to a well-formed request after a drop; `exact-status` counts a drop
 * against the server only when the bytes carried a valid credential.
 */
import { caseOperation } from '../cases/case-request.js';
import type { OperationId, WireCase } from '../cases/model.js';
import type { Operation, SchemaId } from '../cases/operations.js';
import { OPERATIONS } from '../cases/operations.js';
import type { Answer, LivenessProbe } from '../judge/exchange.js';
import { judgeCase } from '../judge/judge-case.js';
import { casePlan } from '../judge/plan.js';
import { bodyExcerpt, MAX_HEADER_VALUE, shorten } from '../results/excerpt.js';
import { resultBase, type ActualResponse, type CaseResult, type SentRequest } from '../results/results.js';
import type { WireResponse } from './response-parser.js';
import type { WireOutcome } from './socket-exchange.js';

export { describeAnswer as describeOutcome } from '../judge/answers.js';
export { ROBUSTNESS_CHECK } from '../judge/checks.js';
export type { LivenessProbe };
export { resultBase };

export interface WireJudging {
  /** `GET /bigdata/…`, secrets as placeholders: the end of every message. */
  readonly where: string;
  readonly timeoutMs: number;
  /** Credentials the request carried, by label (`the accessKey variable`), for the echo check. */
  readonly secrets: readonly (readonly [label: string, value: string])[];
  /** Makes a text from the target safe to report: secrets to placeholders, then the run's redactor. */
  readonly safe: (text: string) => string;
  readonly request: SentRequest;
  /** The schema a 4xx body should match (the profile's); absent: bodies are not judged. */
  readonly errorSchema?: SchemaId;
  /** The profile's operations, by id (absent: V3IO's): a Basic server's protected URL has no V3IO body to judge. */
  readonly operations?: Readonly<Partial<Record<OperationId, Operation>>>;
  /** Resolves `{{variables}}` (the run's and the case's derived values): what a 2xx body is searched for. */
  readonly resolve: (template: string) => string;
  /** Present when the connection ended without a response: whether the server still answers. */
  readonly probe?: LivenessProbe;
}

/** The report's `actual.error` for an exchange without a response. */
function actualError(outcome: Exclude<WireOutcome, { kind: 'response' }>, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'closed':
      return 'closed by the server before a response';
    case 'reset':
      return outcome.code;
    case 'malformed':
      return `malformed response: ${outcome.reason}`;
    case 'timeout':
      return `no response within ${timeoutMs} ms`;
    case 'connect-failed':
      return outcome.code;
    case 'not-reused':
      return `connection not reused: ${outcome.reason}`;
  }
}

function recordedResponse(response: WireResponse, safe: (text: string) => string): ActualResponse {
  const headers = response.headers.map(([name, value]) => [shorten(safe(name), MAX_HEADER_VALUE), shorten(safe(value), MAX_HEADER_VALUE)] as const);
  const excerpt = bodyExcerpt(response.body, safe);
  return { status: response.status, statusText: safe(response.statusText), headers, ...(excerpt ? { bodyExcerpt: excerpt } : {}) };
}

/** The case's result: its checks, outcome and the exchange as a report records it. */
export function judgeWireCase(testCase: WireCase, outcome: WireOutcome, context: WireJudging): CaseResult {
  const id = caseOperation(testCase);
  const operation = (context.operations ?? OPERATIONS)[id] ?? OPERATIONS[id];
  const plan = casePlan(testCase, operation);
  // Requests on one connection whose server closed it after an earlier answer: what the case is
  // about (what a reused connection remembers) was never tested — no verdict either way.
  if (outcome.kind === 'not-reused') {
    return {
      ...resultBase(testCase),
      outcome: 'inconclusive',
      actual: { error: actualError(outcome, context.timeoutMs) },
      request: context.request,
      checks: [],
      failedLevel: null,
      reason: `the connection was not reused: ${context.safe(outcome.reason)}, for ${context.where}`,
    };
  }
  const answer: Answer = outcome;
  const judged = judgeCase(
    testCase,
    operation,
    plan,
    { where: context.where, answer, preparation: [], before: [], after: [], secrets: context.secrets, ...(context.probe ? { probe: context.probe } : {}) },
    { ...(context.errorSchema ? { errorSchema: context.errorSchema } : {}), timeoutMs: context.timeoutMs, resolve: context.resolve },
  );
  const actual = outcome.kind === 'response' ? recordedResponse(outcome.response, context.safe) : { error: actualError(outcome, context.timeoutMs) };
  return {
    ...resultBase(testCase),
    outcome: judged.outcome,
    actual,
    request: context.request,
    checks: judged.checks,
    failedLevel: judged.failedLevel,
    ...(judged.inconclusiveChecks.length > 0 ? { inconclusiveChecks: judged.inconclusiveChecks } : {}),
    ...(judged.reason ? { reason: judged.reason } : {}),
  };
}
