/**
 * The embedded mode: the reference answers in-process, through nock, every request to one origin,
 * so that newman runs the suite without a port. Nothing else may leave the process meanwhile.
 *
 * nock is loaded on the first install, not when this module is imported: once loaded, nock
 * intercepts every node:http request of the process, even those it lets through, and its
 * interceptor hangs on header sections over 16 KiB; a run against a real target must not pay for
 * that. `restore()` deactivates nock again unless it was active before.
 *
 * Two workarounds make nock hand requests on as sent: `embedded-capture.ts` (duplicate header
 * lines, exact body bytes) and `embedded-header-limit.ts` (header sections over 16 KiB).
 */
import { createRequire } from 'node:module';
import { METHODS } from 'node:http';
import type Nock from 'nock';
import { captureRequests } from './embedded-capture.js';
import { raiseInterceptorHeaderLimit } from './embedded-header-limit.js';
import { flattenHeaderLines } from './header-lines.js';
import { createReference, type Reference } from './handler.js';

export interface EmbeddedReference {
  /** Removes the interception and allows network connections again. */
  restore(): void;
}

const require = createRequire(import.meta.url);

/** nock, and whether it was intercepting before this call (loading it activates it). */
function loadNock(): { readonly nock: typeof Nock; readonly wasActive: boolean } {
  const loadedBefore = require.resolve('nock') in require.cache;
  const nock = require('nock') as typeof Nock;
  return { nock, wasActive: loadedBefore && nock.isActive() };
}

export function installEmbeddedReference(baseUrl: string, reference: Reference = createReference()): EmbeddedReference {
  const origin = new URL(baseUrl).origin;
  const { nock, wasActive } = loadNock();
  if (!nock.isActive()) nock.activate();
  const capture = captureRequests(origin);
  const restoreHeaderLimit = raiseInterceptorHeaderLimit();
  // allowUnmocked: once restore() has removed the interceptors, the origin is passed through as
  // before instead of failing with "No match" (nock keeps an origin it has seen). While installed,
  // every method and path matches, so nothing is passed through.
  const scope = nock(origin, { allowUnmocked: true }).persist();
  // nock matches one method per interceptor: one for each method Node's HTTP parser knows.
  const interceptors = METHODS.map((method) => scope.intercept(() => true, method));
  for (const interceptor of interceptors) {
    interceptor.reply(function (uri, parsedBody) {
      const headers = this.req.headers;
      const captured = capture.take(headers[capture.tagHeader]);
      // Without a capture (a client nock knows and the capture does not): nock's joined view.
      const rawHeaders = captured?.rawHeaders ?? flattenHeaderLines(Object.entries(headers).filter(([name]) => name !== capture.tagHeader));
      const body = captured?.body ?? Buffer.from(typeof parsedBody === 'string' ? parsedBody : JSON.stringify(parsedBody));
      const response = reference.handle({ method: this.req.method, url: uri, rawHeaders, body });
      return [response.status, response.body, response.headers];
    });
  }
  nock.disableNetConnect();

  let restored = false;
  return {
    restore() {
      if (restored) return;
      restored = true;
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      capture.dispose();
      restoreHeaderLimit();
      nock.enableNetConnect();
      if (!wasActive) nock.restore();
    },
  };
}
