/** Test servers on a free loopback port, closed with the connections they still hold. */
import type { AddressInfo, Server, Socket } from 'node:net';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts `server` (a net or http server) on 127.0.0.1 at a free port. `close()` destroys the
 * connections still open, then stops listening, so that a test never waits on a client's keep-alive.
 */
export async function listenOnLoopback(server: Server): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        // A server that already stopped listening (a test closed it to play dead) is closed.
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
