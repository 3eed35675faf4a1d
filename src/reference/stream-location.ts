/**
 * Stream locations: the opaque blob Seek returns and GetRecords reads (v3io-web-api.md,
 * "Streaming"). Sixteen bytes in Base64, like the documented `AQAAAAAAAAAAAAAAAAAAAA==`: a format
 * byte (1), three zero bytes, the shard id (uint32 BE) and the sequence number of the next record
 * to read (uint64 BE). Clients must not compute one; the reference checks every field it reads.
 */
import { decodeStrictBase64 } from './base64.js';

const FORMAT = 1;
const SIZE = 16;

export interface Location {
  readonly shardId: number;
  readonly sequenceNumber: number;
}

export function encodeLocation({ shardId, sequenceNumber }: Location): string {
  const bytes = Buffer.alloc(SIZE);
  bytes.writeUInt8(FORMAT, 0);
  bytes.writeUInt32BE(shardId, 4);
  bytes.writeBigUInt64BE(BigInt(sequenceNumber), 8);
  return bytes.toString('base64');
}

/** The location, or `undefined` when the text is not one the reference made. */
export function decodeLocation(text: string): Location | undefined {
  const bytes = decodeStrictBase64(text);
  if (!bytes || bytes.length !== SIZE || bytes.readUInt8(0) !== FORMAT || bytes.readUIntBE(1, 3) !== 0) return undefined;
  const sequenceNumber = bytes.readBigUInt64BE(8);
  if (sequenceNumber > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { shardId: bytes.readUInt32BE(4), sequenceNumber: Number(sequenceNumber) };
}
