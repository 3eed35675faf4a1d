/**
 * The NoSQL item functions PutItem, GetItem and UpdateItem (v3io-web-api.md, "NoSQL"). As in
 * V3IO, an item is an entry like an object, with attributes; its name is the last segment of its
 * path, readable as the system attribute `__name`, its body's size as `__size`, its modification
 * time as `__mtime_secs` and `__mtime_nsecs`.
 */
import { parseAttributes } from './attributes.js';
import { failure } from './failures.js';
import { parseFilter, matches } from './filter-expression.js';
import { ExpressionError } from './expression-lexer.js';
import type { V3ioFunction } from './function-call.js';
import { itemAddress } from './item-address.js';
import { optionalString, requestObject, type JsonObject } from './json-body.js';
import { jsonResponse, respond } from './responses.js';
import type { AttributeValue, Attributes, Store, StoredEntry } from './store.js';
import { applyUpdate, parseUpdate } from './update-expression.js';

/**
 * The modification time as V3IO reports it after a write; v3io-go's PutItem and UpdateItem fail
 * to parse a response without `X-v3io-transaction-verifier`.
 */
export function modificationHeaders(time: Date): Record<string, string> {
  const milliseconds = time.getTime();
  const seconds = Math.floor(milliseconds / 1000);
  const nanoseconds = (milliseconds % 1000) * 1_000_000;
  return {
    'Last-Modified': time.toUTCString(),
    'X-v3io-transaction-verifier': `__mtime_secs==${seconds} and __mtime_nsecs==${nanoseconds}`,
  };
}

/** The system attributes the reference keeps, by name (v3io-py's tests read `__size`). */
function systemAttributes(path: string, entry: StoredEntry): Record<string, AttributeValue> {
  const milliseconds = entry.lastModified.getTime();
  return {
    __name: { S: path.slice(path.lastIndexOf('/') + 1) },
    __size: { N: String(entry.body.length) },
    __mtime_secs: { N: String(Math.floor(milliseconds / 1000)) },
    __mtime_nsecs: { N: String((milliseconds % 1000) * 1_000_000) },
  };
}

/**
 * The attributes `AttributesToGet` asks for: a comma-separated list of names, `*` for every user
 * attribute, `**` for those and the system attributes (which a list may also name).
 */
export function selectAttributes(wanted: string, path: string, entry: StoredEntry): Record<string, AttributeValue> {
  const names = wanted.split(',').map((name) => name.trim());
  const allUser = names.includes('*') || names.includes('**');
  const selected: Record<string, AttributeValue> = Object.fromEntries(Object.entries(entry.attributes).filter(([name]) => allUser || names.includes(name)));
  for (const [name, value] of Object.entries(systemAttributes(path, entry))) {
    if (names.includes('**') || names.includes(name)) selected[name] = value;
  }
  return selected;
}

/** Stores the item's attributes, keeping an object body the entry may have. */
function writeItem(store: Store, container: string, path: string, existing: StoredEntry | undefined, attributes: Attributes): Date {
  const lastModified = new Date();
  store.put(container, path, {
    body: existing?.body ?? Buffer.alloc(0),
    contentType: existing?.contentType ?? 'application/octet-stream',
    attributes,
    lastModified,
  });
  return lastModified;
}

/**
 * Parses and checks a condition against the item; V3IO answers a false condition with a 400 even
 * though nothing went wrong (documented for PutItem and UpdateItem).
 */
function checkCondition(condition: string | undefined, attributes: Attributes): void {
  if (condition === undefined || condition.trim() === '') return;
  let holds: boolean;
  try {
    holds = matches(parseFilter(condition), attributes);
  } catch (error) {
    if (error instanceof ExpressionError) throw failure(400);
    throw error;
  }
  if (!holds) throw failure(400);
}

/**
 * PutItem's `UpdateMode`: absent, the item's attributes are replaced; `CreateOrReplaceAttributes`
 * (what v3io-py's `kv.update(attributes=...)` sends) merges them into the item's. Another mode is
 * not offered by the reference: 400, as for any invalid argument.
 */
function mergesAttributes(request: JsonObject): boolean {
  const mode = optionalString(request, 'UpdateMode');
  if (mode === undefined) return false;
  if (mode === 'CreateOrReplaceAttributes') return true;
  throw failure(400);
}

/** PutItem `{Key?, Item, ConditionExpression?, UpdateMode?}`: replaces (or merges) the item's attributes; 200, empty body. */
const putItem: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const address = itemAddress(target, request);
  const item = parseAttributes(request['Item']);
  if (!item) throw failure(400);
  const merge = mergesAttributes(request);
  const existing = store.get(container, address.path);
  checkCondition(optionalString(request, 'ConditionExpression'), existing?.attributes ?? {});
  const kept = merge ? (existing?.attributes ?? {}) : {};
  const time = writeItem(store, container, address.path, existing, { ...kept, ...address.keyAttributes, ...item });
  return respond(200, modificationHeaders(time));
};

/** GetItem `{Key?, AttributesToGet?}`: `{"Item": {...}}` with the attributes asked for (default `*`). */
const getItem: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const address = itemAddress(target, request);
  const wanted = optionalString(request, 'AttributesToGet') ?? '*';
  const entry = store.get(container, address.path);
  if (!entry) throw failure(404);
  return jsonResponse(200, { Item: selectAttributes(wanted, address.path, entry) }, { 'Last-Modified': entry.lastModified.toUTCString() });
};

/**
 * UpdateItem `{Key?, UpdateExpression, ConditionExpression?, AlternateUpdateExpression?}`: applies
 * the expression (the alternate one when the condition is false, if there is one), creating the
 * item if needed; 200, empty body.
 */
const updateItem: V3ioFunction = ({ store, container, target, body }) => {
  const request = requestObject(body);
  const address = itemAddress(target, request);
  const expression = optionalString(request, 'UpdateExpression');
  const alternate = optionalString(request, 'AlternateUpdateExpression');
  const condition = optionalString(request, 'ConditionExpression');
  if (expression === undefined) throw failure(400);
  const existing = store.get(container, address.path);
  const before = existing?.attributes ?? address.keyAttributes;
  try {
    const holds = condition === undefined || condition.trim() === '' || matches(parseFilter(condition), before);
    if (!holds && alternate === undefined) throw failure(400);
    const after = applyUpdate(parseUpdate(holds ? expression : alternate!), before);
    const time = writeItem(store, container, address.path, existing, { ...after, ...address.keyAttributes });
    return respond(200, modificationHeaders(time));
  } catch (error) {
    if (error instanceof ExpressionError) throw failure(400);
    throw error;
  }
};

export const NOSQL_ITEM_FUNCTIONS: Readonly<Record<string, V3ioFunction>> = {
  PutItem: putItem,
  GetItem: getItem,
  UpdateItem: updateItem,
};
