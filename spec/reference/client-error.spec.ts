/**
 * What Node's HTTP parser rejects before the reference sees a request — header framing errors, a
 * header section over the parser's limit — is answered like every other rejection of the
 * reference: a V3IO error body with its Content-Length, then the connection is closed.
 */
import { expect } from 'chai';
import { PARSER_MAX_HEADER_SIZE } from '../../src/reference/limits.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { exchangeBytes, hostOf } from '../../src/wire/socket-exchange.js';
import type { WireResponse } from '../../src/wire/response-parser.js';

const FRAMING_ERRORS: readonly [string, string][] = [
  ['a NUL in a value', 'X-v3io-session-key: abc\u0000def\r\n'],
  ['a bare CR in a value', 'X-v3io-session-key: abc\rdef\r\n'],
  ['a bare LF line ending', 'X-v3io-session-key: abc\nX-Other: x\r\n'],
  ['an obs-fold line', 'X-v3io-session-key:\r\n abc\r\n'],
  ['a space before the colon', 'X-v3io-session-key : abc\r\n'],
];

describe('the served reference answers parser rejections with a V3IO error body', function () {
  this.timeout(20_000);
  let server: ReferenceServer;
  before(async () => {
    server = await startReferenceServer({ port: 0 });
  });
  after(async () => {
    await server.close();
  });

  async function send(lines: string): Promise<WireResponse> {
    const bytes = Buffer.from(`GET /bigdata/ HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\n${lines}\r\n`, 'latin1');
    const outcome = await exchangeBytes({ baseUrl: server.url, timeoutMs: 5_000 }, bytes);
    if (outcome.kind !== 'response') throw new Error(`expected a response, got ${JSON.stringify(outcome)}`);
    return outcome.response;
  }

  const header = (response: WireResponse, name: string): string | undefined => response.headers.find(([n]) => n.toLowerCase() === name)?.[1];

  for (const [what, lines] of FRAMING_ERRORS) {
    it(`answers ${what} with 400, a V3IO error body and Connection: close`, async () => {
      const response = await send(lines);
      expect(response.status).to.equal(400);
      expect(JSON.parse(response.body.toString('utf8'))).to.deep.equal({ ErrorCode: -201326592, ErrorMessage: 'InvalidArgumentException' });
      expect(header(response, 'content-type')).to.equal('application/json');
      expect(header(response, 'content-length')).to.equal(String(response.body.length));
      expect(header(response, 'connection')).to.equal('close');
    });
  }

  it('answers CONNECT (the reference is no proxy) with 405, an Allow line and a V3IO error body, instead of closing the connection', async () => {
    const bytes = Buffer.from(`CONNECT /bigdata/?max-keys=1 HTTP/1.1\r\nHost: ${hostOf(server.url)}\r\n\r\n`, 'latin1');
    const outcome = await exchangeBytes({ baseUrl: server.url, timeoutMs: 5_000 }, bytes);
    if (outcome.kind !== 'response') throw new Error(`expected a response, got ${JSON.stringify(outcome)}`);
    expect(outcome.response.status).to.equal(405);
    expect(header(outcome.response, 'allow')).to.equal('GET, HEAD, PUT, POST, DELETE');
    expect(JSON.parse(outcome.response.body.toString('utf8'))).to.deep.equal({ ErrorCode: -95, ErrorMessage: 'Operation not supported' });
  });

  it('answers a header section over the parser\'s limit with 431 and a V3IO error body', async () => {
    const response = await send(`X-Padding: ${'a'.repeat(PARSER_MAX_HEADER_SIZE + 1024)}\r\n`);
    expect(response.status).to.equal(431);
    expect(JSON.parse(response.body.toString('utf8'))).to.have.keys('ErrorCode', 'ErrorMessage');
  });

  it('keeps serving after a framing error', async () => {
    await send('X-v3io-session-key: a\u0000b\r\n');
    expect((await send('')).status).to.equal(401);
  });
});
