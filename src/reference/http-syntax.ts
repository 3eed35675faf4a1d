/**
 * Small pieces of HTTP syntax (RFC 9110 §5.6) that the credential parsers share.
 */

/** tchar of RFC 9110 §5.6.2: the characters a token is made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `text` is an RFC 9110 token (an auth-scheme, a parameter name). */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** Strips optional whitespace (SP / HTAB, RFC 9110 §5.6.3) around a value; it is not part of it. */
export function trimOws(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Whether `text` holds a control character: C0 (U+0000–U+001F) or DEL (U+007F), RFC 5234 CTL. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}
