/**
 * Words and patterns the checks share, in Node and in the collection's scripts alike: status
 * lists, the Basic realm pattern, the headers two responses may differ in, what a schema stands
 * for in a message.
 */
import type { SchemaId } from '../cases/operations.js';

/** `401`, `400 or 401`, `400, 401 or 403`. */
export function statusList(statuses: readonly number[]): string {
  if (statuses.length <= 1) return statuses.join('');
  return `${statuses.slice(0, -1).join(', ')} or ${statuses[statuses.length - 1]}`;
}

/** `Expected <what>, got <got> for <where>`: every failure message's shape. */
export function expectedGot(what: string, got: string, where: string): string {
  return `Expected ${what}, got ${got} for ${where}`;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const PARAM = `${TOKEN}[ \\t]*=[ \\t]*(?:${TOKEN}|${QUOTED})`;

/**
 * A `WWW-Authenticate` field value offering `Basic` with a quoted `realm` (RFC 7617 §2, RFC 9110
 * §11.5: scheme and parameter names case-insensitive, the realm a quoted-string). The challenge
 * may come anywhere in a list of challenges, with other parameters before the realm.
 */
export const BASIC_REALM = new RegExp(`(?:^|,)[ \\t]*Basic[ \\t]+(?:${PARAM}[ \\t]*,[ \\t]*)*realm[ \\t]*=[ \\t]*${QUOTED}`, 'i');

/**
 * Response headers that differ from one request to the next on any server (dates, request ids,
 * connection management); ignored when two responses are compared.
 */
export const PER_REQUEST_HEADERS = [
  'date',
  'expires',
  'age',
  'connection',
  'keep-alive',
  'server-timing',
  'request-id',
  'x-request-id',
  'x-correlation-id',
  'x-amz-request-id',
  'x-amz-id-2',
  'traceparent',
  'tracestate',
] as const;

/** Shortest credential the echo check looks for: shorter ones would match ordinary text. */
export const MIN_ECHO_LENGTH = 6;

/** What a body valid against a schema is, for messages. */
export function schemaWhat(id: SchemaId): string {
  return id === 'v3io-error' ? 'a V3IO error body {"ErrorCode": integer, "ErrorMessage": string}' : `a body valid against the ${id} schema`;
}
