/**
 * Failures of an operation, thrown from deep inside its parsing and answered by the function
 * dispatcher (`functions.ts`) or the object handler with their V3IO error body. The handler's own
 * catch-all answers anything else with a bare 500, so a failure never leaks a stack trace.
 *
 * The streaming API names an exception in ErrorMessage (v3io-web-api.md, "Errors"). Documented
 * pairs: InvalidArgumentException 400 / -201326592 and ShardIDOutOfRangeException 400 /
 * -201326594. The others are the reference's choice:
 * - ResourceNotFoundException: 404 with -2 (ENOENT), the code of every other 404;
 * - ResourceInUseException (CreateStream on an existing path): 400, not 409, because the clients
 *   that tolerate an existing stream (mlrun) look for a 400 whose body names ResourceInUse
 *   (they accept a 409 too); -17 (EEXIST);
 * - ResourceIsnotStream (the path holds something else): 400, -20 (ENOTDIR);
 * - InvalidShardCountException, IllegalLocation: 400 with the invalid-argument code.
 */
import { errorResponse, v3ioErrorResponse, type ErrorStatus, type ReferenceResponse } from './responses.js';

export class V3ioFailure extends Error {
  constructor(readonly response: ReferenceResponse) {
    super(`V3IO failure ${response.status}`);
  }
}

/** A failure with the reference's standard body for the status (e.g. 400 InvalidArgumentException). */
export function failure(status: ErrorStatus): V3ioFailure {
  return new V3ioFailure(errorResponse(status));
}

export const STREAM_EXCEPTIONS = {
  InvalidArgumentException: { status: 400, code: -201326592 },
  ShardIDOutOfRangeException: { status: 400, code: -201326594 },
  ResourceNotFoundException: { status: 404, code: -2 },
  ResourceInUseException: { status: 400, code: -17 },
  ResourceIsnotStream: { status: 400, code: -20 },
  InvalidShardCountException: { status: 400, code: -201326592 },
  IllegalLocation: { status: 400, code: -201326592 },
} as const;
export type StreamException = keyof typeof STREAM_EXCEPTIONS;

export function streamFailure(name: StreamException): V3ioFailure {
  const { status, code } = STREAM_EXCEPTIONS[name];
  return new V3ioFailure(v3ioErrorResponse(status, code, name));
}

/** Runs `operation`, answering a thrown V3ioFailure with its response. */
export function answeringFailures(operation: () => ReferenceResponse): ReferenceResponse {
  try {
    return operation();
  } catch (error) {
    if (error instanceof V3ioFailure) return error.response;
    throw error;
  }
}
