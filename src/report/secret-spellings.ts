/**
 * The spellings a secret can take on its way into a report: a target may echo it JSON-escaped,
 * HTML- or XML-escaped, URL-encoded, as mis-decoded Latin-1, and a reporter escapes it again for
 * its own format. The redactor masks every spelling, so that escaping never hides a secret from it.
 */
import { escapeHtml } from './html-template.js';
import { escapeMarkdown } from './markdown-report.js';

/** `\uXXXX` for every character outside printable ASCII, as JSON encoders with "ASCII only" write. */
function asciiJson(text: string, upper: boolean): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NUMERIC_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const HEX_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#x22;', "'": '&#x27;' };

function entityEscaped(text: string, table: Readonly<Record<string, string>>): string {
  return text.replace(/[&<>"']/g, (c) => table[c] ?? c);
}

/** application/x-www-form-urlencoded, as HTML forms and URLSearchParams write it (space as `+`). */
function formEncoded(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

/** Every way one text can be spelled in an output: escaped for JSON, HTML, XML, Markdown, URLs, mis-decoded. */
export function spellingsOf(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  const spellings = [
    text,
    json,
    json.replace(/\//g, '\\/'),
    asciiJson(text, false),
    asciiJson(text, true),
    escapeHtml(text),
    entityEscaped(text, XML_ESCAPES),
    entityEscaped(text, NUMERIC_ESCAPES),
    entityEscaped(text, HEX_ESCAPES),
    // Escapers that leave quotes alone (element content), or only the single quote.
    text.replace(/[&<>]/g, (c) => XML_ESCAPES[c] ?? c),
    text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] ?? c),
    escapeMarkdown(text),
    escapeMarkdown(json),
    encodeURIComponent(text),
    encodeURI(text),
    formEncoded(text),
    // UTF-8 bytes read as Latin-1 (a server or a client with the wrong charset).
    Buffer.from(text, 'utf8').toString('latin1'),
  ];
  // An escaped spelling is escaped again on its way into an HTML report or a JSON string.
  const twice = [json, escapeHtml(text), encodeURIComponent(text)].flatMap((s) => [JSON.stringify(s).slice(1, -1), escapeHtml(s)]);
  return [...new Set([...spellings, ...twice])];
}

/** The Base64 forms a request can carry a value in: of its UTF-8 and Latin-1 bytes, padded or not, URL-safe. */
export function base64FormsOf(text: string): string[] {
  const forms = new Set<string>();
  const encodings: BufferEncoding[] = /[^\x00-\xff]/.test(text) ? ['utf8'] : ['utf8', 'latin1'];
  for (const encoding of encodings) {
    const padded = Buffer.from(text, encoding).toString('base64');
    forms.add(padded);
    forms.add(padded.replace(/=+$/, ''));
    forms.add(Buffer.from(text, encoding).toString('base64url'));
  }
  return [...forms];
}
