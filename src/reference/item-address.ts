/**
 * Where a NoSQL request's resource is: the URL names it, or names its first part and the body
 * the rest (`TableName`, `Key`); see v3io-web-api.md, "Request shape". Values in the body may
 * not contain `/`.
 */
import { parseAttributes } from './attributes.js';
import { failure } from './failures.js';
import { optionalString, type JsonObject } from './json-body.js';
import type { RequestTarget } from './request-target.js';
import type { Attributes } from './store.js';

export interface ItemAddress {
  /** Path of the item inside the container. */
  readonly path: string;
  /** The primary-key attribute from `Key`, stored with the item. */
  readonly keyAttributes: Attributes;
}

/** Joins path parts, skipping empty ones. */
export function joinPath(...parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('/');
}

/** A name from the body: non-empty, without `/`, not a dot segment; `undefined` stays `undefined`. */
export function pathSegment(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.includes('/') || value === '.' || value === '..') throw failure(400);
  return value;
}

/**
 * A path from the body, relative to the URL's: non-empty segments that are not dot segments;
 * leading, trailing and repeated `/` are dropped (v3io-py's `kv.scan(table_path="", table_name=
 * "some_dir/table")` sends a path). `undefined` stays `undefined`.
 */
export function relativePath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const segments = value.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.some((segment) => segment === '.' || segment === '..')) throw failure(400);
  return segments.join('/');
}

/**
 * The table a request addresses: the URL's path joined with `TableName` (a name or a relative
 * path). The URL may end in `/` or not: it names a directory either way.
 */
export function tableAddress(target: RequestTarget, request: JsonObject): string {
  return joinPath(target.path, relativePath(optionalString(request, 'TableName')) ?? '');
}

/**
 * The item a request addresses: `Key` (one attribute, a string or a number) names it inside the
 * table the URL (ending in `/`) and `TableName` point to; without `Key`, the URL is the item.
 */
export function itemAddress(target: RequestTarget, request: JsonObject): ItemAddress {
  const tableName = pathSegment(optionalString(request, 'TableName'));
  const key = request['Key'];
  if (key === undefined) {
    if (target.isDirectory || tableName !== undefined || target.path === '') throw failure(400);
    return { path: target.path, keyAttributes: {} };
  }
  if (!target.isDirectory && tableName === undefined) throw failure(400);
  const keyAttributes = parseAttributes(key);
  const entries = keyAttributes ? Object.entries(keyAttributes) : [];
  if (!keyAttributes || entries.length !== 1) throw failure(400);
  const [, value] = entries[0]!;
  const name = pathSegment('S' in value ? value.S : 'N' in value ? value.N : undefined);
  if (name === undefined) throw failure(400);
  return { path: joinPath(target.path, tableName ?? '', name), keyAttributes };
}
