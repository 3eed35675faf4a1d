/**
 * `Content-Encoding: aws-chunked` PUT bodies, as S3 clients stream them: the reference stores the
 * payload, not the framing, and answers 400 to framing it cannot read, storing nothing.
 * The real AWS SDK v3 sending such a body is in spec/interop/s3-clients.spec.ts.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { decodeAwsChunkedBody } from '../../src/reference/aws-chunked.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { MAIN } from './helpers.js';
import { send, type Lines } from './reference-client.js';

const SIG = 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648';

/** The AWS SDK v3's default framing of a stream: unsigned chunks, then a checksum trailer. */
const UNSIGNED_TRAILER = '6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n';
/** SigV4 streaming framing: a signature on every chunk, the last one empty, no trailer. */
const SIGNED = `6;chunk-signature=${SIG}\r\nhello \r\n6;chunk-signature=${SIG}\r\nstream\r\n0;chunk-signature=${SIG}\r\n\r\n`;
/** Signed chunks with a checksum trailer and its signature. */
const SIGNED_TRAILER = `c;chunk-signature=${SIG}\r\nhello stream\r\n0;chunk-signature=${SIG}\r\nx-amz-checksum-crc32:gtnkmQ==\r\nx-amz-trailer-signature:${SIG}\r\n\r\n`;

const AWS_CHUNKED: Lines = [['Content-Encoding', 'aws-chunked']];

function decode(lines: Lines, body: string): ReturnType<typeof decodeAwsChunkedBody> {
  return decodeAwsChunkedBody(lines.flat(), Buffer.from(body, 'latin1'));
}

