/**
 * The `X-v3io-function` operations on POST or PUT (the two behave the same), by name: one table,
 * filled by the module of each family, so that the handler never grows a switch.
 */
import { answeringFailures, failure } from './failures.js';
import type { FunctionCall, V3ioFunction } from './function-call.js';
import { NOSQL_SCAN_FUNCTIONS } from './get-items.js';
import { NOSQL_ITEM_FUNCTIONS } from './nosql.js';
import type { ReferenceResponse } from './responses.js';
import { STREAM_CONSUMPTION_FUNCTIONS } from './stream-consumption.js';
import { STREAM_MANAGEMENT_FUNCTIONS } from './streams.js';

export const V3IO_FUNCTIONS: Readonly<Record<string, V3ioFunction>> = {
  ...NOSQL_ITEM_FUNCTIONS,
  ...NOSQL_SCAN_FUNCTIONS,
  ...STREAM_MANAGEMENT_FUNCTIONS,
  ...STREAM_CONSUMPTION_FUNCTIONS,
};

/** Runs the named function (names are case-sensitive, as in V3IO); an unknown name is a 400. */
export function callFunction(name: string, call: FunctionCall): ReferenceResponse {
  return answeringFailures(() => {
    const fn = Object.hasOwn(V3IO_FUNCTIONS, name) ? V3IO_FUNCTIONS[name] : undefined;
    if (!fn) throw failure(400);
    return fn(call);
  });
}
