/**
 * The streaming functions that manage a stream and write to it: CreateStream, DescribeStream,
 * UpdateStream and PutRecords (v3io-web-api.md, "Streaming"). Reading is in stream-consumption.ts.
 */
import { decodeStrictBase64 } from './base64.js';
import { streamFailure } from './failures.js';
import type { V3ioFunction } from './function-call.js';
import { isObject, optionalInteger, optionalString, requestObject, type JsonObject } from './json-body.js';
import { jsonResponse, respond } from './responses.js';
import { existingStream, occupiedByOther, streamPath } from './stream-address.js';
import { MAX_SHARD_COUNT, appendRecord, liveShard, newShard, newStream, type Stream, type StreamRecord } from './stream-model.js';

/** Limits of the documentation: records per PutRecords, bytes of Data, ClientInfo and PartitionKey. */
const MAX_RECORDS = 1000;
const MAX_DATA_BYTES = 1024 * 1024;
const MAX_CLIENT_INFO_BYTES = 16;
const MAX_PARTITION_KEY_BYTES = 256;
/** Ten years: a bound, not a documented limit. */
const MAX_RETENTION_HOURS = 87_600;

/**
 * CreateStream `{StreamName?, ShardCount, RetentionPeriodHours}`: 200, empty body. The documented
 * defaults (1 shard, 24 hours) apply when a member is absent. An existing stream, object or
 * directory at the path is ResourceInUseException.
 */
const createStream: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body, { emptyIsObject: true });
  const path = streamPath(target, request);
  const shardCount = optionalInteger(request, 'ShardCount', 1, MAX_SHARD_COUNT) ?? 1;
  const retentionHours = optionalInteger(request, 'RetentionPeriodHours', 1, MAX_RETENTION_HOURS) ?? 24;
  if (store.stream(container, path) || occupiedByOther(store, container, path)) throw streamFailure('ResourceInUseException');
  store.putStream(container, path, newStream(shardCount, retentionHours));
  return respond(200, {});
};

/** DescribeStream `{StreamName?}` (or no body): `{"ShardCount": n, "RetentionPeriodHours": n}`. */
const describeStream: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body, { emptyIsObject: true });
  const stream = existingStream(store, container, streamPath(target, request));
  return jsonResponse(200, { ShardCount: stream.shards.length, RetentionPeriodHours: stream.retentionHours });
};

/** UpdateStream `{StreamName?, ShardCount}`: adds shards; a count not larger than the current one is InvalidShardCountException. */
const updateStream: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const stream = existingStream(store, container, streamPath(target, request));
  const shardCount = optionalInteger(request, 'ShardCount', 1, MAX_SHARD_COUNT);
  if (shardCount === undefined) throw streamFailure('InvalidArgumentException');
  if (shardCount <= stream.shards.length) throw streamFailure('InvalidShardCountException');
  const now = new Date();
  while (stream.shards.length < shardCount) stream.shards.push(newShard(now));
  return respond(200, {});
};

interface RecordInput {
  readonly record: Omit<StreamRecord, 'sequenceNumber' | 'arrivalMs'>;
  readonly shardId?: number;
}

function base64Member(record: JsonObject, name: string, maxBytes: number): { readonly text: string; readonly size: number } | undefined {
  const text = optionalString(record, name);
  if (text === undefined) return undefined;
  const bytes = decodeStrictBase64(text);
  if (!bytes || bytes.length > maxBytes) throw streamFailure('InvalidArgumentException');
  return { text, size: bytes.length };
}

function recordInput(value: unknown): RecordInput {
  if (!isObject(value)) throw streamFailure('InvalidArgumentException');
  const data = base64Member(value, 'Data', MAX_DATA_BYTES);
  if (!data) throw streamFailure('InvalidArgumentException');
  const clientInfo = base64Member(value, 'ClientInfo', MAX_CLIENT_INFO_BYTES);
  const partitionKey = optionalString(value, 'PartitionKey');
  if (partitionKey !== undefined && Buffer.byteLength(partitionKey, 'utf8') > MAX_PARTITION_KEY_BYTES) throw streamFailure('InvalidArgumentException');
  const shardId = optionalInteger(value, 'ShardId', 0, Number.MAX_SAFE_INTEGER);
  return {
    record: {
      data: data.text,
      dataSize: data.size,
      ...(clientInfo ? { clientInfo: clientInfo.text } : {}),
      ...(partitionKey !== undefined ? { partitionKey } : {}),
    },
    ...(shardId !== undefined ? { shardId } : {}),
  };
}

/** FNV-1a over the key's UTF-8 bytes: the same key always lands on the same shard (for a given count). */
function partitionHash(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** ShardId if given, else the partition key's shard, else round robin. */
function chooseShard(stream: Stream, { record, shardId: given }: RecordInput): number {
  if (given !== undefined) return given;
  if (record.partitionKey !== undefined) return partitionHash(record.partitionKey) % stream.shards.length;
  const shardId = stream.nextShard % stream.shards.length;
  stream.nextShard = shardId + 1;
  return shardId;
}

/**
 * PutRecords `{StreamName?, Records: [{Data, ClientInfo?, PartitionKey?, ShardId?}]}`:
 * `{"FailedRecordCount": n, "Records": [{"SequenceNumber", "ShardId"} | {"ErrorCode", "ErrorMessage"}]}`
 * in request order. A ShardId past the last shard fails that record only
 * (ShardIDOutOfRangeException); a malformed record fails the whole request.
 */
const putRecords: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const stream = existingStream(store, container, streamPath(target, request));
  const records = request['Records'];
  if (!Array.isArray(records) || records.length === 0 || records.length > MAX_RECORDS) throw streamFailure('InvalidArgumentException');
  const inputs = records.map(recordInput);
  const arrivalMs = Date.now();
  const results = inputs.map((input) => {
    const shardId = chooseShard(stream, input);
    const shard = liveShard(stream, shardId);
    if (!shard) return { ErrorCode: -201326594, ErrorMessage: 'ShardIDOutOfRangeException' };
    return { SequenceNumber: appendRecord(stream, shard, { ...input.record, arrivalMs }), ShardId: shardId };
  });
  return jsonResponse(200, { FailedRecordCount: results.filter((r) => 'ErrorCode' in r).length, Records: results });
};

export const STREAM_MANAGEMENT_FUNCTIONS: Readonly<Record<string, V3ioFunction>> = {
  CreateStream: createStream,
  DescribeStream: describeStream,
  UpdateStream: updateStream,
  PutRecords: putRecords,
};
