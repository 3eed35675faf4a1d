/**
 * `Authorization: Basic <token68>` (RFC 7617 §2), strictly: canonical Base64, UTF-8 (§2.1), the
 * user-id ends at the first colon, no control characters.
 */
import { decodeStrictBase64 } from './base64.js';
import { malformed, unauthenticated, type ParsedCredential } from './credentials.js';
import { hasControlCharacter } from './http-syntax.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses what follows `Basic` and its spaces. */
export function parseBasicCredentials(token: string): ParsedCredential {
  if (token === '') return malformed('Basic without credentials');
  const bytes = decodeStrictBase64(token);
  if (bytes === undefined) return malformed('Basic credentials are not canonical Base64');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return malformed('Basic credentials are not UTF-8');
  }
  const colon = text.indexOf(':');
  if (colon < 0) return malformed('Basic credentials without a colon');
  // RFC 7617 §2: a user-id cannot contain a colon, a password can.
  const username = text.slice(0, colon);
  const password = text.slice(colon + 1);
  // Rejected rather than truncated, so that `password\0junk` never becomes `password`.
  if (hasControlCharacter(username) || hasControlCharacter(password)) {
    return malformed('Basic credentials contain a control character');
  }
  if (username === '' || password === '') return unauthenticated('Basic credentials with an empty user-id or password');
  return { kind: 'username-password', form: 'basic', username, password };
}
