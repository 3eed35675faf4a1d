/**
 * Write integrity (issue 24): the digests a client sends with a write are verified, a mismatch is
 * 400 BadDigest and stores nothing; conditional writes (`If-Match`, `If-None-Match: *`) are
 * honoured with 412. On the in-process reference, for PUT, an aws-chunked PUT with a checksum
 * trailer, UploadPart and CopyObject.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 * @see https://www.rfc-editor.org/rfc/rfc3720#appendix-B.4
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { crc32, crc32c } from '../../src/reference/crc.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { MAIN } from './helpers.js';
import { send, text, type Lines } from './reference-client.js';

const CREDENTIALS: Lines = [['X-v3io-session-key', MAIN.accessKey]];
const KEY = '/bigdata/integrity/object.bin';
const ORIGINAL = Buffer.from('the original bytes');
const NEW = Buffer.from('new bytes, as sent');

function b64(bytes: Buffer): string {
  return bytes.toString('base64');
}
function be32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}
function digest(algorithm: string, bytes: Buffer): Buffer {
  return createHash(algorithm).update(bytes).digest();
}

/** What GET answers for the key: its bytes, or null. */
function stored(reference: Reference): string | null {
  const got = send(reference, 'GET', KEY, CREDENTIALS);
  return got.status === 200 ? got.body.toString() : null;
}