describe('reference: aws-chunked PUT bodies', () => {
  describe('decodeAwsChunkedBody', () => {
    for (const [name, body] of [
      ['unsigned chunks with a checksum trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', UNSIGNED_TRAILER],
      ['signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', SIGNED],
      ['signed chunks with a signed trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER)', SIGNED_TRAILER],
    ] as const) {
      it(`decodes ${name}`, () => {
        const decoded = decode([...AWS_CHUNKED, ['x-amz-decoded-content-length', '12']], body);
        expect(decoded.kind).to.equal('decoded');
        expect(decoded.kind === 'decoded' && decoded.payload.toString('latin1')).to.equal('hello stream');
      });
    }

    it('finds aws-chunked in a Content-Encoding list, in any letter case; leaves other bodies alone', () => {
      expect(decode([['content-encoding', 'AWS-Chunked, gzip']], SIGNED).kind).to.equal('decoded');
      expect(decode([['Content-Encoding', 'gzip'], ['Content-Encoding', 'aws-chunked']], SIGNED).kind).to.equal('decoded');
      expect(decode([], SIGNED).kind).to.equal('plain');
      expect(decode([['Content-Encoding', 'gzip']], SIGNED).kind).to.equal('plain');
      expect(decode([['x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER']], UNSIGNED_TRAILER).kind).to.equal('plain');
    });

    it('decodes an empty payload and binary chunk data (CR, LF and bytes over 0x7F inside a chunk)', () => {
      expect(decode(AWS_CHUNKED, '0\r\n\r\n')).to.deep.equal({ kind: 'decoded', payload: Buffer.alloc(0), trailers: [] });
      const data = Buffer.from([0x0d, 0x0a, 0x00, 0xff, 0x30, 0x0d, 0x0a]);
      const body = Buffer.concat([Buffer.from('7\r\n'), data, Buffer.from('\r\n0\r\n\r\n')]);
      const decoded = decodeAwsChunkedBody(AWS_CHUNKED.flat(), body);
      expect(decoded.kind === 'decoded' && decoded.payload.equals(data)).to.equal(true);
    });

    it('returns the trailer lines, names in lower case and values trimmed, for the caller to verify', () => {
      const decoded = decode(AWS_CHUNKED, '1\r\na\r\n0\r\nX-Amz-Checksum-CRC32: 6C9HoA==\r\nx-amz-trailer-signature:abc\r\n\r\n');
      expect(decoded.kind === 'decoded' && decoded.trailers).to.deep.equal([
        ['x-amz-checksum-crc32', '6C9HoA=='],
        ['x-amz-trailer-signature', 'abc'],
      ]);
    });

    const malformed: ReadonlyArray<readonly [string, string, Lines?]> = [
      ['an empty body', ''],
      ['a size that is not hexadecimal', 'z\r\nhello \r\n0\r\n\r\n'],
      ['a size line with leading space', ' 6\r\nhello \r\n0\r\n\r\n'],
      ['a chunk shorter than its size', '9\r\nhello \r\n0\r\n\r\n'],
      ['a chunk longer than its size', '4\r\nhello \r\n0\r\n\r\n'],
      ['no last (zero) chunk', '6\r\nhello \r\n'],
      ['no empty line after the last chunk', '6\r\nhello \r\n0\r\n'],
      ['a trailer line that is not name:value', '6\r\nhello \r\n0\r\nnot a trailer\r\n\r\n'],
      ['bytes after the end', `${SIGNED}extra`],
      ['x-amz-decoded-content-length that differs from the payload', SIGNED, [['x-amz-decoded-content-length', '13']]],
      ['x-amz-decoded-content-length that is not a number', SIGNED, [['x-amz-decoded-content-length', '12abc']]],
      ['two x-amz-decoded-content-length lines', SIGNED, [['x-amz-decoded-content-length', '12'], ['x-amz-decoded-content-length', '12']]],
    ];
    for (const [name, body, extra] of malformed) {
      it(`rejects ${name} as malformed`, () => {
        expect(decode([...AWS_CHUNKED, ...(extra ?? [])], body).kind).to.equal('malformed');
      });
    }
  });

  describe('PUT of an object', () => {
    let reference: Reference;
    const KEY: Lines = [['X-v3io-session-key', MAIN.accessKey]];
    const OBJECT = '/bigdata/s3/streamed.txt';

    beforeEach(() => {
      reference = createReference();
    });

    it('stores the payload of an aws-chunked body, with its ETag', () => {
      const put = send(reference, 'PUT', OBJECT, [...KEY, ...AWS_CHUNKED, ['x-amz-decoded-content-length', '12']], UNSIGNED_TRAILER);
      expect(put.status).to.equal(200);
      expect(put.headers['ETag']).to.equal(`"${createHash('md5').update('hello stream').digest('hex')}"`);
      const get = send(reference, 'GET', OBJECT, KEY);
      expect([get.status, get.body.toString('latin1')]).to.deep.equal([200, 'hello stream']);
    });

    it('appends the payload of an aws-chunked body with Range: -1', () => {
      send(reference, 'PUT', OBJECT, KEY, 'say: ');
      expect(send(reference, 'PUT', OBJECT, [...KEY, ...AWS_CHUNKED, ['Range', '-1']], SIGNED).status).to.equal(200);
      expect(send(reference, 'GET', OBJECT, KEY).body.toString('latin1')).to.equal('say: hello stream');
    });

    it('answers 400 to malformed framing and keeps the object as it was', () => {
      send(reference, 'PUT', OBJECT, KEY, 'kept');
      const put = send(reference, 'PUT', OBJECT, [...KEY, ...AWS_CHUNKED], '6\r\nhello \r\n');
      expect(put.status).to.equal(400);
      expect(send(reference, 'GET', OBJECT, KEY).body.toString('latin1')).to.equal('kept');
    });

    it('authenticates first: an aws-chunked PUT without credentials is 401, malformed or not', () => {
      expect(send(reference, 'PUT', OBJECT, AWS_CHUNKED, SIGNED).status).to.equal(401);
      expect(send(reference, 'PUT', OBJECT, AWS_CHUNKED, 'junk').status).to.equal(401);
    });
  });
});
