/**
 * The S3 side of a request on a container or an object, before the V3IO operation of its method:
 * a query sub-resource or a copy header selects an S3 operation the emulator implements (copy,
 * multipart uploads, DeleteObjects, GetBucketLocation), or is refused with 501 NotImplemented,
 * so that no S3 call runs as the plain PUT, POST or DELETE of its key (s3-subresources.ts).
 * `undefined`: the request is the plain operation of its method.
 */
import { copyObject, uploadPartCopy } from './copy-object.js';
import { deleteObjects } from './delete-objects.js';
import { headerValues } from './header-lines.js';
import type { MultipartUploads } from './multipart.js';
import type { RequestTarget } from './request-target.js';
import { respond, xmlResponse, type ReferenceResponse } from './responses.js';
import { notImplemented, s3ErrorResponse } from './s3-errors.js';
import { copyHeaderNames, selectSubresource, type S3Operation } from './s3-subresources.js';
import { XML_DECLARATION } from './s3-xml.js';
import type { Store } from './store.js';
import { writePayload } from './write-payload.js';
import { writePreconditionFailure } from './write-preconditions.js';

export interface S3Request {
  /** HEAD already turned into GET. */
  readonly method: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly container: string;
  readonly target: RequestTarget;
  readonly store: Store;
  readonly uploads: MultipartUploads;
  /** Whether the caller may use a container (a copy's source). */
  readonly mayUse: (container: string) => boolean;
}

function scopeName(request: S3Request): string {
  return `${request.method === 'GET' ? 'GET or HEAD' : request.method} of ${request.target.path === '' ? 'a container' : 'an object'}`;
}

/** Whether any header line is an `x-amz-` one: most V3IO requests have none, and skip the S3 checks. */
function hasAmzHeader(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length > 6 && (name.charCodeAt(0) | 0x20) === 0x78 && name.slice(0, 6).toLowerCase() === 'x-amz-') return true;
  }
  return false;
}

export function s3Operation(request: S3Request): ReferenceResponse | undefined {
  const { method, target } = request;
  // Every request passes here: one without a query or an x-amz- header is the plain operation.
  if (target.query.size === 0 && !hasAmzHeader(request.rawHeaders)) return undefined;
  const scope = target.path === '' ? 'bucket' : 'object';
  const decision = selectSubresource(scope, method, target.query);
  if (decision.kind === 'refused') {
    return notImplemented(`the query parameter${decision.names.length > 1 ? 's' : ''} ${decision.names.join(', ')} on ${scopeName(request)}`);
  }
  // Tags are not kept: a write that sets some is refused rather than stored without them.
  if (headerValues(request.rawHeaders, 'x-amz-tagging').some((value) => value.trim() !== '')) return notImplemented(`the x-amz-tagging header on ${scopeName(request)} (objects have no tags here)`);
  const copyHeaders = copyHeaderNames(request.rawHeaders);
  if (copyHeaders.length > 0) {
    const copyRequest = { rawHeaders: request.rawHeaders, container: request.container, path: target.path, mayUse: request.mayUse };
    const hasSource = method === 'PUT' && scope === 'object' && headerValues(request.rawHeaders, 'x-amz-copy-source').length > 0 && !target.isDirectory;
    if (hasSource && decision.kind === 'plain') return copyObject(request.store, copyRequest);
    if (hasSource && decision.kind === 'operation' && decision.operation === 'UploadPart') {
      return uploadPartCopy(request.store, copyRequest, (bytes) => request.uploads.uploadPart(request.container, target.path, target.query, bytes));
    }
    return notImplemented(`the ${copyHeaders.join(', ')} header${copyHeaders.length > 1 ? 's' : ''} on ${scopeName(request)}${decision.kind === 'operation' ? ` (${decision.operation})` : ''}`);
  }
  return decision.kind === 'operation' ? run(decision.operation, request) : undefined;
}

function run(operation: S3Operation, request: S3Request): ReferenceResponse {
  const { store, uploads, container, target, rawHeaders } = request;
  if (operation === 'GetObjectTagging') {
    if (!store.get(container, target.path)) return s3ErrorResponse(404, 'NoSuchKey', 'The specified key does not exist.');
    return xmlResponse(`${XML_DECLARATION}<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet></TagSet></Tagging>`);
  }
  if (operation === 'GetBucketLocation') {
    // us-east-1, S3's empty constraint: the region the SDKs sign for by default.
    return xmlResponse(`${XML_DECLARATION}<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`);
  }
  if (target.isDirectory && operation !== 'DeleteObjects') return s3ErrorResponse(400, 'InvalidArgument', 'A multipart upload cannot write a directory.');
  const payload = writePayload(rawHeaders, request.body);
  if (payload.kind === 'refused') return payload.response;
  switch (operation) {
    case 'DeleteObjects':
      return deleteObjects(store, container, payload.bytes);
    case 'CreateMultipartUpload': {
      const [contentType] = headerValues(rawHeaders, 'content-type');
      return uploads.create(container, target.path, contentType?.trim() || 'application/octet-stream');
    }
    case 'UploadPart':
      return uploads.uploadPart(container, target.path, target.query, payload.bytes);
    case 'CompleteMultipartUpload': {
      const completion = uploads.complete(container, target.path, target.query, payload.bytes);
      if (completion.kind === 'refused') return completion.response;
      return writePreconditionFailure(rawHeaders, store.get(container, target.path)) ?? completion.commit(store);
    }
    case 'AbortMultipartUpload':
      return uploads.abort(container, target.path, target.query);
  }
}

/** GetObject's `response-*` overrides, applied to a 200 or 206 (S3 ignores them otherwise). */
export function withResponseOverrides(response: ReferenceResponse, query: URLSearchParams): ReferenceResponse {
  if (response.status !== 200 && response.status !== 206) return response;
  const overrides: Record<string, string> = {};
  for (const [parameter, header] of RESPONSE_OVERRIDES) {
    const value = query.get(parameter);
    if (value === null) continue;
    // A value Node would refuse to write (a control character) is the client's error, not a 500.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) return s3ErrorResponse(400, 'InvalidArgument', `${parameter} is not a valid header value.`);
    overrides[header] = value;
  }
  if (Object.keys(overrides).length === 0) return response;
  return respond(response.status, { ...withoutHeaders(response.headers, Object.keys(overrides)), ...overrides }, response.body);
}

const RESPONSE_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
  ['response-content-language', 'Content-Language'],
  ['response-content-type', 'Content-Type'],
  ['response-expires', 'Expires'],
];

function withoutHeaders(headers: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const lower = new Set(names.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !lower.has(name.toLowerCase())));
}
