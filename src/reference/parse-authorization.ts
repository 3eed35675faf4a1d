/**
 * The credential headers' values: `Authorization: <scheme> [1*SP <parameters>]` (RFC 9110 §11.4),
 * dispatched on the scheme, and `X-v3io-session-key: <access key>`.
 */
import { malformed, unauthenticated, type ParsedCredential } from './credentials.js';
import { isToken, trimOws } from './http-syntax.js';
import { parseAwsV2Parameters, parseAwsV4Parameters } from './parse-aws.js';
import { parseBasicCredentials } from './parse-basic.js';

/** Parses an `Authorization` value. Schemes are matched case-insensitively (RFC 9110 §11.1). */
export function parseAuthorization(headerValue: string): ParsedCredential {
  const value = trimOws(headerValue);
  if (value === '') return unauthenticated('empty Authorization header');
  const space = value.indexOf(' ');
  const scheme = space < 0 ? value : value.slice(0, space);
  // 1*SP between scheme and parameters; the value has no trailing whitespace left.
  const parameters = space < 0 ? '' : value.slice(space).replace(/^ +/, '');
  // `AWS4-HMAC-SHA256Credential=...` or `AWS<key>:sig`: the scheme is glued to its parameters.
  if (!isToken(scheme)) return malformed('Authorization scheme is not a token');
  const name = scheme.toLowerCase();
  if (name === 'basic') return parseBasicCredentials(parameters);
  if (name === 'aws') return parseAwsV2Parameters(parameters);
  if (name.startsWith('aws4-')) return parseAwsV4Parameters(parameters);
  return unauthenticated('unsupported Authorization scheme');
}

/** Parses an `X-v3io-session-key` value: the access key itself, an opaque string. */
export function parseSessionKey(headerValue: string): ParsedCredential {
  const accessKey = trimOws(headerValue);
  if (accessKey === '') return unauthenticated('empty X-v3io-session-key');
  return { kind: 'access-key', form: 'session-key', accessKey };
}
