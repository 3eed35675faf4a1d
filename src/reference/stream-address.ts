/**
 * Where a streaming request's stream and shard are. The URL names the stream (with or without a
 * trailing `/`), or its first part and `StreamName` the rest; a shard is the URL's last segment
 * (`/<container>/MyStream/199`, with or without a trailing `/`) or `ShardId` in the body (v3io-web-api.md, "Request shape").
 */
import { streamFailure } from './failures.js';
import { joinPath, pathSegment } from './item-address.js';
import { optionalInteger, optionalString, type JsonObject } from './json-body.js';
import type { RequestTarget } from './request-target.js';
import type { Store } from './store.js';
import { MAX_SHARD_COUNT, liveShard, type Shard, type Stream } from './stream-model.js';

const SHARD_ID = /^(0|[1-9][0-9]{0,8})$/;

/** The stream's path inside the container; never the container itself. */
export function streamPath(target: RequestTarget, request: JsonObject): string {
  const path = joinPath(target.path, pathSegment(optionalString(request, 'StreamName')) ?? '');
  if (path === '') throw streamFailure('InvalidArgumentException');
  return path;
}

export interface ShardAddress {
  readonly streamPath: string;
  readonly shardId: number;
}

/** The shard a Seek or GetRecords addresses. */
export function shardAddress(target: RequestTarget, request: JsonObject): ShardAddress {
  const shardId = optionalInteger(request, 'ShardId', 0, MAX_SHARD_COUNT * 1024);
  if (shardId !== undefined) return { streamPath: streamPath(target, request), shardId };
  const slash = target.path.lastIndexOf('/');
  const last = target.path.slice(slash + 1);
  // `<stream>/<shard id>/` too: v3io-py adds the trailing slash (stream.py, seek and get_records).
  if (optionalString(request, 'StreamName') !== undefined || slash < 0 || !SHARD_ID.test(last)) {
    throw streamFailure('InvalidArgumentException');
  }
  return { streamPath: target.path.slice(0, slash), shardId: Number(last) };
}

/** Whether anything other than a stream is at the path: an object or item, or entries under it. */
export function occupiedByOther(store: Store, container: string, path: string): boolean {
  return store.get(container, path) !== undefined || store.list(container, `${path}/`).length > 0 || store.streams(container, `${path}/`).length > 0;
}

/** The stream at the path; ResourceNotFoundException, or ResourceIsnotStream when something else is there. */
export function existingStream(store: Store, container: string, path: string): Stream {
  const stream = store.stream(container, path);
  if (stream) return stream;
  throw streamFailure(occupiedByOther(store, container, path) ? 'ResourceIsnotStream' : 'ResourceNotFoundException');
}

/** The stream's shard with that id; ShardIDOutOfRangeException past the last one. */
export function existingShard(stream: Stream, shardId: number): Shard {
  const shard = liveShard(stream, shardId);
  if (!shard) throw streamFailure('ShardIDOutOfRangeException');
  return shard;
}
