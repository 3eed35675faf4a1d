/** The strict response reader: what it takes, what it calls malformed, and when it waits for more. */
import { expect } from 'chai';
import { parseResponse, type ParseResult } from '../../src/wire/response-parser.js';

const parse = (text: string, options: { ended?: boolean; headRequest?: boolean } = {}): ParseResult => parseResponse(Buffer.from(text, 'latin1'), options);

function complete(result: ParseResult) {
  if (result.kind !== 'complete') throw new Error(`expected a complete response, got ${JSON.stringify(result)}`);
  return result.response;
}

describe('wire response parser', () => {
  it('reads the status line, the header lines in order with OWS trimmed, and a Content-Length body', () => {
    const response = complete(parse('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate:  Basic realm="v3io" \r\nContent-Length: 5\r\nX-A:\r\n\r\nhello'));
    expect(response.version).to.equal('1.1');
    expect(response.status).to.equal(401);
    expect(response.statusText).to.equal('Unauthorized');
    expect(response.headers).to.deep.equal([['WWW-Authenticate', 'Basic realm="v3io"'], ['Content-Length', '5'], ['X-A', '']]);
    expect(response.body.toString()).to.equal('hello');
  });

  it('accepts an empty reason phrase, with or without its SP', () => {
    expect(complete(parse('HTTP/1.1 400 \r\nContent-Length: 0\r\n\r\n')).statusText).to.equal('');
    expect(complete(parse('HTTP/1.0 400\r\nContent-Length: 0\r\n\r\n')).status).to.equal(400);
  });

  it('waits for the rest of the head and of a Content-Length body', () => {
    expect(parse('HTTP/1.1 200 OK\r\nContent-Le').kind).to.equal('incomplete');
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel').kind).to.equal('incomplete');
  });

  it('calls a body cut short by the close malformed', () => {
    const result = parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel', { ended: true });
    expect(result).to.deep.equal({ kind: 'malformed', reason: 'the connection closed 3 bytes into a 5-byte body' });
    expect(parse('HTTP/1.1 200 OK\r\nContent-Le', { ended: true })).to.deep.equal({ kind: 'malformed', reason: 'the connection closed inside the response head' });
  });

  it('reads a body without a length to the close, and no body for HEAD, 204 and 304', () => {
    expect(parse('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nbad').kind).to.equal('incomplete');
    expect(complete(parse('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nbad', { ended: true })).body.toString()).to.equal('bad');
    expect(complete(parse('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', { headRequest: true })).body.length).to.equal(0);
    expect(complete(parse('HTTP/1.1 204 No Content\r\n\r\n')).status).to.equal(204);
  });

  it('decodes a chunked body with extensions and trailers', () => {
    const response = complete(parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n'));
    expect(response.body.toString()).to.equal('hello!');
    expect(parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel').kind).to.equal('incomplete');
    expect(parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n').kind).to.equal('malformed');
  });

  it('skips interim 1xx responses', () => {
    const response = complete(parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\nno'));
    expect(response.status).to.equal(400);
    expect(response.body.toString()).to.equal('no');
  });

  it('ends a 101 Switching Protocols at its head, what follows being the other protocol', () => {
    const result = parse('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello');
    expect(complete(result).status).to.equal(101);
    expect(complete(result).body.length).to.equal(0);
    expect(result.kind === 'complete' && result.end).to.equal('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'.length);
  });

  const MALFORMED: readonly [string, string][] = [
    ['a bare LF line ending', 'HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n'],
    ['a bare CR in a value', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n'],
    ['a NUL in a value', 'HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 0\r\n\r\n'],
    ['an obs-fold line', 'HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 0\r\n\r\n'],
    ['whitespace before the colon', 'HTTP/1.1 200 OK\r\nX-A : a\r\nContent-Length: 0\r\n\r\n'],
    ['a line without a colon', 'HTTP/1.1 200 OK\r\nnonsense\r\nContent-Length: 0\r\n\r\n'],
    ['not a status line', 'HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n'],
    ['HTTP/0.9 junk', '<html>hello</html>\r\n\r\n'],
    ['a lower-case protocol name', 'http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'],
    ['two different Content-Length values', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['a Transfer-Encoding that does not end in chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n'],
  ];
  for (const [what, text] of MALFORMED) {
    it(`calls ${what} malformed`, () => {
      expect(parse(text, { ended: true }).kind).to.equal('malformed');
    });
  }

  it('agrees on equal repeated Content-Length values', () => {
    expect(complete(parse('HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nab')).body.toString()).to.equal('ab');
  });

  it('gives up on a head that never ends rather than buffering on', () => {
    expect(parse(`HTTP/1.1 200 OK\r\nX-A: ${'a'.repeat(300 * 1024)}`).kind).to.equal('malformed');
  });
});
