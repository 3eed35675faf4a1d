/**
 * When a check is made, as small named conditions combined with `when(...)`: each condition is
 * written once. A guard has two halves: `onCase`, known from the case before anything is sent
 * (the collection renders the check for such a case, and `explain` plans it), and `onAnswer`,
 * known once the exchange is recorded (Node's judge tests both; a script tests the answer in its
 * own lines). `when(onRejection, onStatus(401))`: a rejection case, answered 401.
 */
import { caseMethod } from '../cases/case-request.js';
import type { RequestCase } from '../cases/model.js';
import { is2xx, is4xx } from '../results/status.js';
import { responseOf } from './exchange.js';
import type { Guard, JudgeInput, RenderInput } from './check-definition.js';

const always = (): boolean => true;
/** A condition known from the case alone. */
export const onCase = (test: (input: RenderInput) => boolean): Guard => ({ onCase: test, onAnswer: always });
/** A condition on the recorded exchange. */
export const onAnswer = (test: (input: JudgeInput) => boolean): Guard => ({ onCase: always, onAnswer: test });

/** Every guard holds. */
export function when(...guards: readonly Guard[]): Guard {
  return {
    onCase: (input) => guards.every((guard) => guard.onCase(input)),
    onAnswer: (input) => guards.every((guard) => guard.onAnswer(input)),
  };
}

export const isHead = (testCase: RequestCase): boolean => caseMethod(testCase).toUpperCase() === 'HEAD';
export const isWire = (testCase: RequestCase): boolean => testCase.kind === 'wire';

// --- known from the case ---------------------------------------------------------------------

export const onAcceptance = onCase(({ testCase }) => testCase.expect.outcome === 'accept');
export const onRejection = onCase(({ testCase }) => testCase.expect.outcome !== 'accept');
/** A response to HEAD has no body (RFC 9110 §9.3.2): body checks are for other methods. */
export const withBody = onCase(({ testCase }) => !isHead(testCase));
/** The profile judges error bodies against a schema. */
export const withErrorSchema = onCase(({ errorSchema }) => errorSchema !== undefined);
export const withSuccessBody = onCase(({ operation }) => operation.success.kind !== 'status-only');
export const withDisclosure = onCase(({ operation }) => operation.disclosed !== undefined);
/** The case reads a write back (before and after) to prove it changed nothing. */
export const withReadBack = onCase(({ plan }) => plan.proof !== undefined);
/** The case sends a second request whose response must be the same (`sameResponseAs`). */
export const withSecondRequest = onCase(({ plan }) => plan.second !== undefined);
/** Raw-socket cases only. */
export const onWire = onCase(({ testCase }) => isWire(testCase));

// --- known from the answer -------------------------------------------------------------------

/** Anything came back: a response, or a connection closed, reset, a timeout, malformed bytes. */
export const answered = onAnswer(({ exchange }) => exchange.answer.kind !== 'error');
/** The HTTP client could not get the request through at all. */
export const unanswered = onAnswer(({ exchange }) => exchange.answer.kind === 'error');
/** An HTTP response came back. */
export const responded = onAnswer(({ exchange }) => exchange.answer.kind === 'response');
export const onStatus = (status: number): Guard => onAnswer(({ exchange }) => responseOf(exchange.answer)?.status === status);
export const notStatus = (status: number): Guard => onAnswer(({ exchange }) => responseOf(exchange.answer)?.status !== status);
export const on4xx = onAnswer(({ exchange }) => {
  const response = responseOf(exchange.answer);
  return response !== undefined && is4xx(response.status);
});
/** A response that did not let the request in (anything but a 2xx). */
export const onRefusal = onAnswer(({ exchange }) => {
  const response = responseOf(exchange.answer);
  return response !== undefined && !is2xx(response.status);
});
/** One of the operation's success statuses. */
export const onSuccessStatus = onAnswer(({ operation, exchange }) => {
  const response = responseOf(exchange.answer);
  return response !== undefined && operation.successStatuses.includes(response.status);
});
