/**
 * When the server asked the harness to wait, its answer says nothing of the credential: whether
 * it would have let the request in, or with which status it would have refused it, is unknown.
 * Those checks are not made (inconclusive, a skipped test), never charged to the server. One rule,
 * `askedToWait`: Node's evaluation and, from its own source, the collection's (`waitReason`).
 */
import type { RecordedResponse } from './exchange.js';
import { functionLines } from './script-function.js';

/**
 * Why an answer of `status` (with a `Retry-After` header or not) is no answer on the credential,
 * unless `expected` lists that status; `''` when it is one. 429 Too Many Requests: the server asks
 * for fewer requests (a rate limit, a lockout after failed attempts); 503 with Retry-After:
 * unavailable for now, by the server's own word (RFC 9110 §15.6.4), after the runner waited as
 * long as it dared. It refers to nothing outside its parameters: the scripts run its source.
 */
export function askedToWait(status: number | undefined, retryAfter: boolean, expected: readonly number[]): string {
  if (status === 429 && !expected.includes(429)) return 'the server answered 429 Too Many Requests (it asks for fewer requests at once, --concurrency, or later)';
  if (status === 503 && !expected.includes(503) && retryAfter) return 'the server answered 503 Service Unavailable with Retry-After, still after waiting (it asks to be tried later)';
  return '';
}

/** `askedToWait` for a recorded response (none: not asked); undefined when not asked. */
export function waitReasonOf(response: RecordedResponse | undefined, expected: readonly number[] = []): string | undefined {
  const retryAfter = response?.headers.some(([name]) => name.toLowerCase() === 'retry-after') ?? false;
  return askedToWait(response?.status, retryAfter, expected) || undefined;
}

/** Defines `waitReason(expected)` in the sandbox, for the answer in `pm.response` (call it only when answered). */
export function waitScriptLines(): string[] {
  return [
    ...functionLines(askedToWait),
    "const waitReason = (expected) => askedToWait(code, pm.response.headers.all().some((h) => String(h.key).toLowerCase() === 'retry-after'), expected);",
  ];
}
