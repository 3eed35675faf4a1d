/**
 * Simple-object operations (v3io-web-api.md, "Simple objects"): GET (HEAD is GET without the
 * body) with one byte range, PUT and POST (aliases) with `Range: -1` to append, DELETE of an
 * object, of a stream shard's file or of a directory.
 *
 * GET, HEAD and PUT answers carry `ETag` (the quoted MD5 of the body, as S3 clients expect) and
 * `Last-Modified`. A PUT body sent with `Content-Encoding: aws-chunked` (S3 clients' streamed
 * uploads) is stored as the payload inside the framing, or answered 400 when the framing is
 * malformed (`aws-chunked.ts`). Decisions of the reference: a Range on PUT other than `-1` is a
 * 400 (writing at an offset is not offered, and ignoring it would overwrite what the client
 * meant to keep); DELETE of a directory removes a stream with its shards (as `rm -r` of a
 * stream's directory does) but is a 409 for a directory that still holds anything else, like rmdir.
 *
 * Directories, as v3io-py's tests use them: `PUT <dir>/` without a body creates one (and its
 * parents); GET or HEAD of a directory, with or without the trailing `/`, is a 200 with an empty
 * body; DELETE of a directory's path without the `/` deletes the directory.
 */
import { selectRange } from './byte-range.js';
import { headerValues } from './header-lines.js';
import { validators } from './object-validators.js';
import type { RequestTarget } from './request-target.js';
import { errorResponse, respond, type ReferenceResponse } from './responses.js';
import type { Store, StoredEntry } from './store.js';
import { writePayload } from './write-payload.js';
import { writePreconditionFailure } from './write-preconditions.js';

export interface ObjectRequest {
  /** The request's method, HEAD already turned into GET. */
  readonly method: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly container: string;
  readonly target: RequestTarget;
}

export const OBJECT_METHODS = 'GET, HEAD, PUT, POST, DELETE';

const SHARD_FILE = /^(0|[1-9][0-9]{0,8})$/;

function getObject(store: Store, request: ObjectRequest): ReferenceResponse {
  const { container, target } = request;
  const entry = target.isDirectory ? undefined : store.get(container, target.path);
  if (!entry) return store.isDirectory(container, target.path) ? respond(200, {}) : errorResponse(404);
  const headers = { 'Content-Type': entry.contentType, ...validators(entry), 'Accept-Ranges': 'bytes' };
  const size = entry.body.length;
  const range = selectRange(headerValues(request.rawHeaders, 'range'), size);
  switch (range.kind) {
    case 'whole':
      return respond(200, headers, entry.body);
    case 'part':
      return respond(206, { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${size}` }, entry.body.subarray(range.start, range.end + 1));
    case 'unsatisfiable':
      return errorResponse(416, { 'Content-Range': `bytes */${size}` });
  }
}

function putObject(store: Store, request: ObjectRequest): ReferenceResponse {
  const { container, target } = request;
  if (target.isDirectory) return makeDirectory(store, request);
  const ranges = headerValues(request.rawHeaders, 'range');
  if (ranges.length > 1 || (ranges.length === 1 && ranges[0]!.trim() !== '-1')) return errorResponse(400);
  const append = ranges.length === 1;
  // An S3 client's streamed upload: the object is the payload inside the aws-chunked framing.
  const payload = writePayload(request.rawHeaders, request.body);
  if (payload.kind === 'refused') return payload.response;
  const body = payload.bytes;
  const existing = store.get(container, target.path);
  const precondition = writePreconditionFailure(request.rawHeaders, existing);
  if (precondition) return precondition;
  const [contentType] = headerValues(request.rawHeaders, 'content-type');
  const entry: StoredEntry = {
    // Kept as it is, not copied: the body is the request's own (request-body.ts), and a 1 GiB one is not held twice.
    body: append && existing ? Buffer.concat([existing.body, body]) : body,
    contentType: contentType?.trim() || existing?.contentType || 'application/octet-stream',
    attributes: existing?.attributes ?? {},
    lastModified: new Date(),
  };
  store.put(container, target.path, entry);
  return respond(200, validators(entry));
}

/** `PUT <dir>/` without a body: creates the directory and its parents; 200 if it exists already. */
function makeDirectory(store: Store, { container, target, body }: ObjectRequest): ReferenceResponse {
  if (body.length > 0) return errorResponse(400);
  store.makeDirectory(container, target.path);
  return respond(200, {});
}

/** A stream shard's file `<stream>/<shard id>`: deleting it empties the shard. */
function deleteShardFile(store: Store, container: string, path: string): ReferenceResponse | undefined {
  const slash = path.lastIndexOf('/');
  const stream = slash < 0 ? undefined : store.stream(container, path.slice(0, slash));
  const name = path.slice(slash + 1);
  if (!stream || !SHARD_FILE.test(name)) return undefined;
  const shard = stream.shards[Number(name)];
  if (!shard?.present) return errorResponse(404);
  shard.present = false;
  shard.records = [];
  return respond(200, {});
}

/** A stream's own shards do not count: deleting its directory removes them (`rm -r`). */
function deleteDirectory(store: Store, container: string, path: string): ReferenceResponse {
  if (!store.isDirectory(container, path)) return errorResponse(404);
  const prefix = `${path}/`;
  const holdsSomething =
    store.list(container, prefix).length > 0 || store.streams(container, prefix).length > 0 || store.directories(container, prefix).length > 0;
  if (holdsSomething) return errorResponse(409);
  store.deleteStream(container, path);
  // A stream's directory may also be a plain one (an object was written into it, as consumer-group state is).
  store.removeDirectory(container, path);
  return respond(200, {});
}

function deleteObject(store: Store, request: ObjectRequest): ReferenceResponse {
  const { container, target } = request;
  if (target.isDirectory) return deleteDirectory(store, container, target.path);
  const deleted = deleteShardFile(store, container, target.path) ?? (store.delete(container, target.path) ? respond(200, {}) : undefined);
  if (deleted) return deleted;
  return store.isDirectory(container, target.path) ? deleteDirectory(store, container, target.path) : errorResponse(404);
}

/** An operation on `/<container>/<path>` without `X-v3io-function`; `path` is not empty. */
export function objectOperation(store: Store, request: ObjectRequest): ReferenceResponse {
  switch (request.method) {
    case 'GET':
      return getObject(store, request);
    case 'PUT':
    case 'POST':
      return putObject(store, request);
    case 'DELETE':
      return deleteObject(store, request);
    default:
      return errorResponse(405, { Allow: OBJECT_METHODS });
  }
}
