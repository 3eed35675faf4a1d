/**
 * Real S3 clients against the reference over a real socket: the AWS SDK for JavaScript v3
 * (SigV4, default settings), v2 (SigV2, `signatureVersion: 'v2'`) and minio-js (SigV4). The seed
 * offers the S3-like authentications "to simplify porting S3 code": each client must write an
 * object and read the same bytes back with a V3IO access key, and an unknown key must be turned
 * away with the status the suite expects, as the client reports it. What each client really put
 * in `Authorization` is checked on the server's side.
 *
 * The reference answers errors with V3IO's JSON body (v3io-web-api.md, "Errors"), not S3's XML:
 * the clients see the status but cannot name the error (checked below, per client).
 */
import '../support/quiet-aws-sdks.js';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3V2 from 'aws-sdk/clients/s3.js';
import { expect } from 'chai';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import * as Minio from 'minio';
import { findCase } from '../../src/cases/index.js';
import { OUTCOME_STATUSES } from '../../src/cases/model.js';
import { REFERENCE_CONTAINER } from '../../src/cases/reference-identities.js';
import { MAIN, UNKNOWN_KEY } from '../reference/helpers.js';
import { observedHeader, startObservedReference, suspendNock, type ObservedReference, type ObservedRequest } from '../support/observed-reference.js';

const REGION = 'us-east-1';
/** The reference never checks signatures (seed §S3-Like Authentications): any secret signs. */
const ANY_SECRET = 'not-checked-by-v3io';

