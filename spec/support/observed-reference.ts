/**
 * The reference served on a free loopback port, with every request's authentication recorded as
 * the server saw it (its header lines and the decision), for tests that drive the reference with
 * third-party clients and must show what those clients really sent.
 *
 * Other spec files of the mocha process import nock, and importing nock makes it intercept every
 * node:http request of the process, passing through those it has no interceptor for. Clients
 * built on node:http (the S3 SDKs, minio) must reach the socket themselves, so `suspendNock`
 * takes nock out of the way for the duration of a suite and puts it back as it found it.
 */
import { createRequire } from 'node:module';
import type Nock from 'nock';
import { authenticate, type AuthDecision } from '../../src/reference/auth.js';
import { headerValues } from '../../src/reference/header-lines.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';

/** One request's authentication, as the reference saw it. */
export interface ObservedRequest {
  readonly method: string;
  /** Origin-form target, query included. */
  readonly url: string;
  readonly rawHeaders: readonly string[];
  readonly decision: AuthDecision;
}

export interface ObservedReference {
  readonly server: ReferenceServer;
  readonly url: string;
  readonly port: number;
  /** Every request the reference authenticated (or rejected), in order of arrival. */
  readonly requests: readonly ObservedRequest[];
  close(): Promise<void>;
}

/** The value of one header line of an observed request (`undefined` without one). */
export function observedHeader(request: ObservedRequest, name: string): string | undefined {
  return headerValues(request.rawHeaders, name)[0];
}

export async function startObservedReference(): Promise<ObservedReference> {
  const requests: ObservedRequest[] = [];
  const server = await startReferenceServer({
    port: 0,
    referenceOptions: {
      authenticate: (request, directory) => {
        const decision = authenticate(request, directory);
        requests.push({ method: request.method, url: request.url, rawHeaders: [...request.rawHeaders], decision });
        return decision;
      },
    },
  });
  return { server, url: server.url, port: Number(new URL(server.url).port), requests, close: () => server.close() };
}

const require = createRequire(import.meta.url);

/** Deactivates nock if another spec file has loaded and activated it; the function returned reactivates it. */
export function suspendNock(): () => void {
  if (!(require.resolve('nock') in require.cache)) return () => undefined;
  const nock = require('nock') as typeof Nock;
  if (!nock.isActive()) return () => undefined;
  nock.restore();
  return () => {
    if (!nock.isActive()) nock.activate();
  };
}
