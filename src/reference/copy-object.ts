/**
 * CopyObject: `PUT /<container>/<key>` with `x-amz-copy-source: [/]<container>/<key>` (URL-encoded)
 * copies the source's bytes, with its Content-Type unless `x-amz-metadata-directive: REPLACE`
 * takes the request's. `x-amz-copy-source-if-match`, `-if-none-match`, `-if-modified-since` and
 * `-if-unmodified-since` are S3's conditions on the source (412 PreconditionFailed). A copy onto
 * itself without REPLACE is S3's 400 InvalidRequest. UploadPartCopy (below) takes its part from
 * a source the same way, with `x-amz-copy-source-range`. `If-Match` / `If-None-Match: *` apply to the
 * destination (write-preconditions.ts). What the emulator cannot honour is refused
 * 501 before anything changes: a source `?versionId=`, `x-amz-copy-source-range` (UploadPartCopy
 * other than UploadPartCopy) and the source's customer encryption keys.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
import { headerValues } from './header-lines.js';
import { validators } from './object-validators.js';
import { respond, type ReferenceResponse } from './responses.js';
import { notImplemented, s3ErrorResponse } from './s3-errors.js';
import { element, XML_DECLARATION } from './s3-xml.js';
import type { Store, StoredEntry } from './store.js';
import { tagListMatches, writePreconditionFailure } from './write-preconditions.js';

export interface CopyRequest {
  readonly rawHeaders: readonly string[];
  readonly container: string;
  readonly path: string;
  readonly mayUse: (container: string) => boolean;
}

const IMPLEMENTED_HEADERS = new Set([
  'x-amz-copy-source',
  'x-amz-copy-source-if-match',
  'x-amz-copy-source-if-none-match',
  'x-amz-copy-source-if-modified-since',
  'x-amz-copy-source-if-unmodified-since',
  'x-amz-metadata-directive',
]);

function sourceConditionsFail(rawHeaders: readonly string[], source: StoredEntry): boolean {
  const { ETag: etag } = validators(source);
  const ifMatch = headerValues(rawHeaders, 'x-amz-copy-source-if-match');
  const ifNoneMatch = headerValues(rawHeaders, 'x-amz-copy-source-if-none-match');
  const modifiedSince = headerValues(rawHeaders, 'x-amz-copy-source-if-modified-since')[0];
  const unmodifiedSince = headerValues(rawHeaders, 'x-amz-copy-source-if-unmodified-since')[0];
  // Whole seconds: Last-Modified has no finer resolution.
  const modified = Math.floor(source.lastModified.getTime() / 1000) * 1000;
  if (ifMatch.length > 0 && !tagListMatches(ifMatch, etag!)) return true;
  if (ifNoneMatch.length > 0 && tagListMatches(ifNoneMatch, etag!)) return true;
  // S3: if-match true and if-unmodified-since false copies; if-none-match false and if-modified-since true fails.
  if (unmodifiedSince !== undefined && ifMatch.length === 0 && modified > Date.parse(unmodifiedSince)) return true;
  if (modifiedSince !== undefined && ifNoneMatch.length === 0 && !(modified > Date.parse(modifiedSince))) return true;
  return false;
}

/** `[/]container/key[?versionId=...]`, URL-encoded; `undefined` when it is not that. */
function parseCopySource(value: string): { readonly container: string; readonly path: string; readonly versionId?: string } | undefined {
  const question = value.indexOf('?');
  const rawPath = (question < 0 ? value : value.slice(0, question)).replace(/^\//, '');
  const versionId = question < 0 ? null : new URLSearchParams(value.slice(question + 1)).get('versionId');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  const [container, ...segments] = decoded.split('/');
  const path = segments.filter((segment) => segment !== '').join('/');
  if (!container || path === '' || segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  return versionId === null ? { container, path } : { container, path, versionId };
}

type CopySource = { readonly kind: 'found'; readonly container: string; readonly path: string; readonly entry: StoredEntry } | { readonly kind: 'refused'; readonly response: ReferenceResponse };

/** The object `x-amz-copy-source` names, once its headers, the caller's permission and its conditions allow the copy. */
function copySource(store: Store, request: CopyRequest, implemented: ReadonlySet<string>, operation: string): CopySource {
  const { rawHeaders } = request;
  const refuse = (response: ReferenceResponse): CopySource => ({ kind: 'refused', response });
  const unimplemented = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if ((name.startsWith('x-amz-copy-source') || name === 'x-amz-metadata-directive') && !implemented.has(name)) unimplemented.add(name);
  }
  if (unimplemented.size > 0) return refuse(notImplemented(`the ${[...unimplemented].join(', ')} header on ${operation}`));
  const sources = headerValues(rawHeaders, 'x-amz-copy-source');
  if (sources.length !== 1) return refuse(s3ErrorResponse(400, 'InvalidArgument', 'Give x-amz-copy-source once.'));
  const source = parseCopySource(sources[0]!.trim());
  if (!source) return refuse(s3ErrorResponse(400, 'InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.'));
  if (source.versionId !== undefined) return refuse(notImplemented('a versionId in x-amz-copy-source (objects have no versions)'));
  if (!request.mayUse(source.container)) return refuse(s3ErrorResponse(403, 'AccessDenied', 'Access Denied'));
  if (!store.container(source.container)) return refuse(s3ErrorResponse(404, 'NoSuchBucket', 'The specified bucket does not exist'));
  const entry = store.get(source.container, source.path);
  if (!entry) return refuse(s3ErrorResponse(404, 'NoSuchKey', 'The specified key does not exist.'));
  if (sourceConditionsFail(rawHeaders, entry)) return refuse(s3ErrorResponse(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'));
  return { kind: 'found', container: source.container, path: source.path, entry };
}

export function copyObject(store: Store, request: CopyRequest): ReferenceResponse {
  const { rawHeaders } = request;
  const source = copySource(store, request, IMPLEMENTED_HEADERS, 'CopyObject');
  if (source.kind === 'refused') return source.response;
  const directives = headerValues(rawHeaders, 'x-amz-metadata-directive').map((d) => d.trim().toUpperCase());
  const directive = directives[0] ?? 'COPY';
  if (directives.length > 1 || (directive !== 'COPY' && directive !== 'REPLACE')) return s3ErrorResponse(400, 'InvalidArgument', 'Unknown metadata directive.');
  if (source.container === request.container && source.path === request.path && directive === 'COPY') {
    return s3ErrorResponse(
      400,
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const existing = store.get(request.container, request.path);
  const precondition = writePreconditionFailure(rawHeaders, existing);
  if (precondition) return precondition;
  const [contentType] = headerValues(rawHeaders, 'content-type');
  const copy: StoredEntry = {
    body: source.entry.body,
    contentType: directive === 'REPLACE' ? contentType?.trim() || 'application/octet-stream' : source.entry.contentType,
    attributes: existing?.attributes ?? {},
    lastModified: new Date(),
  };
  store.put(request.container, request.path, copy);
  const { ETag: etag } = validators(copy);
  const xml = `${XML_DECLARATION}<CopyObjectResult>${element('LastModified', copy.lastModified.toISOString())}${element('ETag', etag!)}</CopyObjectResult>`;
  return respond(200, { 'Content-Type': 'application/xml' }, Buffer.from(xml, 'utf8'));
}

const PART_COPY_HEADERS = new Set([...IMPLEMENTED_HEADERS, 'x-amz-copy-source-range'].filter((name) => name !== 'x-amz-metadata-directive'));

/**
 * UploadPartCopy: `PUT <key>?partNumber=&uploadId=` with `x-amz-copy-source` (and optionally
 * `x-amz-copy-source-range: bytes=<first>-<last>`) makes the part from the source's bytes — what
 * `aws s3 mv` and `aws s3 cp` between keys send for an object over 8 MiB.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 */
export function uploadPartCopy(store: Store, request: CopyRequest, upload: (bytes: Buffer) => ReferenceResponse): ReferenceResponse {
  const source = copySource(store, request, PART_COPY_HEADERS, 'UploadPartCopy');
  if (source.kind === 'refused') return source.response;
  const ranges = headerValues(request.rawHeaders, 'x-amz-copy-source-range');
  let bytes = source.entry.body;
  if (ranges.length > 0) {
    const range = ranges.length === 1 ? /^bytes=([0-9]{1,15})-([0-9]{1,15})$/.exec(ranges[0]!.trim()) : null;
    if (!range) {
      return s3ErrorResponse(400, 'InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy');
    }
    const first = Number(range[1]);
    const last = Number(range[2]);
    if (first > last || last >= bytes.length) return s3ErrorResponse(416, 'InvalidRange', 'The requested range is not satisfiable');
    bytes = bytes.subarray(first, last + 1);
  }
  const uploaded = upload(bytes);
  if (uploaded.status !== 200) return uploaded;
  const xml = `${XML_DECLARATION}<CopyPartResult>${element('LastModified', source.entry.lastModified.toISOString())}${element('ETag', uploaded.headers['ETag']!)}</CopyPartResult>`;
  return respond(200, { 'Content-Type': 'application/xml' }, Buffer.from(xml, 'utf8'));
}
