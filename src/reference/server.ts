/**
 * The reference over a real socket (node:http), for `serve` and for targets that need a port.
 * Node's parser answers framing errors (400) before `handle` is called. Its header limit is raised
 * to `PARSER_MAX_HEADER_SIZE` so that a 64 KiB credential is read whole and answered 431 by the
 * reference, on a connection that stays usable, instead of a reset.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReference, type Reference } from './handler.js';
import { PARSER_MAX_HEADER_SIZE } from './limits.js';
import { errorResponse, type ReferenceResponse } from './responses.js';

export interface ReferenceServerOptions {
  /** Default 8081; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default: a fresh `createReference()`. */
  readonly reference?: Reference;
}

export interface ReferenceServer {
  /** `http://<host>:<port>`, without a trailing slash. */
  readonly url: string;
  /** Stops listening and closes idle keep-alive connections; resolves once the open requests are answered. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8081;
export const DEFAULT_HOST = '127.0.0.1';

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const reference = options.reference ?? createReference();
  const server = createServer({ maxHeaderSize: PARSER_MAX_HEADER_SIZE }, (req, res) => void serve(reference, req, res));
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
    url: `http://${host}:${port}`,
    // Idempotent: a second call (SIGINT then SIGTERM) waits for the same close.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      })),
  };
}

async function serve(reference: Reference, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: ReferenceResponse;
  try {
    const body = await readBody(req);
    // rawHeaders, not headers: Node's `req.headers` keeps one of two `Authorization` lines.
    response = reference.handle({ method: req.method ?? '', url: req.url ?? '/', rawHeaders: req.rawHeaders, body });
  } catch {
    if (req.destroyed) return;
    response = errorResponse(400);
  }
  res.writeHead(response.status, response.headers);
  // Node sends no body for HEAD and keeps the Content-Length given.
  res.end(response.body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
