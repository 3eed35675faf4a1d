/**
 * The reference over a real socket (node:http, or node:https with a certificate), for `serve` and
 * for targets that need a port. Node's parser answers framing errors (400) before `handle` is
 * called. Its header limit is raised to `PARSER_MAX_HEADER_SIZE` so that a 64 KiB credential is
 * read whole and answered 431 by the reference, on a connection that stays usable, instead of a
 * reset. Bodies over `MAX_OBJECT_SIZE` (or `maxBodySize`) are answered 413 before authentication,
 * as nginx's `client_max_body_size` does: the limit is all such an answer tells.
 *
 * No response carries Strict-Transport-Security, not even over HTTPS (where RFC 6797 allows it):
 * HSTS binds a host name for every port, so a browser that met the emulator on `localhost` would
 * then refuse plain HTTP to every other development server on `localhost` for the max-age.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { observeAuthentication } from './auth-observer.js';
import { answerClientError, answerConnect } from './client-error.js';
import { createReference, type Reference, type ReferenceOptions } from './handler.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './listen-defaults.js';
import { MAX_OBJECT_SIZE, MAX_OBJECT_SIZE_OPTION, PARSER_MAX_HEADER_SIZE } from './limits.js';
import { declaresTooLarge, hasNoBody, readBody } from './request-body.js';
import { formatRequestLogLine, loggableTarget, type LogSink } from './request-log.js';
import { errorResponse, respond, type ReferenceResponse } from './responses.js';
import type { TlsIdentity } from './tls-identity.js';

export interface ReferenceServerOptions {
  /** Default 8081; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** A reference built by the caller; the request log then cannot name identities. */
  readonly reference?: Reference;
  /** How to build the reference when `reference` is not given (identities, container). */
  readonly referenceOptions?: ReferenceOptions;
  /** Serve HTTPS (TLS 1.2 or later) with this certificate and key. */
  readonly tls?: TlsIdentity;
  /** With `tls`: require a client certificate issued by this CA (PEM), as mutual-TLS deployments do. */
  readonly clientCa?: string;
  /** Where the request log goes, one line per request; default: nowhere. */
  readonly requestLog?: LogSink;
  /** Where unexpected failures are reported, one line each without request data; default: stderr. */
  readonly errorLog?: LogSink;
  /** Body size over which requests are answered 413. Default `MAX_OBJECT_SIZE` (1 GiB). */
  readonly maxBodySize?: number;
  /** How long `close()` lets open requests finish before it ends their connections. Default 10 s. */
  readonly shutdownGraceMs?: number;
}

export interface ReferenceServer {
  /** `http(s)://<host>:<port>`, without a trailing slash. */
  readonly url: string;
  /**
   * Stops accepting connections, closes idle keep-alive connections, lets the requests in flight
   * finish (their responses say `Connection: close`), and resolves once every connection is closed.
   * Connections still open after the grace period are ended.
   */
  close(): Promise<void>;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** After a 413 the rest of the body is discarded for at most this long, so the client can read the answer. */
const DISCARD_AFTER_413_MS = 2_000;

/** Everything a request needs from its server. */
interface ServingContext {
  readonly reference: Reference;
  /** The identity the last `handle` authenticated. */
  readonly takeIdentity: () => string | undefined;
  readonly maxBodySize: number;
  readonly requestLog: LogSink | undefined;
  readonly errorLog: LogSink;
  readonly isClosing: () => boolean;
}

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const observer = observeAuthentication(options.referenceOptions?.authenticate);
  const reference = options.reference ?? createReference({ ...options.referenceOptions, authenticate: observer.authenticate });
  let closing = false;
  const context: ServingContext = {
    reference,
    takeIdentity: observer.take,
    maxBodySize: options.maxBodySize ?? MAX_OBJECT_SIZE,
    requestLog: options.requestLog,
    errorLog: options.errorLog ?? ((line) => process.stderr.write(`${line}\n`)),
    isClosing: () => closing,
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => serve(context, req, res);
  const server: Server = options.tls
    ? createHttpsServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          minVersion: 'TLSv1.2',
          maxHeaderSize: PARSER_MAX_HEADER_SIZE,
          ...(options.clientCa ? { requestCert: true, rejectUnauthorized: true, ca: options.clientCa } : {}),
        },
        listener,
      )
    : createHttpServer({ maxHeaderSize: PARSER_MAX_HEADER_SIZE }, listener);
  // What the HTTP parser rejects (header framing, an over-long header section) gets a V3IO error body too.
  server.on('clientError', answerClientError);
  server.on('connect', answerConnect);
  // `Expect: 100-continue` with a body over the limit: 413 at once instead of inviting the upload.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!declaresTooLarge(req, context.maxBodySize)) res.writeContinue();
    listener(req, res);
  });
  // Every socket, TLS ones still in their handshake included, which Node's HTTP bookkeeping does not see yet.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closed: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    // Idempotent: a second call (SIGINT then SIGTERM) waits for the same close.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        closing = true;
        const grace = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
        grace.unref();
        server.close((error) => {
          clearTimeout(grace);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      })),
  };
}

