/**
 * GetItems (v3io-web-api.md, "NoSQL"): the items of a table, in name order, a page at a time.
 *
 * Body `{TableName?, Limit?, AttributesToGet?, FilterExpression?, Marker?}`; the answer
 * `{"LastItemIncluded": "TRUE"|"FALSE", "NumItems": n, "NextMarker"?: "...", "Items": [...]}`.
 * The items of a table are the entries directly in its directory (sub-directories are not items).
 * `Limit` counts the items returned (those that pass the filter); a page without a limit holds
 * at most `PAGE_SIZE`. The marker is opaque to clients: the Base64 of the last item's name, so
 * that a tampered marker is detected (400) rather than silently misread. A parallel scan
 * (`Segment` of `TotalSegment`, both or neither) gets the items whose name hashes to its segment,
 * so that the segments together hold every item once. A table is a directory: one that does not
 * exist is a 404, an empty one has no items. Range scans (`ShardingKey`, `SortKeyRangeStart`,
 * `SortKeyRangeEnd`) are not offered: 400, as for any invalid argument, rather than a silently
 * unfiltered answer.
 */
import { decodeStrictBase64 } from './base64.js';
import { ExpressionError } from './expression-lexer.js';
import { failure } from './failures.js';
import { matches, parseFilter, type Filter } from './filter-expression.js';
import type { V3ioFunction } from './function-call.js';
import { tableAddress } from './item-address.js';
import { optionalInteger, optionalString, requestObject, type JsonObject } from './json-body.js';
import { selectAttributes } from './nosql.js';
import { jsonResponse } from './responses.js';

export const PAGE_SIZE = 1000;
const MAX_LIMIT = 100_000;
const RANGE_SCAN_MEMBERS = ['ShardingKey', 'SortKeyRangeStart', 'SortKeyRangeEnd'] as const;
/** The documented range of TotalSegment: 1 to 1024. */
const MAX_SEGMENTS = 1024;

function parsedFilter(source: string | undefined): Filter | undefined {
  if (source === undefined || source.trim() === '') return undefined;
  try {
    return parseFilter(source);
  } catch (error) {
    if (error instanceof ExpressionError) throw failure(400);
    throw error;
  }
}

/** FNV-1a over the name's UTF-8 bytes: which segment of a parallel scan an item belongs to. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** The segment a request asks for; `undefined` for the whole table. */
function scanSegment(request: JsonObject): { readonly segment: number; readonly total: number } | undefined {
  const total = optionalInteger(request, 'TotalSegment', 1, MAX_SEGMENTS);
  const segment = optionalInteger(request, 'Segment', 0, MAX_SEGMENTS - 1);
  if (total === undefined && segment === undefined) return undefined;
  if (total === undefined || segment === undefined || segment >= total) throw failure(400);
  return { segment, total };
}

function markerName(marker: string | undefined): string | undefined {
  if (marker === undefined || marker === '') return undefined;
  const bytes = decodeStrictBase64(marker);
  if (!bytes || bytes.length === 0) throw failure(400);
  return bytes.toString('utf8');
}

const getItems: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body, { emptyIsObject: true });
  const table = tableAddress(target, request);
  const limit = optionalInteger(request, 'Limit', 1, MAX_LIMIT) ?? PAGE_SIZE;
  const wanted = optionalString(request, 'AttributesToGet') ?? '*';
  const filter = parsedFilter(optionalString(request, 'FilterExpression'));
  const after = markerName(optionalString(request, 'Marker'));
  const part = scanSegment(request);
  if (RANGE_SCAN_MEMBERS.some((name) => request[name] !== undefined)) throw failure(400);

  if (!store.isDirectory(container, table)) throw failure(404);
  const prefix = table === '' ? '' : `${table}/`;
  const inTable = store.list(container, prefix).filter(([path]) => !path.slice(prefix.length).includes('/'));
  const inPart = part ? inTable.filter(([path]) => nameHash(path.slice(prefix.length)) % part.total === part.segment) : inTable;
  const candidates = inPart.filter(([path, entry]) => (after === undefined || path.slice(prefix.length) > after) && (!filter || matches(filter, entry.attributes)));
  const page = candidates.slice(0, limit);
  const lastIncluded = candidates.length <= limit;
  const lastName = page.length > 0 ? page[page.length - 1]![0].slice(prefix.length) : undefined;
  return jsonResponse(200, {
    LastItemIncluded: lastIncluded ? 'TRUE' : 'FALSE',
    NumItems: page.length,
    ...(lastIncluded || lastName === undefined ? {} : { NextMarker: Buffer.from(lastName, 'utf8').toString('base64') }),
    Items: page.map(([path, entry]) => selectAttributes(wanted, path, entry)),
  });
};

export const NOSQL_SCAN_FUNCTIONS = { GetItems: getItems } as const;
