/**
 * The S3 calls beyond PUT and GET that an S3 client makes, with the AWS SDK for JavaScript v3
 * against `serve` over a real socket: what the emulator implements does what S3 documents
 * (CopyObject, multipart uploads, DeleteObjects, conditional and checksummed PUTs), and what it
 * does not (PutObjectAcl, tagging, versions) is refused with 501 NotImplemented and leaves the
 * object as it was. Each test checks the bytes stored afterwards, not only the answer.
 * @see docs/reference-server.md "S3 calls"
 */
import '../support/quiet-aws-sdks.js';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeleteObjectTaggingCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { REFERENCE_CONTAINER } from '../../src/cases/reference-identities.js';
import { MIN_PART_SIZE } from '../../src/reference/multipart.js';
import { MAIN } from '../reference/helpers.js';
import { startObservedReference, suspendNock, type ObservedReference } from '../support/observed-reference.js';

const BUCKET = REFERENCE_CONTAINER;
const ANY_SECRET = 'not-checked-by-v3io';

/** The S3 error a call rejects with: its name (S3's `<Code>`) and status. */
async function s3Error(promise: Promise<unknown>): Promise<{ readonly name: string; readonly status: number | undefined }> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error: error as S3ServiceException }),
  );
  if (outcome.resolved) return expect.fail(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return { name: outcome.error.name, status: outcome.error.$metadata?.httpStatusCode };
}

function md5Base64(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('base64');
}

