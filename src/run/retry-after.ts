/**
 * 429 Too Many Requests and 503 Service Unavailable with Retry-After (RFC 9110 §10.2.3): the
 * server asks to be asked again later. The runner waits, within a bound, and sends the request
 * again; after that the judge has the answer (inconclusive, never a failure). Every such answer
 * is accounted for in the report (pacing.ts): waited for, or why not (`NOT_WAITED`).
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date), if it says. */
export function retryAfterSeconds(headers: readonly (readonly [string, string])[], now = Date.now()): number | undefined {
  const value = headers.find(([name]) => name.toLowerCase() === 'retry-after')?.[1].trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Waits for a 429 or 503 with Retry-After at most this long, this many times per request, then lets the judge have it. */
export const RETRY_AFTER_MAX_S = 10;
export const RETRY_AFTER_ATTEMPTS = 4;

/** Why an answer that asked to wait was not waited for: the reasons the report gives (docs/running.md). */
export const NOT_WAITED = {
  beyondBound: `it asked for more than the ${RETRY_AFTER_MAX_S} s the runner waits`,
  attemptsSpent: `still asked to wait after ${RETRY_AFTER_ATTEMPTS} waits`,
  stopped: 'the run was stopped',
  afterTimeout: 'a request of the case timed out again, and a case is sent again alone once after a timeout',
  asItIs: 'a given --collection runs as it is: newman sends its requests and scripts without waiting',
  probe: 'a probe: any answer tells what it asks (the target answers)',
  briefTeardown: 'the teardown after the target stopped answering is tried once, briefly',
} as const;

/** What an answer asks of the runner: a wait of `seconds`, or one beyond the bound; undefined when it asks none (not a 429/503 with a readable Retry-After). */
export type WaitAsked = { readonly seconds: number } | { readonly beyond: number };

export function waitAsked(status: number, headers: readonly (readonly [string, string])[]): WaitAsked | undefined {
  if (status !== 429 && status !== 503) return undefined;
  const seconds = retryAfterSeconds(headers);
  if (seconds === undefined) return undefined;
  return seconds <= RETRY_AFTER_MAX_S ? { seconds } : { beyond: seconds };
}

/**
 * What to do with an answer that asked to wait, after `made` waits for its request: wait its
 * seconds, or not, and why (beyond the bound, the attempts spent, the run stopped).
 */
export function nextWait(asked: WaitAsked, made: number, stopped = false): { readonly seconds: number } | { readonly why: string } {
  if ('beyond' in asked) return { why: NOT_WAITED.beyondBound };
  if (made >= RETRY_AFTER_ATTEMPTS) return { why: NOT_WAITED.attemptsSpent };
  return stopped ? { why: NOT_WAITED.stopped } : asked;
}

/** The `onAnswer` of a probe (preflight.ts): an answer asking to wait is accounted for, not waited for (`NOT_WAITED.probe`). */
export function probeAnswers(notWaited: (id: string, status: number, reason: string) => void): (status: number, headers: readonly (readonly [string, string])[]) => void {
  return (status, headers) => {
    if (waitAsked(status, headers)) notWaited('probe', status, NOT_WAITED.probe);
  };
}

/** The seconds to wait before sending again a request answered `status` with these headers, or undefined: no retry. */
export function waitBeforeRetry(status: number, headers: readonly (readonly [string, string])[]): number | undefined {
  const asked = waitAsked(status, headers);
  return asked && 'seconds' in asked ? asked.seconds : undefined;
}

/** What records the waits: the pacer (pacing.ts). */
export interface WaitRecorder {
  recordWait(id: string, answers?: number): void;
  recordNotWaited(id: string, status: number, reason: string): void;
}

/**
 * For a sender that sends again itself (the wire cases' raw sockets): told each answer of request
 * `id`, it waits what a 429 or 503 with Retry-After asks, within the bound and the attempts, and
 * resolves true to send again; false, with the answer accounted for, otherwise.
 */
export function waitingForRetryAfter(recorder: WaitRecorder, signal?: AbortSignal): (id: string, status: number, headers: readonly (readonly [string, string])[]) => Promise<boolean> {
  const waits = new Map<string, number>();
  return async (id, status, headers) => {
    const asked = waitAsked(status, headers);
    if (!asked) return false;
    const made = waits.get(id) ?? 0;
    const next = nextWait(asked, made, signal?.aborted);
    if ('why' in next) {
      recorder.recordNotWaited(id, status, next.why);
      return false;
    }
    waits.set(id, made + 1);
    recorder.recordWait(id);
    return sleep(next.seconds * 1000, true, signal ? { signal } : {}).catch(() => false);
  };
}