/** The one status the catalogue expects for a case (its outcome class's only status). */
function expectedStatus(caseId: string): number {
  const found = findCase(caseId);
  if (!found) throw new Error(`no case ${caseId} in the catalogue`);
  const statuses = found.expect.statuses ?? (found.expect.outcome === 'accept' ? [] : OUTCOME_STATUSES[found.expect.outcome]);
  if (statuses.length !== 1) throw new Error(`${caseId} does not expect exactly one status: ${statuses.join(', ')}`);
  return statuses[0]!;
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) expect.fail(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

function md5Hex(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** A fresh object key and random content, so that no test can pass on another's data. */
function freshObject(client: string): { key: string; bytes: Buffer } {
  return { key: `s3-interop/${client}-${randomUUID()}.bin`, bytes: randomBytes(1024 + Math.floor(Math.random() * 1024)) };
}

describe('S3 clients against the served reference (real socket)', function () {
  let reference: ObservedReference;
  let resumeNock: () => void;

  before(async function () {
    resumeNock = suspendNock();
    reference = await startObservedReference();
  });

  after(async function () {
    await reference?.close();
    resumeNock?.();
  });

  /** The requests the reference saw for one object key (query strings such as v3's `?x-id=` allowed). */
  function requestsFor(key: string): ObservedRequest[] {
    const path = `/${REFERENCE_CONTAINER}/${key}`;
    return reference.requests.filter((r) => r.url === path || r.url.startsWith(`${path}?`));
  }

  function expectAuthenticatedAs(requests: readonly ObservedRequest[], form: 'aws-sigv4' | 'aws-sigv2', authorization: RegExp): void {
    expect(requests, 'requests the reference saw').to.not.be.empty;
    for (const request of requests) {
      expect(observedHeader(request, 'authorization'), `${request.method} ${request.url}`).to.match(authorization);
      expect(request.decision).to.include({ kind: 'authenticated', form });
      expect(request.decision.kind === 'authenticated' && request.decision.identity.name).to.equal(MAIN.name);
    }
  }

  const SIGV4_MAIN = new RegExp(`^AWS4-HMAC-SHA256 Credential=${MAIN.accessKey}/\\d{8}/${REGION}/s3/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`);
  const SIGV2_MAIN = new RegExp(`^AWS ${MAIN.accessKey}:[A-Za-z0-9+/]{27}=$`);

  describe('@aws-sdk/client-s3 (v3, SigV4, default settings)', function () {
    let client: S3Client;
    let unknown: S3Client;

    before(function () {
      const settings = { endpoint: reference.url, region: REGION, forcePathStyle: true };
      client = new S3Client({ ...settings, credentials: { accessKeyId: MAIN.accessKey, secretAccessKey: ANY_SECRET } });
      unknown = new S3Client({ ...settings, credentials: { accessKeyId: UNKNOWN_KEY, secretAccessKey: ANY_SECRET } });
    });

    after(function () {
      client?.destroy();
      unknown?.destroy();
    });

    it('PutObject then GetObject returns the bytes written, signed AWS4-HMAC-SHA256 with the access key', async function () {
      const { key, bytes } = freshObject('v3');
      const put = await client.send(new PutObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key, Body: bytes }));
      expect(put.$metadata.httpStatusCode).to.equal(200);
      expect(put.ETag).to.equal(`"${md5Hex(bytes)}"`);
      const got = await client.send(new GetObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes), 'the bytes read back').to.equal(true);
      expect(got.ContentLength).to.equal(bytes.length);

      const seen = requestsFor(key);
      expect(seen.map((r) => r.method)).to.deep.equal(['PUT', 'GET']);
      expectAuthenticatedAs(seen, 'aws-sigv4', SIGV4_MAIN);
    });

    it('a streamed PutObject (aws-chunked, STREAMING-UNSIGNED-PAYLOAD-TRAILER) stores the payload, not its framing', async function () {
      const { key, bytes } = freshObject('v3-stream');
      const halves = [bytes.subarray(0, 700), bytes.subarray(700)];
      await client.send(new PutObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key, Body: Readable.from(halves), ContentLength: bytes.length }));
      const got = await client.send(new GetObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes), 'the bytes read back').to.equal(true);

      // What makes this case: the client framed the body itself, with a checksum trailer.
      const [put] = requestsFor(key);
      expect(observedHeader(put!, 'content-encoding')).to.equal('aws-chunked');
      expect(observedHeader(put!, 'x-amz-content-sha256')).to.equal('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
      expect(observedHeader(put!, 'x-amz-decoded-content-length')).to.equal(String(bytes.length));
      expectAuthenticatedAs(requestsFor(key), 'aws-sigv4', SIGV4_MAIN);
    });

    it('an unknown access key is rejected with the expected status in $metadata, and its PutObject writes nothing', async function () {
      const status = expectedStatus('sigv4-unknown-key');
      const { key, bytes } = freshObject('v3-unknown');
      const putError = await rejectionOf(unknown.send(new PutObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key, Body: bytes })));
      expect((putError as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).to.equal(status);
      const getError = await rejectionOf(unknown.send(new GetObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key })));
      expect((getError as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).to.equal(status);
      for (const request of requestsFor(key)) {
        expect(observedHeader(request, 'authorization')).to.match(new RegExp(`^AWS4-HMAC-SHA256 Credential=${UNKNOWN_KEY}/`));
        expect(request.decision).to.include({ kind: 'rejected', status });
      }

      // Nothing was stored: the main identity finds no such object.
      const missing = await rejectionOf(client.send(new GetObjectCommand({ Bucket: REFERENCE_CONTAINER, Key: key })));
      expect((missing as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).to.equal(404);
    });
  });

  describe('aws-sdk (v2, SigV2: signatureVersion "v2")', function () {
    const clientFor = (accessKeyId: string, extra: S3V2.ClientConfiguration = {}): S3V2 =>
      new S3V2({ endpoint: reference.url, region: REGION, s3ForcePathStyle: true, signatureVersion: 'v2', accessKeyId, secretAccessKey: ANY_SECRET, ...extra });

    it('putObject then getObject returns the bytes written, signed "AWS <access key>:<signature>"', async function () {
      const client = clientFor(MAIN.accessKey);
      const { key, bytes } = freshObject('v2');
      const put = await client.putObject({ Bucket: REFERENCE_CONTAINER, Key: key, Body: bytes }).promise();
      expect(put.ETag).to.equal(`"${md5Hex(bytes)}"`);
      const got = await client.getObject({ Bucket: REFERENCE_CONTAINER, Key: key }).promise();
      expect(Buffer.isBuffer(got.Body) && got.Body.equals(bytes), 'the bytes read back').to.equal(true);

      const seen = requestsFor(key);
      expect(seen.map((r) => r.method)).to.deep.equal(['PUT', 'GET']);
      expectAuthenticatedAs(seen, 'aws-sigv2', SIGV2_MAIN);
    });

    it('an unknown access key is rejected with the expected status in the error, and its putObject writes nothing', async function () {
      const status = expectedStatus('sigv2-unknown-key');
      // No retries: v2 parses an error body as S3's XML, and a failed parse (XMLParserError) is
      // retryable, so with its default settings it sends each rejected request 4 times.
      const client = clientFor(UNKNOWN_KEY, { maxRetries: 0 });
      const { key, bytes } = freshObject('v2-unknown');
      const putError = await rejectionOf(client.putObject({ Bucket: REFERENCE_CONTAINER, Key: key, Body: bytes }).promise());
      const getError = await rejectionOf(client.getObject({ Bucket: REFERENCE_CONTAINER, Key: key }).promise());
      for (const error of [putError, getError]) {
        expect(error).to.include({ statusCode: status, code: 'XMLParserError' });
      }
      const seen = requestsFor(key);
      expect(seen.map((r) => r.method)).to.deep.equal(['PUT', 'GET']);
      for (const request of seen) {
        expect(observedHeader(request, 'authorization')).to.match(new RegExp(`^AWS ${UNKNOWN_KEY}:`));
        expect(request.decision).to.include({ kind: 'rejected', status });
      }

      const missing = await rejectionOf(clientFor(MAIN.accessKey, { maxRetries: 0 }).getObject({ Bucket: REFERENCE_CONTAINER, Key: key }).promise());
      expect((missing as { statusCode?: number }).statusCode).to.equal(404);
    });
  });

  describe('minio (v8, SigV4)', function () {
    /**
     * A client and the HTTP statuses it received, in order: minio's S3Error carries no status, so
     * the client's transport (node:http, as minio's default) records them as the responses arrive.
     */
    function clientFor(accessKey: string): { client: Minio.Client; statuses: number[] } {
      const statuses: number[] = [];
      const transport: Pick<typeof http, 'request'> = {
        request: ((options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) =>
          http.request(options, (response) => {
            statuses.push(response.statusCode ?? 0);
            callback?.(response);
          })) as typeof http.request,
      };
      const client = new Minio.Client({ endPoint: '127.0.0.1', port: reference.port, useSSL: false, pathStyle: true, region: REGION, accessKey, secretKey: ANY_SECRET, transport });
      return { client, statuses };
    }

    it('putObject then getObject returns the bytes written, signed AWS4-HMAC-SHA256 with the access key', async function () {
      const { client, statuses } = clientFor(MAIN.accessKey);
      const { key, bytes } = freshObject('minio');
      const put = await client.putObject(REFERENCE_CONTAINER, key, bytes);
      expect(put.etag).to.equal(md5Hex(bytes));
      const got = await buffer(await client.getObject(REFERENCE_CONTAINER, key));
      expect(got.equals(bytes), 'the bytes read back').to.equal(true);
      expect(statuses).to.deep.equal([200, 200]);

      const seen = requestsFor(key);
      expect(seen.map((r) => r.method)).to.deep.equal(['PUT', 'GET']);
      expectAuthenticatedAs(seen, 'aws-sigv4', SIGV4_MAIN);
    });

    it('an unknown access key is rejected with the expected status (as minio received it), and its putObject writes nothing', async function () {
      const status = expectedStatus('sigv4-unknown-key');
      const { client, statuses } = clientFor(UNKNOWN_KEY);
      const { key, bytes } = freshObject('minio-unknown');
      const putError = await rejectionOf(client.putObject(REFERENCE_CONTAINER, key, bytes));
      const getError = await rejectionOf(client.getObject(REFERENCE_CONTAINER, key));
      expect(statuses).to.deep.equal([status, status]);
      // The limitation of V3IO's JSON error bodies: minio reads a non-empty error body as S3's
      // XML <Error>, finds none in V3IO's JSON, and throws an S3Error without a code or message.
      for (const error of [putError, getError]) {
        expect(error).to.be.instanceOf(Minio.S3Error);
        expect((error as Minio.S3Error).code, 'the error code minio reports').to.equal(undefined);
        expect((error as Minio.S3Error).message, 'the message minio reports').to.equal('');
      }
      for (const request of requestsFor(key)) {
        expect(observedHeader(request, 'authorization')).to.match(new RegExp(`^AWS4-HMAC-SHA256 Credential=${UNKNOWN_KEY}/`));
        expect(request.decision).to.include({ kind: 'rejected', status });
      }

      const missing = await rejectionOf(clientFor(MAIN.accessKey).client.statObject(REFERENCE_CONTAINER, key));
      expect((missing as Minio.S3Error).code).to.equal('NotFound');
    });
  });
});
