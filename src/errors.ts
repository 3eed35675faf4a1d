/**
 * Exit codes a CI can trust, and the error type for everything that stops a run before it can
 * give a verdict (bad usage, bad configuration, an unreachable target, a broken harness).
 */
export const EXIT_CODES = {
  /** Every MUST check passed (and, with --strict, every SHOULD check). */
  conformant: 0,
  /** At least one MUST check failed (with --strict, or a SHOULD check). */
  nonConformant: 1,
  /** No verdict: usage, configuration, connection, setup or harness error. */
  error: 2,
  /** Stopped by SIGINT (128 + 2, as shells report it); the fixtures were removed first. */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15). */
  terminated: 143,
} as const;

/** Stable codes for the ways a run can fail without a verdict; tests and scripts match on them. */
export type HarnessErrorCode =
  | 'usage'
  | 'file-not-found'
  | 'file-unreadable'
  | 'malformed-json'
  | 'malformed-environment'
  | 'missing-variable'
  | 'invalid-url'
  | 'connection-refused'
  | 'dns-failure'
  | 'connection-timeout'
  | 'connection-failed'
  | 'tls-failure'
  | 'setup-failed'
  | 'target-gone'
  | 'newman-unfinished'
  | 'newman-failed'
  | 'stale-generated-files'
  | 'report-write-failed'
  | 'listen-failed'
  | 'malformed-report'
  | 'incompatible-reports'
  | 'invalid-certificate'
  | 'invalid-users-file'
  | 'file-write-failed'
  | 'interrupted';

/** An error that ends the command with one clear line and exit code 2 (an interruption: 130 or 143). */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    readonly exitCode: number = EXIT_CODES.error,
  ) {
    super(message);
  }
}

/** What a run stopped by `signal` rejects with: the signal's own reason, or "the run was stopped". */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new HarnessError('interrupted', 'the run was stopped');
}

/** The exit code an error ends the command with. */
export function exitCodeOfError(error: unknown): number {
  return error instanceof HarnessError ? error.exitCode : EXIT_CODES.error;
}

/** The one line a user sees for any error: harness errors as they are, anything else as a bug. */
export function describeError(error: unknown): string {
  if (error instanceof HarnessError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error (please report it): ${message.split('\n')[0]}`;
}
