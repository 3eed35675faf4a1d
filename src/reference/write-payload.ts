/**
 * The bytes a write stores, once their integrity is shown: the request body, or the payload inside
 * its aws-chunked framing (`aws-chunked.ts`), checked against every digest the client sent, as S3
 * checks them — `Content-MD5`, `x-amz-checksum-{crc32,crc32c,sha1,sha256}` as a header or as an
 * aws-chunked trailer, and a hexadecimal `x-amz-content-sha256` (SigV4's hash of the body). A
 * mismatch is 400 BadDigest (XAmzContentSHA256Mismatch for the last) and nothing is stored: a
 * client that sends a digest relies on the server to refuse corrupted bytes. A CRC-64/NVME
 * checksum cannot be checked here and is refused 501. Shared by PUT, UploadPart and the S3
 * operations that read an XML body.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
import { createHash } from 'node:crypto';
import { decodeAwsChunkedBody } from './aws-chunked.js';
import { crc32, crc32c } from './crc.js';
import { headerValues } from './header-lines.js';
import { errorResponse, type ReferenceResponse } from './responses.js';
import { notImplemented, s3ErrorResponse } from './s3-errors.js';

export type WritePayload = { readonly kind: 'payload'; readonly bytes: Buffer } | { readonly kind: 'refused'; readonly response: ReferenceResponse };

const bigEndian32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

/** S3's checksum algorithms, by the suffix of `x-amz-checksum-`: the digest, or `undefined` when the emulator cannot compute it. */
const CHECKSUMS: Readonly<Record<string, ((bytes: Buffer) => Buffer) | undefined>> = {
  crc32: (bytes) => bigEndian32(crc32(bytes)),
  crc32c: (bytes) => bigEndian32(crc32c(bytes)),
  sha1: (bytes) => createHash('sha1').update(bytes).digest(),
  sha256: (bytes) => createHash('sha256').update(bytes).digest(),
  crc64nvme: undefined,
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 digest of `length` bytes; `undefined` when it is not one. */
function digestBytes(value: string, length: number): Buffer | undefined {
  if (!BASE64.test(value) || value.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === length ? bytes : undefined;
}

const refused = (response: ReferenceResponse): WritePayload => ({ kind: 'refused', response });

export function writePayload(rawHeaders: readonly string[], body: Buffer): WritePayload {
  const chunked = decodeAwsChunkedBody(rawHeaders, body);
  if (chunked.kind === 'malformed') return refused(errorResponse(400));
  const bytes = chunked.kind === 'decoded' ? chunked.payload : body;
  const problem = integrityProblem(rawHeaders, body, bytes, chunked.kind === 'decoded' ? chunked.trailers : []);
  return problem ? refused(problem) : { kind: 'payload', bytes };
}

function integrityProblem(rawHeaders: readonly string[], body: Buffer, bytes: Buffer, trailers: ReadonlyArray<readonly [string, string]>): ReferenceResponse | undefined {
  const [contentSha256, ...moreSha256] = headerValues(rawHeaders, 'x-amz-content-sha256').map((v) => v.trim());
  if (contentSha256 !== undefined && /^[0-9a-fA-F]{64}$/.test(contentSha256)) {
    if (moreSha256.length > 0 || createHash('sha256').update(body).digest('hex') !== contentSha256.toLowerCase()) {
      return s3ErrorResponse(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }
  const md5s = headerValues(rawHeaders, 'content-md5');
  if (md5s.length > 0) {
    const expected = md5s.length === 1 ? digestBytes(md5s[0]!.trim(), 16) : undefined;
    if (!expected) return s3ErrorResponse(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
    if (!createHash('md5').update(bytes).digest().equals(expected)) return s3ErrorResponse(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  const declaredTrailers = headerValues(rawHeaders, 'x-amz-trailer').flatMap((v) => v.split(',')).map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const sent: Array<readonly [algorithm: string, value: string]> = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type' && name !== 'x-amz-checksum-algorithm') sent.push([name.slice('x-amz-checksum-'.length), rawHeaders[i + 1]!.trim()]);
  }
  for (const [name, value] of trailers) if (name.startsWith('x-amz-checksum-')) sent.push([name.slice('x-amz-checksum-'.length), value]);
  for (const name of declaredTrailers) {
    if (!trailers.some(([trailer]) => trailer === name)) return s3ErrorResponse(400, 'MalformedTrailerError', `The request declared the trailer ${name} and did not send it.`);
  }
  if (sent.length === 0) return undefined;
  if (sent.length > 1) return s3ErrorResponse(400, 'InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const [algorithm, value] = sent[0]!;
  if (!(algorithm in CHECKSUMS)) return s3ErrorResponse(400, 'InvalidRequest', `x-amz-checksum-${algorithm} is not a checksum S3 defines.`);
  const compute = CHECKSUMS[algorithm];
  if (!compute) return notImplemented(`verifying x-amz-checksum-${algorithm} (use CRC32, CRC32C, SHA1 or SHA256)`);
  const computed = compute(bytes);
  const expected = digestBytes(value, computed.length);
  if (!expected) return s3ErrorResponse(400, 'InvalidRequest', `Value for x-amz-checksum-${algorithm} header is invalid.`);
  if (!computed.equals(expected)) return s3ErrorResponse(400, 'BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
  return undefined;
}
