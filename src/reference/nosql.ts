/**
 * The `X-v3io-function` operations on POST or PUT (the two behave the same): a JSON body names
 * the resource together with the URL. A registry, so that streaming and the other NoSQL functions
 * can be added next to these.
 */
import { decodeStrictBase64 } from './base64.js';
import type { RequestTarget } from './request-target.js';
import { errorResponse, jsonResponse, respond, type ReferenceResponse } from './responses.js';
import type { AttributeValue, Attributes, Store } from './store.js';

export interface FunctionCall {
  readonly store: Store;
  readonly container: string;
  readonly target: RequestTarget;
  readonly body: Buffer;
}

export type V3ioFunction = (call: FunctionCall) => ReferenceResponse;

type JsonObject = Readonly<Record<string, unknown>>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body as a JSON object; `undefined` when it is not UTF-8 JSON or not an object. */
function parseJsonObject(body: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(UTF8.decode(body));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

/** Exactly one of `{"S": text}`, `{"N": "42"}`, `{"BOOL": true}`, `{"B": base64}`. */
function isAttributeValue(value: unknown): value is AttributeValue {
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
    default:
      return false;
  }
}

function parseAttributes(value: unknown): Attributes | undefined {
  if (!isObject(value)) return undefined;
  return Object.values(value).every(isAttributeValue) ? (value as Attributes) : undefined;
}

interface ItemAddress {
  /** Path of the item inside the container. */
  readonly path: string;
  /** The primary-key attribute from `Key`, stored with the item. */
  readonly keyAttributes: Attributes;
}

/**
 * Where the item is: `Key` (one attribute, a string or a number) names it inside the table the URL
 * (ending in `/`) and `TableName` point to; without `Key`, the URL is the item itself.
 */
function itemAddress(target: RequestTarget, request: JsonObject): ItemAddress | undefined {
  const tableName = request['TableName'];
  if (tableName !== undefined && (typeof tableName !== 'string' || tableName === '')) return undefined;
  const table = [target.path, tableName ?? ''].filter((part) => part !== '').join('/');
  const key = request['Key'];
  if (key === undefined) {
    if (target.isDirectory || tableName !== undefined || target.path === '') return undefined;
    return { path: target.path, keyAttributes: {} };
  }
  if (!target.isDirectory && tableName === undefined) return undefined;
  const keyAttributes = parseAttributes(key);
  const entries = keyAttributes ? Object.entries(keyAttributes) : [];
  if (entries.length !== 1) return undefined;
  const [, value] = entries[0]!;
  const name = 'S' in value ? value.S : 'N' in value ? value.N : undefined;
  if (name === undefined || name === '' || name.includes('/')) return undefined;
  return { path: table === '' ? name : `${table}/${name}`, keyAttributes: keyAttributes! };
}

/** PutItem `{Key?, Item}`: replaces the item's attributes; 200 with an empty body. */
const putItem: V3ioFunction = ({ store, container, target, body }) => {
  const request = parseJsonObject(body);
  const address = request && itemAddress(target, request);
  const item = request && parseAttributes(request['Item']);
  if (!address || !item) return errorResponse(400);
  const existing = store.get(container, address.path);
  store.put(container, address.path, {
    body: existing?.body ?? Buffer.alloc(0),
    contentType: existing?.contentType ?? 'application/octet-stream',
    attributes: { ...address.keyAttributes, ...item },
    lastModified: new Date(),
  });
  return respond(200, {});
};

/** GetItem `{Key?, AttributesToGet}`: `{"Item": {...}}` with the attributes asked for (`*`: all). */
const getItem: V3ioFunction = ({ store, container, target, body }) => {
  const request = parseJsonObject(body);
  const address = request && itemAddress(target, request);
  const wanted = request?.['AttributesToGet'] ?? '*';
  if (!address || typeof wanted !== 'string') return errorResponse(400);
  const entry = store.get(container, address.path);
  if (!entry) return errorResponse(404);
  const names = wanted.split(',').map((name) => name.trim());
  const all = names.includes('*') || names.includes('**');
  const item = Object.fromEntries(Object.entries(entry.attributes).filter(([name]) => all || names.includes(name)));
  return jsonResponse(200, { Item: item });
};

export const V3IO_FUNCTIONS: Readonly<Record<string, V3ioFunction>> = {
  PutItem: putItem,
  GetItem: getItem,
};

/** Runs the named function; an unknown name is a 400. */
export function callFunction(name: string, call: FunctionCall): ReferenceResponse {
  const fn = Object.hasOwn(V3IO_FUNCTIONS, name) ? V3IO_FUNCTIONS[name] : undefined;
  return fn ? fn(call) : errorResponse(400);
}
