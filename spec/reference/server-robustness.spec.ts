/**
 * The served reference never falls over: bodies over the limit are 413, malformed JSON is 400, a
 * failing handler is a 500 logged without request data, a client that leaves mid-body changes
 * nothing; and the connection stays usable after each. Raw sockets: no interceptor in the way.
 */
import { expect } from 'chai';
import { connect } from 'node:net';
import type { Reference } from '../../src/reference/handler.js';
import { MAX_OBJECT_SIZE } from '../../src/reference/limits.js';
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../src/reference/server.js';
import { MAIN } from './helpers.js';
import { RawConnection, type RawResponse } from './http-client.js';

const SESSION_KEY = `X-v3io-session-key: ${MAIN.accessKey}`;

describe('reference server robustness (real socket)', () => {
  let server: ReferenceServer;
  let port: number;
  const connections: RawConnection[] = [];

  async function start(options: ReferenceServerOptions = {}): Promise<void> {
    server = await startReferenceServer({ port: 0, ...options });
    port = Number(new URL(server.url).port);
  }
  async function connection(): Promise<RawConnection> {
    const opened = await RawConnection.open(port);
    connections.push(opened);
    return opened;
  }
  function expectV3ioError(response: RawResponse, status: number): void {
    expect(response.status).to.equal(status);
    expect(response.headers['content-type']).to.equal('application/json');
    const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    expect(body['ErrorCode']).to.be.a('number');
    expect(body['ErrorMessage']).to.be.a('string');
  }

  afterEach(async () => {
    for (const opened of connections.splice(0)) opened.close();
    await server.close();
  });

  describe('body limit', () => {
    it('answers a body over the limit with 413 naming the limit and --max-object-size, stores nothing, and the connection stays usable', async () => {
      const limit = 64 * 1024;
      await start({ maxBodySize: limit });
      const link = await connection();
      const tooLarge = await link.exchange('PUT', '/bigdata/big', [SESSION_KEY], Buffer.alloc(limit + 1, 0x61));
      expectV3ioError(tooLarge, 413);
      expect((JSON.parse(tooLarge.body.toString('utf8')) as Record<string, unknown>)['ErrorMessage']).to.equal(
        `File too large: the body is over ${limit} bytes (serve --max-object-size)`,
      );
      expect((await link.exchange('GET', '/bigdata/big', [SESSION_KEY])).status).to.equal(404);
      const atLimit = Buffer.alloc(limit, 0x62);
      expect((await link.exchange('PUT', '/bigdata/big', [SESSION_KEY], atLimit)).status).to.equal(200);
      expect((await link.exchange('GET', '/bigdata/big', [SESSION_KEY])).body.equals(atLimit)).to.equal(true);
    });

    it(`by default invites an upload of ${MAX_OBJECT_SIZE / 1024 ** 3} GiB (100 Continue) and refuses one byte more (413), before any byte is sent`, async () => {
      expect(MAX_OBJECT_SIZE).to.be.at.least(1024 ** 3);
      await start();
      /** The status line of the first answer to a request head announcing `length` bytes. */
      const firstAnswer = (length: number): Promise<string> =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () =>
            socket.write(`PUT /bigdata/huge HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_KEY}\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\n\r\n`),
          );
          let received = '';
          socket.on('data', (chunk: Buffer) => {
            received += chunk.toString('latin1');
            if (received.includes('\r\n')) {
              socket.destroy();
              resolve(received.slice(0, received.indexOf('\r\n')));
            }
          });
          socket.once('error', reject);
        });
      expect(await firstAnswer(MAX_OBJECT_SIZE)).to.equal('HTTP/1.1 100 Continue');
      expect(await firstAnswer(MAX_OBJECT_SIZE + 1)).to.equal('HTTP/1.1 413 Payload Too Large');
    });

    it('answers 413 before authentication, like nginx: the limit is all it tells', async () => {
      await start({ maxBodySize: 16 });
      expectV3ioError(await (await connection()).exchange('PUT', '/bigdata/o', [], Buffer.alloc(17)), 413);
    });

    it('counts a chunked body as it arrives: over the limit 413, at the limit stored', async () => {
      await start({ maxBodySize: 1024 });
      const link = await connection();
      const chunked = (size: number): string =>
        `PUT /bigdata/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_KEY}\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${(size - 1).toString(16)}\r\n${'x'.repeat(size - 1)}\r\n1\r\ny\r\n0\r\n\r\n`;
      link.write(chunked(1025));
      expectV3ioError(await link.read(), 413);
      link.write(chunked(1024));
      expect((await link.read()).status).to.equal(200);
      expect((await link.exchange('GET', '/bigdata/chunked', [SESSION_KEY])).body.length).to.equal(1024);
    });

    it('answers `Expect: 100-continue` over the limit with 413 instead of inviting the upload', async () => {
      await start({ maxBodySize: 1024 });
      const link = await connection();
      link.write(`PUT /bigdata/o HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_KEY}\r\nExpect: 100-continue\r\nContent-Length: 2048\r\n\r\n`);
      const response = await link.read();
      expect(response.statusLine).to.equal('HTTP/1.1 413 Payload Too Large');
    });

    it('survives a client that leaves in the middle of a body, and stores nothing', async () => {
      await start();
      const leaving = await connection();
      leaving.write(`PUT /bigdata/partial HTTP/1.1\r\nHost: 127.0.0.1\r\n${SESSION_KEY}\r\nContent-Length: 1000\r\n\r\n${'z'.repeat(10)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      leaving.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await (await connection()).exchange('GET', '/bigdata/partial', [SESSION_KEY])).status).to.equal(404);
    });
  });

  describe('malformed bodies', () => {
    const malformed: ReadonlyArray<readonly [string, Buffer]> = [
      ['truncated JSON', Buffer.from('{"Key": {"S": "a"}, "Item": ')],
      ['not JSON at all', Buffer.from('Item=1')],
      ['JSON that is not an object', Buffer.from('[1, 2]')],
      ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
      ['an empty body', Buffer.alloc(0)],
      ['deeply nested JSON', Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
    ];
    for (const [what, body] of malformed) {
      it(`answers a V3IO function with ${what} with 400, on a connection that stays usable`, async () => {
        await start();
        const link = await connection();
        expectV3ioError(await link.exchange('POST', '/bigdata/table/', [SESSION_KEY, 'X-v3io-function: PutItem'], body), 400);
        expect((await link.exchange('GET', '/bigdata/', [SESSION_KEY])).status).to.equal(200);
      });
    }
  });

  describe('failures of the reference itself', () => {
    const secret = MAIN.accessKey;

    it('answers a throwing handler with 500, logs one line without the error message or request data', async () => {
      const logged: string[] = [];
      const throwing: Reference = {
        handle() {
          throw new TypeError(`cannot handle ${secret}`);
        },
      };
      await start({ reference: throwing, errorLog: (line) => logged.push(line) });
      const link = await connection();
      const response = await link.exchange('GET', `/bigdata/o?access_key=${secret}`, [SESSION_KEY]);
      expectV3ioError(response, 500);
      expect(response.body.toString()).to.not.include(secret);
      expect(logged).to.have.length(1);
      expect(logged[0]).to.match(/the reference failed on GET \/bigdata\/o\?access_key=REDACTED: TypeError$/);
      expect(logged[0]).to.not.include(secret);
      expect((await link.exchange('GET', '/bigdata/')).status).to.equal(500);
    });

    it('answers a response Node refuses to write (a header with a line break) with 500, not a crash', async () => {
      const logged: string[] = [];
      const broken: Reference = {
        handle: () => ({ status: 200, headers: { 'X-Broken': 'a\r\nSet-Cookie: x', 'Content-Length': '0' }, body: Buffer.alloc(0) }),
      };
      await start({ reference: broken, errorLog: (line) => logged.push(line) });
      expectV3ioError(await (await connection()).exchange('GET', '/bigdata/'), 500);
      expect(logged.join('\n')).to.match(/cannot write the response on GET \/bigdata\/: TypeError ERR_INVALID_CHAR/);
    });
  });
});
