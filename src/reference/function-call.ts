/**
 * What an `X-v3io-function` operation gets: the store, the container (authenticated and permitted
 * already) and the request's target and body. The functions themselves live in one module per
 * family (`nosql.ts`, `get-items.ts`, `streams.ts`, `stream-consumption.ts`) and are dispatched by
 * the table in `functions.ts`.
 */
import type { RequestTarget } from './request-target.js';
import type { ReferenceResponse } from './responses.js';
import type { Store } from './store.js';

export interface FunctionCall {
  readonly store: Store;
  readonly container: string;
  readonly target: RequestTarget;
  readonly body: Buffer;
}

/** Answers the call, or throws a `V3ioFailure` (failures.ts). */
export type V3ioFunction = (call: FunctionCall) => ReferenceResponse;
