/**
 * `Content-Encoding: aws-chunked`, the framing S3 clients put around a streamed PUT body: the AWS
 * SDK for JavaScript v3 sends it, by default, for a body it cannot hash in advance (a stream),
 * with `x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` and a checksum trailer; SigV4
 * streaming signers send `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` with a `chunk-signature` on every
 * chunk. The seed's S3-like authentications exist "to simplify porting S3 code", so the reference
 * stores the payload such a client meant, not the framing around it.
 *
 * Framing: `<hex size>[;<extension>]CRLF <bytes> CRLF`, repeated, then a `0[;<extension>]CRLF`
 * chunk, trailer lines (`name:value` CRLF) and an empty line. Chunk signatures and trailer
 * signatures are not verified, just as the request's own signature is not (seed §S3-Like
 * Authentications); a checksum trailer is returned for the caller to verify (write-integrity.ts). `x-amz-decoded-content-length`, when present, must equal the size
 * of the payload.
 */
import { headerValues } from './header-lines.js';

export type AwsChunkedBody =
  | { readonly kind: 'plain' }
  /** `trailers`: the trailer lines as `[lower-case name, trimmed value]`, in order. */
  | { readonly kind: 'decoded'; readonly payload: Buffer; readonly trailers: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'malformed'; readonly reason: string };

const CRLF = Buffer.from('\r\n', 'latin1');
/** A chunk size: 1 to 16 hex digits (a 64-bit size), then an optional `;extension`. */
const SIZE_LINE = /^([0-9a-fA-F]{1,16})(;.*)?$/;
const TRAILER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*$/;
const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

/** Whether the request's Content-Encoding list names `aws-chunked` (codings are case-insensitive, RFC 9110 §8.4.1). */
export function isAwsChunked(rawHeaders: readonly string[]): boolean {
  return headerValues(rawHeaders, 'content-encoding')
    .flatMap((value) => value.split(','))
    .some((coding) => coding.trim().toLowerCase() === 'aws-chunked');
}

/** The payload inside an aws-chunked body, `plain` when the request is not aws-chunked. */
export function decodeAwsChunkedBody(rawHeaders: readonly string[], body: Buffer): AwsChunkedBody {
  if (!isAwsChunked(rawHeaders)) return { kind: 'plain' };
  const decoded = decodeChunks(body);
  if (decoded.kind !== 'decoded') return decoded;
  const declared = headerValues(rawHeaders, 'x-amz-decoded-content-length');
  if (declared.length > 1) return { kind: 'malformed', reason: 'more than one x-amz-decoded-content-length' };
  const [length] = declared;
  if (length !== undefined && (!DECIMAL.test(length.trim()) || Number(length.trim()) !== decoded.payload.length)) {
    return { kind: 'malformed', reason: 'x-amz-decoded-content-length does not match the payload' };
  }
  return decoded;
}

function decodeChunks(body: Buffer): AwsChunkedBody {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const line = readLine(body, offset);
    if (!line) return { kind: 'malformed', reason: 'chunk size line without CRLF' };
    const size = SIZE_LINE.exec(line.text);
    if (!size) return { kind: 'malformed', reason: 'chunk size is not hexadecimal' };
    const length = Number.parseInt(size[1]!, 16);
    offset = line.next;
    if (length === 0) break;
    if (length > body.length - offset - CRLF.length) return { kind: 'malformed', reason: 'chunk shorter than its size' };
    parts.push(body.subarray(offset, offset + length));
    offset += length;
    if (!body.subarray(offset, offset + CRLF.length).equals(CRLF)) return { kind: 'malformed', reason: 'chunk without CRLF after its data' };
    offset += CRLF.length;
  }
  // Trailer lines up to an empty line, which ends the body.
  const trailers: Array<readonly [string, string]> = [];
  for (;;) {
    const line = readLine(body, offset);
    if (!line) return { kind: 'malformed', reason: 'trailer without its closing empty line' };
    offset = line.next;
    if (line.text === '') break;
    if (!TRAILER_LINE.test(line.text)) return { kind: 'malformed', reason: 'trailer line is not name:value' };
    const colon = line.text.indexOf(':');
    trailers.push([line.text.slice(0, colon).toLowerCase(), line.text.slice(colon + 1).trim()]);
  }
  if (offset !== body.length) return { kind: 'malformed', reason: 'bytes after the end of the aws-chunked body' };
  return { kind: 'decoded', payload: Buffer.concat(parts), trailers };
}

function readLine(body: Buffer, offset: number): { readonly text: string; readonly next: number } | undefined {
  const end = body.indexOf(CRLF, offset);
  return end < 0 ? undefined : { text: body.toString('latin1', offset, end), next: end + CRLF.length };
}
