/**
 * NoSQL attribute values (v3io-web-api.md, "NoSQL"): `{"S": text}`, `{"N": "42"}` (numbers as
 * text), `{"BOOL": true}`, `{"B": base64}`, and `{"TS": "<seconds>:<nanoseconds>"}` (v3io-py sends
 * a datetime so: kv_timestamp.py); their validation, and the arithmetic and ordering of numbers and
 * timestamps that the update and filter expressions need.
 */
import { decodeStrictBase64 } from './base64.js';
import { isObject } from './json-body.js';
import type { AttributeValue, Attributes } from './store.js';

const NUMBER = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;
const INTEGER = /^-?[0-9]+$/;
const TIMESTAMP = /^(-?[0-9]+):([0-9]{1,9})$/;

/** Exactly one of `{"S": text}`, `{"N": "42"}`, `{"BOOL": true}`, `{"B": base64}`, `{"TS": "<s>:<ns>"}`. */
export function isAttributeValue(value: unknown): value is AttributeValue {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const inner = value[keys[0]!];
  switch (keys[0]) {
    case 'S':
      return typeof inner === 'string';
    case 'N':
      return typeof inner === 'string' && NUMBER.test(inner);
    case 'BOOL':
      return typeof inner === 'boolean';
    case 'B':
      return typeof inner === 'string' && decodeStrictBase64(inner) !== undefined;
    case 'TS':
      return typeof inner === 'string' && TIMESTAMP.test(inner);
    default:
      return false;
  }
}

/** An object of attribute values, `undefined` when it is not one. */
export function parseAttributes(value: unknown): Attributes | undefined {
  if (!isObject(value)) return undefined;
  return Object.values(value).every(isAttributeValue) ? (value as Attributes) : undefined;
}

/**
 * Integers are added exactly (BigInt), so that a counter never loses precision; anything else as
 * a double. `undefined` when the result is not a finite number.
 */
export function addNumbers(a: string, b: string, sign: 1 | -1): string | undefined {
  if (INTEGER.test(a) && INTEGER.test(b)) return String(sign === 1 ? BigInt(a) + BigInt(b) : BigInt(a) - BigInt(b));
  const result = Number(a) + sign * Number(b);
  return Number.isFinite(result) ? String(result) : undefined;
}

/** The product, integers exactly (BigInt), anything else as a double; `undefined` when not finite. */
export function multiplyNumbers(a: string, b: string): string | undefined {
  if (INTEGER.test(a) && INTEGER.test(b)) return String(BigInt(a) * BigInt(b));
  const result = Number(a) * Number(b);
  return Number.isFinite(result) ? String(result) : undefined;
}

/** -1, 0 or 1, as the numbers `a` and `b` compare. */
export function compareNumbers(a: string, b: string): -1 | 0 | 1 {
  if (INTEGER.test(a) && INTEGER.test(b)) {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const [x, y] = [Number(a), Number(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** -1, 0 or 1, as the timestamps `a` and `b` (`<seconds>:<nanoseconds>`, valid) compare. */
export function compareTimestamps(a: string, b: string): -1 | 0 | 1 {
  const [, secondsA = '0', nanosA = '0'] = TIMESTAMP.exec(a) ?? [];
  const [, secondsB = '0', nanosB = '0'] = TIMESTAMP.exec(b) ?? [];
  return compareNumbers(secondsA, secondsB) || compareNumbers(nanosA, nanosB);
}
