/**
 * A wire case's bytes, built from its declarative parts (model.ts `WirePart`): first as a
 * template with `{{variables}}`, then resolved and encoded, one byte per character.
 *
 * The encoding is ISO-8859-1 (`latin1`): a character U+0000–U+00FF is the byte of that value, so
 * a case writes CR, LF, NUL or obs-text as `\r`, `\n`, `\u0000`, `\u00e9`. A resolved character
 * above U+00FF (a non-Latin-1 password in an unencoded place) has no one-byte form and is an error
 * rather than a silent `?`.
 */
import type { WirePart } from '../cases/model.js';
import { resolveTemplate } from './template.js';

const CRLF = '\r\n';
const HTTP_VERSION = 'HTTP/1.1';

/** The text of one part, placeholders unresolved. */
export function partText(part: WirePart): string {
  switch (part.kind) {
    case 'request-line':
      return `${part.method} ${part.target} ${part.version ?? HTTP_VERSION}${CRLF}`;
    case 'header':
      return `${part.name}: ${part.value}${CRLF}`;
    case 'bytes':
    case 'body':
      return part.text;
    case 'end':
      return CRLF;
  }
}

/** The whole message as a template: what `list --format json` escapes and the runner resolves. */
export function wireTemplate(parts: readonly WirePart[]): string {
  return parts.map(partText).join('');
}

/** ISO-8859-1 bytes of a text; throws on a character that has no one-byte form. */
export function latin1Bytes(text: string): Buffer {
  const wide = /[^\u0000-\u00ff]/u.exec(text);
  if (wide) {
    const code = wide[0].codePointAt(0) ?? 0;
    throw new Error(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} at offset ${wide.index} has no single-byte (ISO-8859-1) form`);
  }
  return Buffer.from(text, 'latin1');
}

/** The bytes to send: the template resolved against `variables`, one byte per character. */
export function buildWireBytes(parts: readonly WirePart[], variables: ReadonlyMap<string, string>): Buffer {
  return latin1Bytes(resolveTemplate(wireTemplate(parts), variables));
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\r': '\\r', '\n': '\\n', '\t': '\\t', '\\': '\\\\' };

/**
 * A text with everything that is not printable ASCII escaped: `\r`, `\n`, `\t`, `\\`, and `\xNN`
 * for other controls, DEL and bytes 0x80–0xFF. Readable on one line, and unambiguous: the escape
 * of a backslash is doubled.
 */
export function escapeWireText(text: string): string {
  return Array.from(text, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named) return named;
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f) return c;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  }).join('');
}

/** A case's bytes as a reader sees them: escaped, placeholders unresolved. */
export function wirePreview(parts: readonly WirePart[]): string {
  return escapeWireText(wireTemplate(parts));
}
