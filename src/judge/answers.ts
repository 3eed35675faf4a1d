/** What came back, in the words of a failure message. */
import type { Answer } from './exchange.js';

/**
 * Errors of the HTTP client (Node's http in newman, undici) refusing to send a request: a header
 * value with a character it cannot encode (a password beyond Latin-1 in a header), an invalid
 * header name. Nothing reached the server, so there is nothing to judge it on.
 */
const NOT_SENT = new Set(['ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN', 'ERR_HTTP_INVALID_HEADER_VALUE', 'ERR_UNESCAPED_CHARACTERS', 'UND_ERR_INVALID_ARG']);

/**
 * The code the runner gives a request that got no answer in time even alone, on a new connection
 * and with a longer timeout, from a target that answered another request slowly too
 * (src/run/pacing.ts): the target is slow everywhere, which is no verdict on this request.
 */
export const SLOW_TARGET_CODE = 'ETARGETSLOW';

/** The client's error code when it refused to send the request, else undefined. */
export function notSentCode(answer: Answer): string | undefined {
  return answer.kind === 'error' && NOT_SENT.has(answer.code) ? answer.code : undefined;
}

export function describeAnswer(answer: Answer, timeoutMs: number): string {
  switch (answer.kind) {
    case 'response':
      return String(answer.response.status);
    case 'error':
      return `a connection error (${answer.code})`;
    case 'closed':
      return 'the connection closed without a response';
    case 'reset':
      return `the connection reset (${answer.code}) without a response`;
    case 'malformed':
      return `a malformed response (${answer.reason})`;
    case 'timeout':
      return `no response within ${timeoutMs} ms${answer.receivedBytes > 0 ? ` (${answer.receivedBytes} bytes of one)` : ''}`;
    case 'connect-failed':
      return `no connection (${answer.code})`;
  }
}

export const isDropped = (answer: Answer): boolean => answer.kind === 'closed' || answer.kind === 'reset';
