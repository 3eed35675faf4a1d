/**
 * Strict Base64 (RFC 4648 §4) for Basic credentials. Node's `Buffer.from(text, 'base64')` skips
 * characters outside the alphabet, accepts base64url and missing padding, and ignores non-zero
 * trailing bits, so a lenient decode would let `<token>!!` or `<token>` minus its padding in.
 */

/** The standard alphabet, whole quanta only, then at most two `=` (RFC 4648 §3.2, §3.3, §4). */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes `text` when it is canonical Base64: standard alphabet, correct padding, zero pad bits
 * (checked by encoding the bytes again and comparing). Anything else is `undefined`.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!STRICT_BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
