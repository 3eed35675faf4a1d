/**
 * The recorded exchange of a case: what the judge decides from, following the case's plan
 * (plan.ts). The engines record each of a case's requests with its role in the plan (src/run/
 * engine.ts; the raw-socket runner, src/wire/run-wire-cases.ts); the run's one `caseResult()`
 * (src/run/case-result.ts) puts a record in this shape and hands it to `judgeCase`.
 */
import type { PrepareStep } from '../cases/operations.js';

export type HeaderPair = readonly [name: string, value: string];

export interface RecordedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

/**
 * What a request got: a response, or how it ended without one. `error` is a client library's
 * connection error (newman); the others are what a raw socket tells apart.
 */
export type Answer =
  | { readonly kind: 'response'; readonly response: RecordedResponse }
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'reset'; readonly code: string }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'timeout'; readonly receivedBytes: number }
  | { readonly kind: 'connect-failed'; readonly code: string };

/** A plan step as it went: the step, the request line as sent (secrets masked), its answer; no answer: never sent. */
export interface StepExchange {
  readonly step: PrepareStep;
  /** `DELETE /bigdata/…`, for messages. */
  readonly where: string;
  readonly answer?: Answer;
}

/** After a dropped connection: whether a well-formed request on a new one still got an answer. */
export type LivenessProbe = { readonly alive: true } | { readonly alive: false; readonly what: string };

export interface CaseExchange {
  /** `GET /bigdata/…` as sent, secrets as `{{placeholders}}`: the end of every message. */
  readonly where: string;
  readonly answer: Answer;
  /** The plan's preparation (accept) or arrangement (rejection), in order. */
  readonly preparation: readonly StepExchange[];
  /** The before-snapshot's reads, then the after-snapshot's (sent only when the request was not accepted). */
  readonly before: readonly StepExchange[];
  readonly after: readonly StepExchange[];
  /** The answer to the second request of `sameResponseAs`; absent when it was not sent. */
  readonly second?: Answer;
  /** Credentials the request carried, by label (`the accessKey variable`), for the echo check. */
  readonly secrets: readonly HeaderPair[];
  /** Present on a raw-socket exchange that ended without a response. */
  readonly probe?: LivenessProbe;
}

export function responseOf(answer: Answer | undefined): RecordedResponse | undefined {
  return answer?.kind === 'response' ? answer.response : undefined;
}