/** The request-log fields known only once the reference has answered. */
interface LogEntry {
  identity: string | undefined;
}

/** Shared by every request without a body: the reference copies what it keeps. */
const EMPTY_BODY = Buffer.alloc(0);

function serve(context: ServingContext, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? '';
  const target = req.url ?? '/';
  const entry = context.requestLog ? logWhenDone(context.requestLog, res, method, target) : undefined;
  // Most requests (GET, HEAD, DELETE) have no body: answered at once, without waiting for its end.
  if (hasNoBody(req)) {
    answer(context, req, res, method, target, EMPTY_BODY, entry);
    return;
  }
  void readBody(req, context.maxBodySize).then((body) => {
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      send(context, req, res, payloadTooLarge(context.maxBodySize), method, target);
      discardRestOfBody(req);
      return;
    }
    answer(context, req, res, method, target, body.body, entry);
  });
}

/** Writes one log line when the response is done (or abandoned). */
function logWhenDone(log: LogSink, res: ServerResponse, method: string, target: string): LogEntry {
  const started = performance.now();
  const time = new Date();
  const entry: LogEntry = { identity: undefined };
  res.once('close', () => {
    const durationMs = performance.now() - started;
    const status = res.headersSent ? res.statusCode : undefined;
    log(formatRequestLogLine({ time, method, target, identity: entry.identity, status, durationMs, aborted: !res.writableFinished }));
  });
  return entry;
}

function answer(context: ServingContext, req: IncomingMessage, res: ServerResponse, method: string, target: string, body: Buffer, entry: LogEntry | undefined): void {
  let response: ReferenceResponse;
  try {
    // rawHeaders, not headers: Node's `req.headers` keeps one of two `Authorization` lines.
    response = context.reference.handle({ method, url: target, rawHeaders: req.rawHeaders, body });
  } catch (error) {
    context.errorLog(failureLine('the reference failed', error, method, target));
    response = errorResponse(500);
  }
  // Taken even when `handle` threw, so that no decision is left for the next request.
  const identity = context.takeIdentity();
  if (entry) entry.identity = identity;
  send(context, req, res, response, method, target);
}

/** Writes the response; a response Node refuses to write (an invalid header) becomes a 500, then a reset. */
function send(context: ServingContext, req: IncomingMessage, res: ServerResponse, response: ReferenceResponse, method: string, target: string): void {
  try {
    // While closing, every response ends its connection, so that shutdown does not wait for keep-alive clients.
    const headers = context.isClosing() ? { ...response.headers, Connection: 'close' } : response.headers;
    res.writeHead(response.status, headers);
    // Node sends no body for HEAD and keeps the Content-Length given.
    res.end(response.body);
  } catch (error) {
    context.errorLog(failureLine('cannot write the response', error, method, target));
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const fallback = errorResponse(500);
    res.writeHead(fallback.status, { ...fallback.headers, Connection: 'close' });
    res.end(fallback.body);
  }
}

/**
 * One line for an unexpected failure: the error's class and code and the logged target, never its
 * message, which can quote request data (a JSON parser's snippet of the body, a header value).
 */
function failureLine(what: string, error: unknown, method: string, target: string): string {
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | undefined)?.code;
  return `${new Date().toISOString()} ${what} on ${method} ${loggableTarget(target)}: ${kind}${typeof code === 'string' ? ` ${code}` : ''}`;
}

/** 413 with a V3IO error body (EFBIG) that says what the limit is and which option raises it. */
function payloadTooLarge(limit: number): ReferenceResponse {
  const message = `File too large: the body is over ${limit} bytes (serve ${MAX_OBJECT_SIZE_OPTION})`;
  const body = Buffer.from(JSON.stringify({ ErrorCode: -27, ErrorMessage: message }), 'utf8');
  return respond(413, { 'Content-Type': 'application/json' }, body);
}

/**
 * After a 413 the body keeps arriving. It is read and dropped, so that the client sees the answer
 * rather than a reset and the connection can carry the next request; a body that does not end in
 * time has its connection closed.
 */
function discardRestOfBody(req: IncomingMessage): void {
  if (req.complete) return;
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_AFTER_413_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}
