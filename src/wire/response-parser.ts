/**
 * A small, strict reader of one HTTP/1.1 response (RFC 9112): the status line, the header lines
 * and the body, from the bytes received so far. Strict, because a server that answers a framing
 * error with malformed framing of its own is worth reporting: CRLF line endings only, no obs-fold,
 * no whitespace before a colon, no CR, LF or NUL in a value, one agreed Content-Length.
 *
 * It is called again with the whole buffer each time bytes arrive (responses here are small),
 * and once more when the connection has ended, which completes a body delimited by the close.
 * Interim 1xx responses are skipped; a 101 (Switching Protocols) is final, and ends at its head.
 */

export interface WireResponse {
  /** `1.1`, `1.0`. */
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
}

export type ParseResult =
  | { readonly kind: 'incomplete' }
  /** `end`: the offset just after the response, where the next one on the connection starts. */
  | { readonly kind: 'complete'; readonly response: WireResponse; readonly end: number }
  | { readonly kind: 'malformed'; readonly reason: string };

export interface ParseOptions {
  /** The request was HEAD: the response has no body whatever its headers say (RFC 9110 §9.3.2). */
  readonly headRequest?: boolean;
  /** The connection has ended: a body without a declared length ends here. */
  readonly ended?: boolean;
  /** Offset of the response in the data (after earlier responses on the connection); default 0. */
  readonly start?: number;
}

/** Longest response head read; a longer one is reported as malformed rather than buffered on. */
export const MAX_HEAD_BYTES = 256 * 1024;

const STATUS_LINE = /^HTTP\/(\d\.\d) (\d{3})(?: ([\t\x20-\x7e\x80-\xff]*))?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const CONTENT_LENGTH = /^\d+$/;
const CHUNK_SIZE_LINE = /^([0-9A-Fa-f]+)(?:[ \t]*;[\t\x20-\x7e\x80-\xff]*)?$/;

interface Head {
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: [string, string][];
  /** Offset of the first body byte. */
  readonly end: number;
}

type Step<T> = { readonly kind: 'incomplete' } | { readonly kind: 'malformed'; readonly reason: string } | ({ readonly kind: 'ok' } & T);

function malformed(reason: string): { kind: 'malformed'; reason: string } {
  return { kind: 'malformed', reason };
}

/** Splits the head at CRLF; a bare LF or CR anywhere in it is malformed. */
function parseHead(data: Buffer, start: number): Step<{ head: Head }> {
  const terminator = data.indexOf('\r\n\r\n', start, 'latin1');
  if (terminator < 0) {
    if (data.length - start > MAX_HEAD_BYTES) return malformed(`a response head over ${MAX_HEAD_BYTES} bytes`);
    return { kind: 'incomplete' };
  }
  const text = data.toString('latin1', start, terminator);
  const lines = text.split('\r\n');
  if (lines.some((line) => /[\r\n]/.test(line))) return malformed('a bare CR or LF in the response head');
  const [statusLine = '', ...fieldLines] = lines;
  const status = STATUS_LINE.exec(statusLine);
  if (!status) return malformed(`not a status line: ${JSON.stringify(statusLine.slice(0, 60))}`);
  const headers: [string, string][] = [];
  for (const line of fieldLines) {
    if (/^[ \t]/.test(line)) return malformed('an obs-fold line in the response head');
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon);
    if (!TOKEN.test(name)) return malformed(`not a header line: ${JSON.stringify(line.slice(0, 60))}`);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!FIELD_VALUE.test(value)) return malformed(`a control character in the value of ${name}`);
    headers.push([name, value]);
  }
  return {
    kind: 'ok',
    head: { version: status[1] ?? '', status: Number(status[2]), statusText: status[3] ?? '', headers, end: terminator + 4 },
  };
}

function valuesOf(headers: readonly (readonly [string, string])[], name: string): string[] {
  return headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

/** RFC 9112 §7.1: chunks, an empty last chunk, trailer lines, CRLF. */
function parseChunked(data: Buffer, start: number): Step<{ body: Buffer; end: number }> {
  const chunks: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return { kind: 'incomplete' };
    const sizeLine = CHUNK_SIZE_LINE.exec(data.toString('latin1', at, lineEnd));
    if (!sizeLine) return malformed('a malformed chunk size line');
    const size = Number.parseInt(sizeLine[1] ?? '', 16);
    if (!Number.isSafeInteger(size)) return malformed('a chunk size too large');
    at = lineEnd + 2;
    if (size === 0) break;
    if (data.length < at + size + 2) return { kind: 'incomplete' };
    if (data.toString('latin1', at + size, at + size + 2) !== '\r\n') return malformed('a chunk not followed by CRLF');
    chunks.push(data.subarray(at, at + size));
    at += size + 2;
  }
  // Trailer section: lines up to an empty one.
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return { kind: 'incomplete' };
    if (lineEnd === at) return { kind: 'ok', body: Buffer.concat(chunks), end: lineEnd + 2 };
    at = lineEnd + 2;
  }
}

function parseBody(data: Buffer, head: Head, options: ParseOptions): Step<{ body: Buffer; end: number }> {
  // A 1xx (here 101 Switching Protocols, the only one returned) ends at its head (RFC 9112 §6.3): what follows is the new protocol.
  const noBody = options.headRequest || head.status < 200 || head.status === 204 || head.status === 304;
  if (noBody) return { kind: 'ok', body: Buffer.alloc(0), end: head.end };
  const encodings = valuesOf(head.headers, 'transfer-encoding');
  if (encodings.length > 0) {
    const codings = encodings.join(',').split(',').map((c) => c.trim().toLowerCase());
    if (codings.at(-1) !== 'chunked') return malformed('a Transfer-Encoding whose last coding is not chunked');
    return parseChunked(data, head.end);
  }
  const lengths = valuesOf(head.headers, 'content-length').flatMap((v) => v.split(',').map((l) => l.trim()));
  if (lengths.length > 0) {
    if (!lengths.every((l) => CONTENT_LENGTH.test(l))) return malformed('a Content-Length that is not a number');
    if (new Set(lengths.map(Number)).size > 1) return malformed('Content-Length values that differ');
    const length = Number(lengths[0]);
    if (data.length - head.end < length) {
      return options.ended ? malformed(`the connection closed ${data.length - head.end} bytes into a ${length}-byte body`) : { kind: 'incomplete' };
    }
    return { kind: 'ok', body: data.subarray(head.end, head.end + length), end: head.end + length };
  }
  // Neither: the body runs to the close (RFC 9112 §6.3).
  return options.ended ? { kind: 'ok', body: data.subarray(head.end), end: data.length } : { kind: 'incomplete' };
}

export function parseResponse(data: Buffer, options: ParseOptions = {}): ParseResult {
  let start = options.start ?? 0;
  for (;;) {
    const head = parseHead(data, start);
    if (head.kind !== 'ok') {
      if (head.kind === 'incomplete' && options.ended) {
        return malformed(data.length === start && start !== (options.start ?? 0) ? 'the connection closed after an interim response' : 'the connection closed inside the response head');
      }
      return head;
    }
    // 1xx responses are interim (RFC 9110 §15.2): the final response follows on the same connection.
    if (head.head.status >= 100 && head.head.status < 200 && head.head.status !== 101) {
      start = head.head.end;
      continue;
    }
    const body = parseBody(data, head.head, options);
    if (body.kind !== 'ok') return body;
    const { version, status, statusText, headers } = head.head;
    return { kind: 'complete', response: { version, status, statusText, headers, body: body.body }, end: body.end };
  }
}
