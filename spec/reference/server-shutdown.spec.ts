/**
 * `close()` is a graceful shutdown: no new connections, idle keep-alive connections closed at once,
 * requests in flight finished (an upload still streaming included), stalled ones cut after the grace.
 */
import { expect } from 'chai';
import { connect } from 'node:net';
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../src/reference/server.js';
import { MAIN } from './helpers.js';
import { RawConnection } from './http-client.js';

const SESSION_KEY = `X-v3io-session-key: ${MAIN.accessKey}`;
const BODY = Buffer.alloc(256 * 1024, 0x62);

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('reference server shutdown', () => {
  let server: ReferenceServer;
  let port: number;
  const connections: RawConnection[] = [];

  async function start(options: ReferenceServerOptions = {}): Promise<void> {
    server = await startReferenceServer({ port: 0, ...options });
    port = Number(new URL(server.url).port);
  }
  async function open(): Promise<RawConnection> {
    const connection = await RawConnection.open(port);
    connections.push(connection);
    return connection;
  }
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close();
    await server.close();
  });

  it('finishes an upload that is still streaming, refuses new connections meanwhile, then closes', async () => {
    await start();
    const uploading = await open();
    const idle = await open();
    expect((await idle.exchange('GET', '/bigdata/', [SESSION_KEY])).status).to.equal(200);

    uploading.write(`PUT /bigdata/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_KEY}\r\nContent-Length: ${BODY.length}\r\n\r\n`);
    uploading.write(BODY.subarray(0, BODY.length / 2));
    await pause(50);
    let closedAt = 0;
    const closing = server.close().then(() => (closedAt = Date.now()));
    await idle.closed;
    expect(await refused(port)).to.equal(true);
    await pause(100);
    expect(closedAt, 'close() waits for the upload').to.equal(0);

    uploading.write(BODY.subarray(BODY.length / 2));
    const response = await uploading.read();
    expect(response.status).to.equal(200);
    expect(response.headers['connection']).to.equal('close');
    await uploading.closed;
    await closing;
    expect(closedAt).to.be.greaterThan(0);
  });

  it('ends a stalled request once the grace period is over', async () => {
    await start({ shutdownGraceMs: 200 });
    const stalled = await open();
    stalled.write(`PUT /bigdata/stalled HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_KEY}\r\nContent-Length: 100\r\n\r\nabc`);
    await pause(50);
    let cut = false;
    void stalled.closed.then(() => (cut = true));
    const closing = server.close();
    // A busy machine only delays the cut: still open well before the grace ends, closed after it.
    await pause(50);
    expect(cut, 'cut before the grace period is over').to.equal(false);
    await closing;
    await stalled.closed;
  });
});
