/**
 * The streaming functions that read a shard: Seek (the SDKs send `SeekShard`; both names are
 * accepted) and GetRecords (v3io-web-api.md, "Streaming").
 */
import { streamFailure } from './failures.js';
import type { V3ioFunction } from './function-call.js';
import { optionalInteger, optionalString, requestObject, type JsonObject } from './json-body.js';
import { jsonResponse } from './responses.js';
import { existingShard, existingStream, shardAddress } from './stream-address.js';
import { decodeLocation, encodeLocation } from './stream-location.js';
import type { Shard } from './stream-model.js';

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;

/** The sequence number of the first retained record, or the end of the shard when it is empty. */
function earliest(shard: Shard): number {
  return shard.records[0]?.sequenceNumber ?? shard.nextSequenceNumber;
}

/** Where a Seek of the request's Type points, as the sequence number of the next record to read. */
function seekTarget(shard: Shard, request: JsonObject): number {
  switch (optionalString(request, 'Type')) {
    case 'EARLIEST':
      return earliest(shard);
    case 'LATEST':
      return shard.nextSequenceNumber;
    case 'SEQUENCE': {
      // Must name a retained record: "if no match is found, the operation fails".
      const wanted = optionalInteger(request, 'StartingSequenceNumber', 0, Number.MAX_SAFE_INTEGER);
      if (wanted === undefined || !shard.records.some((r) => r.sequenceNumber === wanted)) throw streamFailure('InvalidArgumentException');
      return wanted;
    }
    case 'TIME': {
      // The first record that arrived at or after the time; the end of the shard if none did.
      const seconds = optionalInteger(request, 'TimestampSec', 0, Number.MAX_SAFE_INTEGER);
      const nanoseconds = optionalInteger(request, 'TimestampNSec', 0, 999_999_999) ?? 0;
      if (seconds === undefined) throw streamFailure('InvalidArgumentException');
      const fromMs = seconds * 1000 + nanoseconds / 1_000_000;
      return shard.records.find((r) => r.arrivalMs >= fromMs)?.sequenceNumber ?? shard.nextSequenceNumber;
    }
    default:
      throw streamFailure('InvalidArgumentException');
  }
}

/** Seek `{StreamName?, ShardId?, Type, StartingSequenceNumber?, TimestampSec?, TimestampNSec?}`: `{"Location": "<blob>"}`. */
const seek: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const { streamPath, shardId } = shardAddress(target, request);
  const shard = existingShard(existingStream(store, container, streamPath), shardId);
  return jsonResponse(200, { Location: encodeLocation({ shardId, sequenceNumber: seekTarget(shard, request) }) });
};

/**
 * GetRecords `{StreamName?, ShardId?, Location, Limit?}`: the records from the location on, up to
 * Limit (default 1000). A location of another shard, or past the end of this one, is
 * IllegalLocation; one before the first retained record reads from that record.
 */
const getRecords: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const { streamPath, shardId } = shardAddress(target, request);
  const shard = existingShard(existingStream(store, container, streamPath), shardId);
  const text = optionalString(request, 'Location');
  const limit = optionalInteger(request, 'Limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  if (text === undefined) throw streamFailure('InvalidArgumentException');
  const location = decodeLocation(text);
  if (!location || location.shardId !== shardId || location.sequenceNumber > shard.nextSequenceNumber) throw streamFailure('IllegalLocation');

  const from = Math.max(location.sequenceNumber, earliest(shard));
  const available = shard.records.filter((r) => r.sequenceNumber >= from);
  const page = available.slice(0, limit);
  const last = page[page.length - 1];
  const latest = shard.records[shard.records.length - 1];
  return jsonResponse(200, {
    NextLocation: encodeLocation({ shardId, sequenceNumber: last ? last.sequenceNumber + 1 : from }),
    MSecBehindLatest: last && latest ? latest.arrivalMs - last.arrivalMs : 0,
    RecordsBehindLatest: available.length - page.length,
    Records: page.map((r) => ({
      ArrivalTimeSec: Math.floor(r.arrivalMs / 1000),
      ArrivalTimeNSec: Math.round((r.arrivalMs % 1000) * 1_000_000),
      SequenceNumber: r.sequenceNumber,
      ...(r.clientInfo !== undefined ? { ClientInfo: r.clientInfo } : {}),
      ...(r.partitionKey !== undefined ? { PartitionKey: r.partitionKey } : {}),
      Data: r.data,
    })),
  });
};

export const STREAM_CONSUMPTION_FUNCTIONS: Readonly<Record<string, V3ioFunction>> = {
  Seek: seek,
  SeekShard: seek,
  GetRecords: getRecords,
};