function s3Code(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

describe('write integrity: digests and conditional writes', () => {
  let reference: Reference;
  beforeEach(() => {
    reference = createReference();
    send(reference, 'PUT', KEY, CREDENTIALS, ORIGINAL);
  });

  describe('CRC-32 and CRC-32C', () => {
    it('match the check values of "123456789" and the RFC 3720 §B.4 vectors', () => {
      const check = Buffer.from('123456789');
      expect([crc32(check), crc32c(check)]).to.deep.equal([0xcbf43926, 0xe3069283]);
      const ascending = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
      const descending = Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i));
      expect([crc32c(Buffer.alloc(32)), crc32c(Buffer.alloc(32, 0xff)), crc32c(ascending), crc32c(descending)]).to.deep.equal([
        0x8a9136aa, 0x62a8ab43, 0x46dd794e, 0x113fdb5c,
      ]);
    });
  });

  const rightDigests: ReadonlyArray<readonly [string, string]> = [
    ['Content-MD5', b64(digest('md5', NEW))],
    ['x-amz-checksum-crc32', b64(be32(crc32(NEW)))],
    ['x-amz-checksum-crc32c', b64(be32(crc32c(NEW)))],
    ['x-amz-checksum-sha1', b64(digest('sha1', NEW))],
    ['x-amz-checksum-sha256', b64(digest('sha256', NEW))],
    ['x-amz-content-sha256', digest('sha256', NEW).toString('hex')],
  ];

  for (const [name, value] of rightDigests) {
    it(`${name}: the right digest stores the bytes, a wrong one is 400 and stores nothing`, () => {
      expect(send(reference, 'PUT', KEY, [...CREDENTIALS, [name, value]], NEW).status).to.equal(200);
      expect(stored(reference)).to.equal(NEW.toString());
      const corrupted = Buffer.from(NEW);
      corrupted[0] = corrupted[0]! ^ 1;
      const refused = send(reference, 'PUT', KEY, [...CREDENTIALS, [name, value]], corrupted);
      expect([refused.status, s3Code(text(refused))]).to.deep.equal([400, name === 'x-amz-content-sha256' ? 'XAmzContentSHA256Mismatch' : 'BadDigest']);
      expect(stored(reference)).to.equal(NEW.toString());
    });
  }

  it('a digest that is not one (bad base64, wrong length) is 400 and stores nothing; CRC-64/NVME, which it cannot check, is 501', () => {
    const cases: ReadonlyArray<readonly [string, string, number, string]> = [
      ['Content-MD5', 'not base64!', 400, 'InvalidDigest'],
      ['Content-MD5', b64(Buffer.alloc(4)), 400, 'InvalidDigest'],
      ['x-amz-checksum-crc32', b64(Buffer.alloc(8)), 400, 'InvalidRequest'],
      ['x-amz-checksum-crc64nvme', 'AAAAAAAAAAA=', 501, 'NotImplemented'],
    ];
    for (const [name, value, status, code] of cases) {
      const response = send(reference, 'PUT', KEY, [...CREDENTIALS, [name, value]], NEW);
      expect([response.status, s3Code(text(response))], `${name}: ${value}`).to.deep.equal([status, code]);
    }
    expect(stored(reference)).to.equal(ORIGINAL.toString());
  });

  describe('aws-chunked trailers', () => {
    function chunked(payload: Buffer, trailer: string): Buffer {
      return Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from(`\r\n0\r\n${trailer}\r\n\r\n`)]);
    }
    const framing = (trailerName: string): Lines => [
      ...CREDENTIALS,
      ['Content-Encoding', 'aws-chunked'],
      ['x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'],
      ['x-amz-trailer', trailerName],
      ['x-amz-decoded-content-length', String(NEW.length)],
    ];

    it('a checksum trailer that matches stores the payload; one that does not is 400 BadDigest and stores nothing', () => {
      const right = b64(be32(crc32(NEW)));
      expect(send(reference, 'PUT', KEY, framing('x-amz-checksum-crc32'), chunked(NEW, `x-amz-checksum-crc32:${right}`)).status).to.equal(200);
      expect(stored(reference)).to.equal(NEW.toString());
      const other = Buffer.from('other bytes, same length');
      const refused = send(reference, 'PUT', KEY, [...framing('x-amz-checksum-crc32').slice(0, -1), ['x-amz-decoded-content-length', String(other.length)]], chunked(other, `x-amz-checksum-crc32:${right}`));
      expect([refused.status, s3Code(text(refused))]).to.deep.equal([400, 'BadDigest']);
      expect(stored(reference)).to.equal(NEW.toString());
    });

    it('a declared trailer that is missing is 400 and stores nothing', () => {
      const refused = send(reference, 'PUT', KEY, framing('x-amz-checksum-sha256'), chunked(NEW, 'x-amz-checksum-crc32:AAAAAA=='));
      expect(refused.status).to.equal(400);
      expect(stored(reference)).to.equal(ORIGINAL.toString());
    });
  });

  it('UploadPart with a wrong Content-MD5 is 400 BadDigest, and the part is not kept', () => {
    const created = text(send(reference, 'POST', `${KEY}?uploads`, CREDENTIALS));
    const uploadId = /<UploadId>([^<]*)<\/UploadId>/.exec(created)![1]!;
    const refused = send(reference, 'PUT', `${KEY}?partNumber=1&uploadId=${uploadId}`, [...CREDENTIALS, ['Content-MD5', b64(digest('md5', ORIGINAL))]], NEW);
    expect([refused.status, s3Code(text(refused))]).to.deep.equal([400, 'BadDigest']);
    const complete = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"${digest('md5', NEW).toString('hex')}"</ETag></Part></CompleteMultipartUpload>`;
    expect(s3Code(text(send(reference, 'POST', `${KEY}?uploadId=${uploadId}`, CREDENTIALS, complete)))).to.equal('InvalidPart');
    expect(stored(reference)).to.equal(ORIGINAL.toString());
  });

  describe('conditional writes', () => {
    const etag = `"${digest('md5', ORIGINAL).toString('hex')}"`;

    it('If-None-Match: * on an existing key is 412 and writes nothing; on a new key it writes', () => {
      const refused = send(reference, 'PUT', KEY, [...CREDENTIALS, ['If-None-Match', '*']], NEW);
      expect([refused.status, s3Code(text(refused))]).to.deep.equal([412, 'PreconditionFailed']);
      expect(stored(reference)).to.equal(ORIGINAL.toString());
      expect(send(reference, 'PUT', '/bigdata/integrity/new.bin', [...CREDENTIALS, ['If-None-Match', '*']], NEW).status).to.equal(200);
    });

    it('If-Match with the current ETag writes; with another is 412; on a missing key 404; nothing written on refusal', () => {
      const wrong = send(reference, 'PUT', KEY, [...CREDENTIALS, ['If-Match', '"0123456789abcdef0123456789abcdef"']], NEW);
      expect([wrong.status, s3Code(text(wrong))]).to.deep.equal([412, 'PreconditionFailed']);
      expect(stored(reference)).to.equal(ORIGINAL.toString());
      const missing = send(reference, 'PUT', '/bigdata/integrity/absent.bin', [...CREDENTIALS, ['If-Match', etag]], NEW);
      expect([missing.status, s3Code(text(missing))]).to.deep.equal([404, 'NoSuchKey']);
      expect(send(reference, 'PUT', KEY, [...CREDENTIALS, ['If-Match', etag]], NEW).status).to.equal(200);
      expect(stored(reference)).to.equal(NEW.toString());
    });

    it('If-None-Match with an ETag (S3 offers only *) is 501 and writes nothing', () => {
      expect(send(reference, 'PUT', KEY, [...CREDENTIALS, ['If-None-Match', '"abc"']], NEW).status).to.equal(501);
      expect(stored(reference)).to.equal(ORIGINAL.toString());
    });

    it('CopyObject honours If-None-Match: * on its destination', () => {
      send(reference, 'PUT', '/bigdata/integrity/source.bin', CREDENTIALS, NEW);
      const refused = send(reference, 'PUT', KEY, [...CREDENTIALS, ['x-amz-copy-source', 'bigdata/integrity/source.bin'], ['If-None-Match', '*']]);
      expect(refused.status).to.equal(412);
      expect(stored(reference)).to.equal(ORIGINAL.toString());
    });
  });
});
