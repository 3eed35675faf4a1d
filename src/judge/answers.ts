/** What came back, in the words of a failure message. */
import type { Answer } from './exchange.js';

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
