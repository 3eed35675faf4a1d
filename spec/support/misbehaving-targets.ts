/**
 * Targets that fail the run itself rather than the authentication: a socket that never answers,
 * and the reference behind a server that leaves chosen requests unanswered.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { listenOnLoopback, type TestServer } from './loopback.js';
import { createReference, type Reference } from '../../src/reference/handler.js';

export type { TestServer };

/** A TCP server on a free loopback port; `close()` also ends the connections still open. */
export function startRawServer(onConnection: (socket: Socket) => void = () => {}): Promise<TestServer> {
  return listenOnLoopback(
    createNetServer((socket) => {
      socket.on('error', () => {});
      onConnection(socket);
    }),
  );
}

/** Accepts TCP connections and never sends a byte. */
export function startSilentServer(): Promise<TestServer> {
  return startRawServer();
}

/** The reference over HTTP, except that requests `hangs` picks get no answer at all. */
export async function startHangingServer(hangs: (request: IncomingMessage) => boolean, reference: Reference = createReference()): Promise<TestServer> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (hangs(req)) return;
      const response = reference.handle({ method: req.method ?? 'GET', url: req.url ?? '/', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    });
  });
  return listenOnLoopback(server);
}
