/**
 * The native engine's HTTP client: undici over a keep-alive pool per origin, of at most as many
 * connections as the run has cases in flight. Each request is sent with its header lines exactly
 * as given (in order, duplicates kept) and answered with the raw header lines and status text, the
 * way newman records them, or with a connection error code in newman's words (ETIMEDOUT,
 * ECONNRESET, ...).
 */
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import type { Pool as UndiciPool } from 'undici';
import { readCa, readPem } from '../preflight.js';
import type { ResponseRecord } from '../engine.js';
import type { ClientTls } from '../../tls-files.js';

/**
 * undici's Pool alone: its index also loads fetch, WebSocket, the cache and the mock agents,
 * about 40 ms of every run's start-up. The path is undici's own module (the package declares no
 * exports map); the native engine's tests fail if an upgrade moves it.
 *
 * Pools, not undici's Agent: the Agent closes an origin's pool whenever its count of open
 * connections reaches zero, and miscounts when a closing pool still connects, so that after one
 * `Connection: close` every request went out on a new connection (measured: 263 connections
 * instead of 2 in a run at concurrency 1).
 */
const Pool = createRequire(import.meta.url)('undici/lib/dispatcher/pool.js') as typeof UndiciPool;

export interface NativeClientOptions extends ClientTls {
  readonly timeoutMs: number;
  /**
   * Connections to an origin at most (the run's concurrency). Without a limit, undici opens a
   * second connection when the next request is dispatched before the first connection is free
   * again, and a server that serves one connection at a time (Apache `httpd -X`) holds it until
   * its keep-alive ends: 3 s each time.
   */
  readonly connections?: number;
}

export interface NativeRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
}

export type NativeAnswer =
  | { readonly response: ResponseRecord }
  | { readonly requestError: { readonly code: string; readonly message: string } };

export interface NativeClient {
  /** Sends on the pool; `timeoutMs` (default the client's) bounds the wait for the headers and between body chunks. */
  send(request: NativeRequest, timeoutMs?: number): Promise<NativeAnswer>;
  /** Sends on a new connection of its own, closed after the answer. */
  sendFresh(request: NativeRequest, timeoutMs: number): Promise<NativeAnswer>;
  close(): Promise<void>;
}

/** undici's own error codes in the words newman (Node's http) uses for the same event. */
function errorCode(failure: Error): string {
  const error = failure as Error & { code?: string; cause?: { code?: string } };
  switch (error.code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'ETIMEDOUT';
    case 'UND_ERR_SOCKET':
      return error.cause?.code ?? 'ECONNRESET';
    default:
      return error.code ?? error.cause?.code ?? 'ERROR';
  }
}

function headerPairs(raw: readonly Buffer[]): (readonly [string, string])[] {
  const pairs: (readonly [string, string])[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!.toString('latin1'), raw[i + 1]!.toString('latin1')]);
  return pairs;
}

export function createNativeClient(options: NativeClientOptions): NativeClient {
  const poolOptions: UndiciPool.Options = {
    ...(options.connections ? { connections: options.connections } : {}),
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: {
      timeout: options.timeoutMs,
      rejectUnauthorized: !options.insecure,
      ...(options.caFile ? { ca: [readCa(options.caFile)] } : {}),
      ...(options.certFile && options.keyFile ? { cert: readPem(options.certFile, 'client certificate'), key: readPem(options.keyFile, 'client key') } : {}),
    },
  };
  const pools = new Map<string, UndiciPool>();
  const poolOf = (origin: string): UndiciPool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, poolOptions);
      pools.set(origin, pool);
    }
    return pool;
  };
  const dispatch = (pool: (origin: string) => UndiciPool, request: NativeRequest, timeoutMs: number): Promise<NativeAnswer> =>
    new Promise<NativeAnswer>((resolve) => {
      const fail = (error: Error): void => resolve({ requestError: { code: errorCode(error), message: error.message } });
      let url: URL;
      try {
        url = new URL(request.url);
      } catch (error) {
        fail(error as Error);
        return;
      }
      let status = 0;
      let statusText = '';
      let headers: (readonly [string, string])[] = [];
      const chunks: Buffer[] = [];
      try {
        pool(url.origin).dispatch(
          {
            origin: url.origin,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            path: `${url.pathname}${url.search}`,
            method: request.method,
            headers: request.headers.flatMap(([name, value]) => [name, value]),
            ...(request.body ? { body: request.body } : {}),
          },
          {
            onConnect: () => undefined,
            onHeaders: (statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusMessage: string) => {
              status = statusCode;
              statusText = statusMessage || STATUS_CODES[statusCode] || '';
              headers = headerPairs(rawHeaders);
              return true;
            },
            onData: (chunk: Buffer) => {
              chunks.push(chunk);
              return true;
            },
            onComplete: () => resolve({ response: { status, statusText, headers, body: Buffer.concat(chunks) } }),
            onError: fail,
          } as never,
        );
      } catch (error) {
        fail(error as Error);
      }
    });
  const send = (request: NativeRequest, timeoutMs = options.timeoutMs): Promise<NativeAnswer> => dispatch(poolOf, request, timeoutMs);
  const sendFresh = async (request: NativeRequest, timeoutMs: number): Promise<NativeAnswer> => {
    let fresh: UndiciPool | undefined;
    try {
      return await dispatch((origin) => (fresh = new Pool(origin, { ...poolOptions, connections: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs })), request, timeoutMs);
    } finally {
      await fresh?.destroy().catch(() => undefined);
    }
  };
  return { send, sendFresh, close: async () => void (await Promise.all([...pools.values()].map((pool) => pool.close()))) };
}
