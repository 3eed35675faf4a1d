/**
 * The JSON bodies of the `X-v3io-function` operations: parsing and typed members. Every reader
 * throws a 400 InvalidArgumentException failure on a value of the wrong type, so that a function
 * reads its parameters in a few lines.
 */
import { failure } from './failures.js';

export type JsonObject = Readonly<Record<string, unknown>>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object; `undefined` when it is not UTF-8 JSON or not an object. */
export function parseJsonObject(body: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(UTF8.decode(body));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body as a JSON object, or a 400. `emptyIsObject`: an empty body stands for `{}` (v3io-go
 * sends DescribeStream without a body).
 */
export function requestObject(body: Buffer, options: { readonly emptyIsObject?: boolean } = {}): JsonObject {
  if (body.length === 0 && options.emptyIsObject) return {};
  const request = parseJsonObject(body);
  if (!request) throw failure(400);
  return request;
}

/** A string member, `undefined` when absent. */
export function optionalString(request: JsonObject, name: string): string | undefined {
  const value = request[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw failure(400);
  return value;
}

/** An integer member within [min, max], `undefined` when absent. */
export function optionalInteger(request: JsonObject, name: string, min: number, max: number): number | undefined {
  const value = request[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw failure(400);
  return value;
}
