/**
 * Test names, wording and constants shared by the generated test scripts.
 *
 * Every `pm.test` name starts with `[MUST] `, `[SHOULD] ` or `[MAY] `: the runner reads a check's
 * level from its name.
 */
import type { Level } from '../cases/model.js';
import type { SchemaId } from '../cases/operations.js';

export function levelPrefix(level: Level): string {
  return `[${level.toUpperCase()}] `;
}

export const CHECK_NAMES = {
  normalResponse: "answers with the operation's normal response",
  challenge: '[MUST] the 401 carries a WWW-Authenticate challenge',
  basicRealm: '[SHOULD] the challenge offers Basic with a quoted realm',
  errorBody: '[SHOULD] the error body is a V3IO error',
  noEcho: '[MUST] the response echoes no credential',
  unchanged: '[MUST] the rejected request changed nothing',
  exactStatus: (statuses: string): string => `[SHOULD] answers ${statuses}`,
  sameResponse: (other: string): string => `[SHOULD] answers exactly as for ${other}`,
} as const;

/** Collection variables `schema.<SchemaId>` hold the response schemas as JSON text. */
export const SCHEMA_VARIABLE_PREFIX = 'schema.';

export function schemaVariable(id: SchemaId): string {
  return `${SCHEMA_VARIABLE_PREFIX}${id}`;
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