describe('S3 operations with @aws-sdk/client-s3 against the served reference (real socket)', function () {
  this.timeout(60_000);
  let reference: ObservedReference;
  let resumeNock: () => void;
  let client: S3Client;

  before(async function () {
    resumeNock = suspendNock();
    reference = await startObservedReference();
    client = new S3Client({ endpoint: reference.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: MAIN.accessKey, secretAccessKey: ANY_SECRET } });
  });

  after(async function () {
    client?.destroy();
    await reference?.close();
    resumeNock?.();
  });

  async function put(bytes: Buffer, contentType = 'application/x-original'): Promise<string> {
    const key = `s3-ops/${randomUUID()}.bin`;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ContentType: contentType }));
    return key;
  }

  /** The stored bytes, or `undefined` when the key does not exist (404). */
  async function stored(key: string): Promise<Buffer | undefined> {
    try {
      const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await got.Body!.transformToByteArray());
    } catch (error) {
      if ((error as S3ServiceException).$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  describe('CopyObject', function () {
    it('copies the bytes and the Content-Type to a new key, and leaves the source as it was', async function () {
      const bytes = randomBytes(3000);
      const source = await put(bytes);
      const destination = `s3-ops/${randomUUID()}-copy.bin`;
      const copied = await client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: destination, CopySource: `${BUCKET}/${source}` }));
      expect(copied.CopyObjectResult?.ETag).to.equal(`"${createHash('md5').update(bytes).digest('hex')}"`);
      expect((await stored(destination))?.equals(bytes), 'the copy').to.equal(true);
      expect((await stored(source))?.equals(bytes), 'the source').to.equal(true);
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: destination }));
      expect(head.ContentType).to.equal('application/x-original');
    });

    it('MetadataDirective REPLACE takes the request\'s Content-Type, and copies onto the same key', async function () {
      const bytes = randomBytes(100);
      const key = await put(bytes);
      await client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: key, CopySource: `${BUCKET}/${key}`, MetadataDirective: 'REPLACE', ContentType: 'text/x-replaced' }));
      expect((await stored(key))?.equals(bytes)).to.equal(true);
      expect((await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ContentType).to.equal('text/x-replaced');
    });

    it('a copy onto itself without REPLACE is S3\'s InvalidRequest, a missing source NoSuchKey, a failed source condition PreconditionFailed: nothing written', async function () {
      const bytes = randomBytes(100);
      const key = await put(bytes);
      expect(await s3Error(client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: key, CopySource: `${BUCKET}/${key}` })))).to.deep.equal({ name: 'InvalidRequest', status: 400 });
      const destination = `s3-ops/${randomUUID()}`;
      expect(await s3Error(client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: destination, CopySource: `${BUCKET}/s3-ops/missing-${randomUUID()}` })))).to.deep.equal({
        name: 'NoSuchKey',
        status: 404,
      });
      expect(
        await s3Error(client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: destination, CopySource: `${BUCKET}/${key}`, CopySourceIfMatch: '"0123456789abcdef0123456789abcdef"' }))),
      ).to.deep.equal({ name: 'PreconditionFailed', status: 412 });
      expect(await stored(destination), 'the destination').to.equal(undefined);
      expect((await stored(key))?.equals(bytes), 'the source').to.equal(true);
    });

    it('a source versionId is refused 501 NotImplemented and writes nothing', async function () {
      const key = await put(randomBytes(10));
      const destination = `s3-ops/${randomUUID()}`;
      expect(await s3Error(client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: destination, CopySource: `${BUCKET}/${key}?versionId=abc` })))).to.deep.equal({
        name: 'NotImplemented',
        status: 501,
      });
      expect(await stored(destination)).to.equal(undefined);
    });
  });

  describe('multipart upload', function () {
    it('CreateMultipartUpload, two UploadParts and Complete store the parts in order; nothing is visible before Complete', async function () {
      const original = randomBytes(64);
      const key = await put(original);
      const parts = [randomBytes(MIN_PART_SIZE), randomBytes(1234)];
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ContentType: 'application/x-parts' }));
      const etags: string[] = [];
      for (const [index, body] of parts.entries()) {
        const part = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1, Body: body }));
        etags.push(part.ETag!);
      }
      expect((await stored(key))?.equals(original), 'the object before Complete').to.equal(true);
      await client.send(
        new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) } }),
      );
      expect((await stored(key))?.equals(Buffer.concat(parts)), 'the completed object').to.equal(true);
      expect((await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ContentType).to.equal('application/x-parts');
    });

    it('UploadPartCopy makes parts from ranges of another object (what `aws s3 mv` of a large object sends)', async function () {
      const sourceBytes = randomBytes(MIN_PART_SIZE + 300);
      const source = await put(sourceBytes);
      const key = `s3-ops/${randomUUID()}-assembled.bin`;
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
      const first = await client.send(
        new UploadPartCopyCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, CopySource: `${BUCKET}/${source}`, CopySourceRange: `bytes=0-${MIN_PART_SIZE - 1}` }),
      );
      const second = await client.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, CopySource: `${BUCKET}/${source}`, CopySourceRange: `bytes=${MIN_PART_SIZE}-${MIN_PART_SIZE + 299}` }));
      expect(
        await s3Error(client.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 3, CopySource: `${BUCKET}/${source}`, CopySourceRange: `bytes=0-${MIN_PART_SIZE + 300}` }))),
      ).to.deep.equal({ name: 'InvalidRange', status: 416 });
      const parts = [first, second].map((part, index) => ({ ETag: part.CopyPartResult!.ETag!, PartNumber: index + 1 }));
      await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
      expect((await stored(key))?.equals(sourceBytes), 'the assembled object').to.equal(true);
      expect((await stored(source))?.equals(sourceBytes), 'the source').to.equal(true);
    });

    it('AbortMultipartUpload drops the parts and leaves the object; a part under 5 MiB before the last is EntityTooSmall', async function () {
      const original = randomBytes(64);
      const key = await put(original);
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
      const small = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: randomBytes(10) }));
      const last = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, Body: randomBytes(10) }));
      const parts = [
        { ETag: small.ETag!, PartNumber: 1 },
        { ETag: last.ETag!, PartNumber: 2 },
      ];
      expect(await s3Error(client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: parts } })))).to.deep.equal({
        name: 'EntityTooSmall',
        status: 400,
      });
      await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId }));
      expect((await stored(key))?.equals(original), 'the object after Abort').to.equal(true);
      expect(await s3Error(client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 3, Body: randomBytes(10) })))).to.deep.equal({
        name: 'NoSuchUpload',
        status: 404,
      });
    });
  });

  describe('DeleteObjects', function () {
    it('deletes exactly the keys listed, reports a missing key as deleted, and keeps the others', async function () {
      const keys = await Promise.all([1, 2, 3].map(() => put(randomBytes(20))));
      const missing = `s3-ops/missing-${randomUUID()}`;
      const result = await client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: keys[0] }, { Key: keys[1] }, { Key: missing }] } }));
      expect((result.Deleted ?? []).map((d) => d.Key).sort()).to.deep.equal([keys[0], keys[1], missing].sort());
      expect(result.Errors ?? []).to.deep.equal([]);
      expect(await stored(keys[0]!)).to.equal(undefined);
      expect(await stored(keys[1]!)).to.equal(undefined);
      expect(await stored(keys[2]!)).to.not.equal(undefined);
    });
  });

  describe('refused: 501 NotImplemented, the object unchanged', function () {
    const refusals: ReadonlyArray<readonly [string, (key: string) => Promise<unknown>]> = [
      ['PutObjectAcl', (key) => client.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: key, ACL: 'public-read' }))],
      ['PutObjectTagging', (key) => client.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: key, Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }))],
      ['DeleteObjectTagging', (key) => client.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: key }))],
      ['DeleteObject with a VersionId', (key) => client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key, VersionId: 'v1' }))],
    ];
    for (const [name, call] of refusals) {
      it(`${name}`, async function () {
        const bytes = randomBytes(500);
        const key = await put(bytes);
        expect(await s3Error(call(key))).to.deep.equal({ name: 'NotImplemented', status: 501 });
        expect((await stored(key))?.equals(bytes), 'the object afterwards').to.equal(true);
      });
    }
  });

  it('GetBucketLocation answers us-east-1 (an empty constraint)', async function () {
    const location = await client.send(new GetBucketLocationCommand({ Bucket: BUCKET }));
    expect(location.LocationConstraint ?? '').to.equal('');
  });

  describe('checksummed and conditional PUTs', function () {
    it('the right Content-MD5 stores the bytes; a wrong one is BadDigest and leaves the object', async function () {
      const bytes = randomBytes(100);
      const key = await put(bytes);
      const other = randomBytes(100);
      expect(await s3Error(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: other, ContentMD5: md5Base64(bytes) })))).to.deep.equal({ name: 'BadDigest', status: 400 });
      expect((await stored(key))?.equals(bytes)).to.equal(true);
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: other, ContentMD5: md5Base64(other) }));
      expect((await stored(key))?.equals(other)).to.equal(true);
    });

    for (const algorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
      it(`ChecksumAlgorithm ${algorithm} (computed and sent by the SDK) stores the bytes, as a buffer and as a stream`, async function () {
        const bytes = randomBytes(2000);
        const key = `s3-ops/${randomUUID()}`;
        await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ChecksumAlgorithm: algorithm }));
        expect((await stored(key))?.equals(bytes)).to.equal(true);
        await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from([bytes.subarray(0, 999), bytes.subarray(999)]), ContentLength: bytes.length, ChecksumAlgorithm: algorithm }));
        expect((await stored(key))?.equals(bytes)).to.equal(true);
        const seen = reference.requests.filter((r) => r.method === 'PUT' && r.url.startsWith(`/${BUCKET}/${key}`));
        const names = seen.flatMap((r) => r.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()));
        // What makes the case: the checksum went as a header or as a trailer the server had to verify.
        expect(names.filter((n) => n === `x-amz-checksum-${algorithm.toLowerCase()}` || n === 'x-amz-trailer'), 'checksum headers or trailers sent').to.not.be.empty;
      });
    }

    it('a wrong ChecksumCRC32 given by the caller is BadDigest and leaves the object', async function () {
      const bytes = randomBytes(100);
      const key = await put(bytes);
      expect(await s3Error(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: randomBytes(100), ChecksumCRC32: 'AAAAAA==' })))).to.deep.equal({ name: 'BadDigest', status: 400 });
      expect((await stored(key))?.equals(bytes)).to.equal(true);
    });

    it('IfNoneMatch "*" on an existing key is PreconditionFailed; IfMatch with its ETag overwrites', async function () {
      const bytes = randomBytes(100);
      const key = await put(bytes);
      expect(await s3Error(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: randomBytes(10), IfNoneMatch: '*' })))).to.deep.equal({ name: 'PreconditionFailed', status: 412 });
      expect((await stored(key))?.equals(bytes)).to.equal(true);
      const { ETag } = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      const other = randomBytes(10);
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: other, IfMatch: ETag }));
      expect((await stored(key))?.equals(other)).to.equal(true);
    });
  });
});
