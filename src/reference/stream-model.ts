/**
 * A stream as the reference keeps it: a directory whose shards hold records with per-shard
 * sequence numbers (v3io-web-api.md, "Streaming"). Mutable on purpose: PutRecords appends, a
 * shard-count update adds shards, retention drops old records.
 */

export interface StreamRecord {
  /** Per shard, from 1, never reused. */
  readonly sequenceNumber: number;
  /** Arrival time in milliseconds since the epoch. */
  readonly arrivalMs: number;
  /** Base64, as sent. */
  readonly data: string;
  readonly dataSize: number;
  readonly partitionKey?: string;
  /** Base64, as sent. */
  readonly clientInfo?: string;
}

export interface Shard {
  /** Records in sequence order; the oldest may have been dropped by retention. */
  records: StreamRecord[];
  nextSequenceNumber: number;
  lastModified: Date;
  /**
   * False once the shard's file was deleted (the first step of deleting a stream the SDK way);
   * the next write to the shard brings it back empty.
   */
  present: boolean;
}

export interface Stream {
  readonly shards: Shard[];
  readonly retentionHours: number;
  readonly createdAt: Date;
  /** Next shard for a record with neither ShardId nor PartitionKey (round robin). */
  nextShard: number;
}

export const MAX_SHARD_COUNT = 4096;

export function newShard(now: Date): Shard {
  return { records: [], nextSequenceNumber: 1, lastModified: now, present: true };
}

export function newStream(shardCount: number, retentionHours: number, now = new Date()): Stream {
  return { shards: Array.from({ length: shardCount }, () => newShard(now)), retentionHours, createdAt: now, nextShard: 0 };
}

/** The shard, brought back (empty) if its file was deleted. */
export function liveShard(stream: Stream, shardId: number): Shard | undefined {
  const shard = stream.shards[shardId];
  if (shard && !shard.present) {
    shard.present = true;
    shard.records = [];
    shard.lastModified = new Date();
  }
  return shard;
}

/** Appends a record; drops those older than the retention period first, as V3IO does on writes. */
export function appendRecord(stream: Stream, shard: Shard, record: Omit<StreamRecord, 'sequenceNumber'>): number {
  const oldest = record.arrivalMs - stream.retentionHours * 3_600_000;
  const kept = shard.records.findIndex((r) => r.arrivalMs >= oldest);
  if (kept !== 0) shard.records = kept < 0 ? [] : shard.records.slice(kept);
  const sequenceNumber = shard.nextSequenceNumber;
  shard.records.push({ ...record, sequenceNumber });
  shard.nextSequenceNumber += 1;
  shard.lastModified = new Date(record.arrivalMs);
  return sequenceNumber;
}

/** Bytes of record data in the shard: its size in a listing. */
export function shardSize(shard: Shard): number {
  return shard.records.reduce((sum, record) => sum + record.dataSize, 0);
}
