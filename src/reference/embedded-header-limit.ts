/**
 * Lets header sections over 16 KiB (up to `PARSER_MAX_HEADER_SIZE`) through nock's interceptor, so
 * that the reference can answer them 431 itself (auth.ts).
 *
 * Why: the interceptor under nock (@mswjs/interceptors) reads each node:http request with Node's
 * HTTP parser, initialised without a header limit, so Node's default limit (16 KiB, or
 * `--max-http-header-size`) applies. Over it the parser fails, the interceptor ignores the failure,
 * and the request hangs until the client gives up: a 64 KiB credential would time out instead of
 * being rejected. Node's own servers and clients pass the limit explicitly (0 for the default), so
 * only initialisations without it get the larger limit here.
 */
import { createRequire } from 'node:module';
import { PARSER_MAX_HEADER_SIZE } from './limits.js';

type Initialize = (this: unknown, ...args: unknown[]) => unknown;

interface ParserPrototype {
  initialize: Initialize;
}

function parserPrototype(): ParserPrototype | undefined {
  const common: unknown = createRequire(import.meta.url)('_http_common');
  const parser: unknown = typeof common === 'object' && common !== null ? Reflect.get(common, 'HTTPParser') : undefined;
  const prototype: unknown = typeof parser === 'function' ? parser.prototype : undefined;
  return typeof prototype === 'object' && prototype !== null && typeof Reflect.get(prototype, 'initialize') === 'function'
    ? (prototype as ParserPrototype)
    : undefined;
}

/** Raises the limit of parsers initialised without one; returns the function that undoes it. */
export function raiseInterceptorHeaderLimit(limit: number = PARSER_MAX_HEADER_SIZE): () => void {
  const prototype = parserPrototype();
  if (!prototype) return () => {};
  const original = prototype.initialize;
  const raised: Initialize = function (this: unknown, ...args: unknown[]) {
    // initialize(type, resource, maxHeaderSize, ...): only a missing maxHeaderSize is raised.
    if (args.length === 2) args.push(limit);
    return original.apply(this, args);
  };
  prototype.initialize = raised;
  return () => {
    // Undone only if nobody wrapped it since; otherwise their wrapper keeps calling ours, harmlessly.
    if (prototype.initialize === raised) prototype.initialize = original;
  };
}
