/**
 * Numeric arrays in a blob attribute, the layout V3IO's expressions index (`a[1]`) and v3io-py
 * writes for a list or an `array.array` (kv_array.py): all little-endian uint32s — the magic
 * 11223344, the version 1, the values' size in bytes, the operand type (259: int64, 261:
 * float64) — then the values, eight bytes each.
 */

const MAGIC = 11_223_344;
const VERSION = 1;
const HEADER_BYTES = 16;
const OPERAND_TYPES = { int64: 259, float64: 261 } as const;

export type ArrayKind = keyof typeof OPERAND_TYPES;

export interface NumericArray {
  readonly kind: ArrayKind;
  /** Each value as number text, as `{"N": ...}` holds it (int64s exactly). */
  readonly values: readonly string[];
}

/** The array a blob holds, or `undefined` when the bytes are not one. */
export function decodeArray(bytes: Buffer): NumericArray | undefined {
  if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== VERSION) return undefined;
  const size = bytes.readUInt32LE(8);
  const operand = bytes.readUInt32LE(12);
  const kind = operand === OPERAND_TYPES.int64 ? 'int64' : operand === OPERAND_TYPES.float64 ? 'float64' : undefined;
  if (!kind || size % 8 !== 0 || bytes.length !== HEADER_BYTES + size) return undefined;
  const values: string[] = [];
  for (let at = HEADER_BYTES; at < bytes.length; at += 8) {
    values.push(kind === 'int64' ? String(bytes.readBigInt64LE(at)) : String(bytes.readDoubleLE(at)));
  }
  return { kind, values };
}

/** The blob of an array; `undefined` when a value does not fit its kind (not an int64, not finite). */
export function encodeArray({ kind, values }: NumericArray): Buffer | undefined {
  const bytes = Buffer.alloc(HEADER_BYTES + values.length * 8);
  bytes.writeUInt32LE(MAGIC, 0);
  bytes.writeUInt32LE(VERSION, 4);
  bytes.writeUInt32LE(values.length * 8, 8);
  bytes.writeUInt32LE(OPERAND_TYPES[kind], 12);
  for (const [index, value] of values.entries()) {
    const at = HEADER_BYTES + index * 8;
    if (kind === 'float64') {
      const number = Number(value);
      if (!Number.isFinite(number)) return undefined;
      bytes.writeDoubleLE(number, at);
    } else {
      if (!/^-?[0-9]+$/.test(value)) return undefined;
      const integer = BigInt(value);
      if (integer < -(2n ** 63n) || integer >= 2n ** 63n) return undefined;
      bytes.writeBigInt64LE(integer, at);
    }
  }
  return bytes;
}
