/**
 * The bytes a write stores: the request body, or the payload inside its aws-chunked framing
 * (`aws-chunked.ts`). Shared by PUT, UploadPart and the S3 operations that read an XML body.
 */
import { decodeAwsChunkedBody } from './aws-chunked.js';
import { errorResponse, type ReferenceResponse } from './responses.js';

export type WritePayload = { readonly kind: 'payload'; readonly bytes: Buffer } | { readonly kind: 'refused'; readonly response: ReferenceResponse };

export function writePayload(rawHeaders: readonly string[], body: Buffer): WritePayload {
  const chunked = decodeAwsChunkedBody(rawHeaders, body);
  if (chunked.kind === 'malformed') return { kind: 'refused', response: errorResponse(400) };
  return { kind: 'payload', bytes: chunked.kind === 'decoded' ? chunked.payload : body };
}
