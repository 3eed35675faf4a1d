/**
 * 429 Too Many Requests and 503 Service Unavailable with Retry-After (RFC 9110 §10.2.3): the
 * server asks to be asked again later. The runner waits, within a bound, and sends the request
 * again; after that the judge has the answer (inconclusive, never a failure).
 */

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

/** The seconds to wait before sending again a request answered `status` with these headers, or undefined: no retry. */
export function waitBeforeRetry(status: number, headers: readonly (readonly [string, string])[]): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  const seconds = retryAfterSeconds(headers);
  if (seconds === undefined) return undefined;
  return seconds <= RETRY_AFTER_MAX_S ? seconds : undefined;
}
