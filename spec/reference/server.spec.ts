/**
 * The reference over a real socket. Wire-level behaviour is checked with raw TCP connections
 * (exact bytes, and no interceptor in the way when another spec file loads nock).
 * @see https://www.rfc-editor.org/rfc/rfc9112#section-5
 */
import { expect } from 'chai';
import { createReference } from '../../src/reference/handler.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../src/reference/listen-defaults.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { basic, MAIN, sigv2 } from './helpers.js';
import { httpRequest, RawConnection, type RawResponse } from './http-client.js';

const SESSION_KEY = `X-v3io-session-key: ${MAIN.accessKey}`;
const VALID_BASIC = `Authorization: ${basic(MAIN.username, MAIN.password)}`;

describe('reference server (real socket)', () => {
  let server: ReferenceServer;
  let port: number;
  const connections: RawConnection[] = [];

  /** One request on a fresh connection. */
  async function exchange(method: string, target: string, lines: readonly string[] = [], body?: Buffer): Promise<RawResponse> {
    const connection = await RawConnection.open(port);
    connections.push(connection);
    return connection.exchange(method, target, lines, body);
  }

  beforeEach(async () => {
    server = await startReferenceServer({ port: 0 });
    port = Number(new URL(server.url).port);
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close();
    await server.close();
  });

  it('listens on 127.0.0.1 by default, on a free port with port 0; the default port is 8081', () => {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(port).to.be.greaterThan(0);
    expect([DEFAULT_HOST, DEFAULT_PORT]).to.deep.equal(['127.0.0.1', 8081]);
  });

  it('answers fetch and node:http clients', async () => {
    const response = await fetch(`${server.url}/`, { headers: { 'X-v3io-session-key': MAIN.accessKey } });
    expect(response.status).to.equal(200);
    expect(await response.text()).to.include('<ListAllMyBucketsResult>');
    const denied = await httpRequest(`${server.url}/bigdata/`);
    expect(denied.status).to.equal(401);
    expect(denied.headers['www-authenticate']).to.equal('Basic realm="v3io", charset="UTF-8"');
  });

  it('rejects without credentials with 401, a challenge, Content-Length and no HSTS', async () => {
    const response = await exchange('GET', '/bigdata/');
    expect(response.status).to.equal(401);
    expect(response.headers['www-authenticate']).to.equal('Basic realm="v3io", charset="UTF-8"');
    expect(response.headers['content-length']).to.equal(String(response.body.length));
    expect(response.headers['strict-transport-security']).to.equal(undefined);
  });

  it('sees two Authorization lines as two: 400', async () => {
    for (const lines of [[VALID_BASIC, 'Authorization: Bearer x'], ['Authorization: Bearer x', VALID_BASIC], [VALID_BASIC, VALID_BASIC], [VALID_BASIC, `authorization${VALID_BASIC.slice('Authorization'.length)}`]]) {
      expect((await exchange('GET', '/bigdata/', lines)).status, lines.join(' | ')).to.equal(400);
    }
    expect((await exchange('GET', '/bigdata/', [VALID_BASIC])).status).to.equal(200);
  });

  it('sees two X-v3io-session-key lines as two: 400', async () => {
    expect((await exchange('GET', '/bigdata/', [SESSION_KEY, SESSION_KEY])).status).to.equal(400);
  });

  it("answers a 64 KiB credential header with the reference's 431, and the connection stays usable", async () => {
    const connection = await RawConnection.open(port);
    connections.push(connection);
    for (const line of [`X-v3io-session-key: ${'k'.repeat(65536)}`, `Authorization: Basic ${'QUFB'.repeat(16384)}`]) {
      const response = await connection.exchange('GET', '/bigdata/', [line]);
      expect(response.status).to.equal(431);
      expect(JSON.parse(response.body.toString())).to.have.property('ErrorCode');
    }
    expect((await connection.exchange('GET', '/bigdata/', [SESSION_KEY])).status).to.equal(200);
  });

  it("answers a header section over the parser's limit (1 MiB) with Node's own 431", async () => {
    expect((await exchange('GET', '/bigdata/', [`X-Filler: ${'f'.repeat(1024 * 1024 + 1)}`])).status).to.equal(431);
  });

  const framingErrors: ReadonlyArray<readonly [string, string]> = [
    ['obs-fold in a credential', `Authorization: ${sigv2(MAIN.accessKey)}\r\n  folded`],
    ['NUL inside a credential value', `${SESSION_KEY}\u0000x`],
    ['a bare CR inside a credential value', `${SESSION_KEY}\rx`],
    ['a space before the colon', `X-v3io-session-key : ${MAIN.accessKey}`],
  ];
  for (const [what, line] of framingErrors) {
    it(`answers a header framing error with 400: ${what}`, async () => {
      expect((await exchange('GET', '/bigdata/', [line])).status).to.equal(400);
    });
  }

  it('answers HEAD with the headers of GET and no body', async () => {
    await exchange('PUT', '/bigdata/o', [SESSION_KEY], Buffer.from('twelve bytes'));
    const connection = await RawConnection.open(port);
    connections.push(connection);
    const head = await connection.exchange('HEAD', '/bigdata/o', [SESSION_KEY]);
    expect(head.status).to.equal(200);
    expect(head.headers['content-length']).to.equal('12');
    // Nothing followed the head: the next response on the connection starts clean.
    expect((await connection.exchange('GET', '/bigdata/o', [SESSION_KEY])).body.toString()).to.equal('twelve bytes');
  });

  it('stores and returns bodies byte for byte', async () => {
    const bytes = Buffer.from([0, 0xff, 0x80, 10, 13]);
    expect((await exchange('PUT', '/bigdata/bin', [SESSION_KEY], bytes)).status).to.equal(200);
    expect((await exchange('GET', '/bigdata/bin', [SESSION_KEY])).body).to.deep.equal(bytes);
  });

  it('answers an unknown method with 405 after authentication', async () => {
    expect((await exchange('PROPFIND', '/bigdata/o')).status).to.equal(401);
    expect((await exchange('PROPFIND', '/bigdata/o', [SESSION_KEY])).status).to.equal(405);
  });

  it('serves several requests on one kept-alive connection, and close() ends it', async () => {
    const connection = await RawConnection.open(port);
    connections.push(connection);
    const statuses: number[] = [];
    for (const lines of [[SESSION_KEY], [], [SESSION_KEY, SESSION_KEY], [SESSION_KEY]]) statuses.push((await connection.exchange('GET', '/bigdata/', lines)).status);
    expect(statuses).to.deep.equal([200, 401, 400, 200]);
    await server.close();
    await connection.closed;
  });

  it('close() can be called twice', async () => {
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });

  it('uses the reference it is given', async () => {
    const other = await startReferenceServer({ port: 0, reference: createReference({ container: 'projects' }) });
    try {
      expect((await httpRequest(`${other.url}/projects/`, { headers: [['X-v3io-session-key', MAIN.accessKey]] })).status).to.equal(200);
      expect((await httpRequest(`${other.url}/bigdata/`, { headers: [['X-v3io-session-key', MAIN.accessKey]] })).status).to.equal(404);
    } finally {
      await other.close();
    }
  });

  it('fails to start on a port in use', async () => {
    let failure: unknown;
    try {
      const second = await startReferenceServer({ port });
      await second.close();
    } catch (error) {
      failure = error;
    }
    expect((failure as NodeJS.ErrnoException | undefined)?.code).to.equal('EADDRINUSE');
  });
});
