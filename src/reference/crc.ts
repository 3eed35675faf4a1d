/**
 * CRC-32 (ISO-HDLC, the zlib one) and CRC-32C (Castagnoli, iSCSI), the two CRCs S3's
 * `x-amz-checksum-crc32` and `-crc32c` carry: table-driven, reflected, initial value and final
 * XOR all ones. Node has no CRC-32C, and `zlib.crc32` only from Node 20.15 (the package supports
 * 20.12). Test vectors: RFC 3720 §B.4 for CRC-32C, the `123456789` check values for both.
 */

function table(polynomial: number): Uint32Array {
  const entries = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    entries[n] = c >>> 0;
  }
  return entries;
}

const CRC32_TABLE = table(0xedb88320);
const CRC32C_TABLE = table(0x82f63b78);

function crc(entries: Uint32Array, bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) c = entries[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  return crc(CRC32_TABLE, bytes);
}

export function crc32c(bytes: Uint8Array): number {
  return crc(CRC32C_TABLE, bytes);
}
