/**
 * The raw-socket exchange: whatever a server does is a result — an answer (in pieces, or sent
 * while the request is still being written), a close, a reset, garbage, silence, no listener —
 * and TLS honours the extra CA and --insecure as the newman run does.
 */
import { expect } from 'chai';
import type net from 'node:net';
import { generateSelfSignedIdentity } from '../../src/reference/tls-identity.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { exchangeBytes, hostOf, type WireOutcome } from '../../src/wire/socket-exchange.js';
import { startRawServer } from '../support/misbehaving-targets.js';

const REQUEST = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1');

/** A TCP server whose every connection is handled by `onConnection`; resolves with its base URL. */

async function against(onConnection: (socket: net.Socket) => void, request = REQUEST, timeoutMs = 2_000): Promise<WireOutcome> {
  const server = await startRawServer(onConnection);
  try {
    return await exchangeBytes({ baseUrl: server.url, timeoutMs }, request);
  } finally {
    await server.close();
  }
}

/** Calls `answer` once the whole request head has arrived. */
function afterHead(answer: (socket: net.Socket) => void): (socket: net.Socket) => void {
  return (socket) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) answer(socket);
    });
  };
}

describe('wire socket exchange', function () {
  this.timeout(20_000);

  it('reads a response that arrives in pieces', async () => {
    const outcome = await against(
      afterHead((socket) => {
        const parts = ['HTTP/1.1 40', '1 Unauthorized\r\nContent-', 'Length: 2\r\n\r\n', 'no'];
        parts.forEach((part, i) => setTimeout(() => socket.write(part), i * 30));
      }),
    );
    expect(outcome.kind).to.equal('response');
    if (outcome.kind === 'response') {
      expect(outcome.response.status).to.equal(401);
      expect(outcome.response.body.toString()).to.equal('no');
    }
  });

  describe('requests one after the other on one connection (connection-reuse cases)', () => {
    const TWO = [Buffer.from('GET /a HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'), Buffer.from('GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1')];
    const first = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst';

    async function pipelined(onConnection: (socket: net.Socket) => void): Promise<WireOutcome> {
      const server = await startRawServer(onConnection);
      try {
        return await exchangeBytes({ baseUrl: server.url, timeoutMs: 2_000 }, TWO);
      } finally {
        await server.close();
      }
    }

    it('sends the second request once the first is answered, passes over that answer and judges the second, in one packet or in pieces', async () => {
      for (const split of [false, true]) {
        let answered = false;
        const outcome = await pipelined(
          afterHead((socket) => {
            // Both answers at once, after the first head (the second request arrives on the same socket later).
            if (answered) return;
            answered = true;
            const second = 'HTTP/1.1 401 Unauthorized\r\nContent-Length: 6\r\n\r\nsecond';
            if (split) {
              socket.write(first.slice(0, 20));
              setTimeout(() => socket.write(first.slice(20) + second.slice(0, 10)), 30);
              setTimeout(() => socket.end(second.slice(10)), 60);
            } else socket.end(first + second);
          }),
        );
        expect(outcome.kind, `split: ${String(split)}`).to.equal('response');
        if (outcome.kind === 'response') {
          expect(outcome.response.status).to.equal(401);
          expect(outcome.response.body.toString()).to.equal('second');
        }
      }
    });

    it('is not reused when the server ends the connection after the first answer (its FIN, or a reset)', async () => {
      const outcome = await pipelined(afterHead((socket) => socket.end(first)));
      expect(outcome).to.deep.equal({ kind: 'not-reused', reason: 'the server ended the connection after answering request 1 of 2, before a byte of the next answer' });
      let answered = false;
      const reset = await pipelined(
        afterHead((socket) => {
          if (answered) return;
          answered = true;
          socket.write(first, () => setTimeout(() => socket.resetAndDestroy(), 20));
        }),
      );
      expect(reset.kind).to.equal('not-reused');
    });

    it('sends nothing more once the first answer says Connection: close, and is not reused', async () => {
      const heads: string[] = [];
      const outcome = await pipelined((socket) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          heads.push(...text.split('\r\n\r\n').slice(0, -1));
          text = text.slice(text.lastIndexOf('\r\n\r\n') + 4 || 0);
          // As lighttpd and werkzeug answer a 401; the socket stays open a while.
          socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno');
          setTimeout(() => socket.end(), 200);
        });
      });
      expect(outcome).to.deep.equal({ kind: 'not-reused', reason: 'the answer to request 1 of 2 on the connection (401) closed it (Connection: close)' });
      expect(heads.map((h) => h.split('\r\n')[0])).to.deep.equal(['GET /a HTTP/1.1']);
    });

    it('judges a second response on a real keep-alive server', async () => {
      const server = await startReferenceServer({ port: 0, errorLog: () => {} });
      try {
        const host = hostOf(server.url);
        const bytes = [
          Buffer.from(`GET /bigdata/ HTTP/1.1\r\nHost: ${host}\r\nX-v3io-session-key: e8bd4ca2-537b-4175-bf01-8c74963e90bf\r\n\r\n`, 'latin1'),
          Buffer.from(`GET /bigdata/ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 'latin1'),
        ];
        const outcome = await exchangeBytes({ baseUrl: server.url, timeoutMs: 5_000 }, bytes);
        expect(outcome.kind).to.equal('response');
        if (outcome.kind === 'response') expect(outcome.response.status).to.equal(401);
      } finally {
        await server.close();
      }
    });
  });

  it('sends the bytes exactly as given', async () => {
    const request = Buffer.concat([Buffer.from('GET / HTTP/1.1\r\nX-A: a', 'latin1'), Buffer.from([0x00, 0x0d, 0xe9, 0xa0]), Buffer.from('\r\n\r\n', 'latin1')]);
    let received = Buffer.alloc(0);
    await against((socket) => {
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= request.length) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      });
    }, request);
    expect(received.equals(request)).to.equal(true);
  });

  it('reports a connection closed before any response byte', async () => {
    expect(await against(afterHead((socket) => socket.end()))).to.deep.equal({ kind: 'closed' });
  });

  it('reports a reset connection', async () => {
    const outcome = await against(afterHead((socket) => socket.resetAndDestroy()));
    expect(outcome).to.deep.equal({ kind: 'reset', code: 'ECONNRESET' });
  });

  it('reports bytes that are not an HTTP response as malformed', async () => {
    const outcome = await against(afterHead((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')));
    expect(outcome.kind).to.equal('malformed');
  });

  it('reports silence as a timeout', async () => {
    const outcome = await against(() => undefined, REQUEST, 300);
    expect(outcome).to.deep.equal({ kind: 'timeout', receivedBytes: 0 });
  });

  it('keeps an answer sent (then closed) while the request was still being written', async () => {
    const huge = Buffer.concat([Buffer.from('GET / HTTP/1.1\r\nX-Padding: ', 'latin1'), Buffer.alloc(8 * 1024 * 1024, 0x61), Buffer.from('\r\n\r\n', 'latin1')]);
    const outcome = await against((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        setTimeout(() => socket.destroy(), 50);
      });
    }, huge, 5_000);
    expect(outcome.kind === 'response' ? outcome.response.status : outcome).to.equal(431);
  });

  it('reports a port nobody listens on as a failed connection', async () => {
    const server = await startRawServer(() => undefined);
    await server.close();
    expect(await exchangeBytes({ baseUrl: server.url, timeoutMs: 2_000 }, REQUEST)).to.deep.equal({ kind: 'connect-failed', code: 'ECONNREFUSED' });
  });

  it('writes Host as the URL\'s authority', () => {
    expect(hostOf('http://127.0.0.1:8081')).to.equal('127.0.0.1:8081');
    expect(hostOf('https://webapi.example.com')).to.equal('webapi.example.com');
    expect(hostOf('http://[::1]:9000/')).to.equal('[::1]:9000');
  });

  describe('over TLS', () => {
    it('trusts an extra CA, refuses an unknown certificate, and skips verification when told to', async () => {
      const tls = await generateSelfSignedIdentity();
      const server = await startReferenceServer({ port: 0, tls });
      try {
        const request = Buffer.from(`GET / HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\nConnection: close\r\n\r\n`, 'latin1');
        const trusted = await exchangeBytes({ baseUrl: server.url, timeoutMs: 5_000, ca: [tls.cert] }, request);
        expect(trusted.kind === 'response' && trusted.response.status).to.equal(401);
        const unknown = await exchangeBytes({ baseUrl: server.url, timeoutMs: 5_000 }, request);
        expect(unknown.kind).to.equal('connect-failed');
        const insecure = await exchangeBytes({ baseUrl: server.url, timeoutMs: 5_000, insecure: true }, request);
        expect(insecure.kind === 'response' && insecure.response.status).to.equal(401);
      } finally {
        await server.close();
      }
    });
  });
});
