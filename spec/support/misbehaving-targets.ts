/**
 * Targets that fail the run itself rather than the authentication: a socket that never answers,
 * and the reference behind a server that leaves chosen requests unanswered.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createReference, type Reference } from '../../src/reference/handler.js';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A TCP server on a free loopback port; `close()` also ends the connections still open. */
export async function startRawServer(onConnection: (socket: Socket) => void = () => {}): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
