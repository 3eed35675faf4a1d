/**
 * Calls a reference's `handle` the way a client would send a request, and checks what every
 * response of the reference must satisfy whatever the operation.
 */
import { expect } from 'chai';
import type { Reference, ReferenceResponse } from '../../src/reference/handler.js';

export type Lines = ReadonlyArray<readonly [string, string]>;

export function send(reference: Reference, method: string, url: string, lines: Lines = [], body: string | Buffer = ''): ReferenceResponse {
  const response = reference.handle({ method, url, rawHeaders: lines.flat(), body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') });
  expectWellFormed(response, method);
  return response;
}

export function text(response: ReferenceResponse): string {
  return response.body.toString('utf8');
}

export function json(response: ReferenceResponse): unknown {
  return JSON.parse(text(response));
}

/**
 * Content-Length always (keep-alive clients hang without it), no HSTS over plain HTTP, a challenge
 * on every 401, a V3IO error body on every error but HEAD's — or S3's XML error for the S3 calls
 * (s3-errors.ts), which the SDKs read by `<Code>`.
 */
export function expectWellFormed(response: ReferenceResponse, method: string): void {
  const names = Object.keys(response.headers).map((name) => name.toLowerCase());
  expect(names).to.include('content-length');
  expect(names).to.not.include('strict-transport-security');
  expect(new Set(names).size, 'one line per header name').to.equal(names.length);
  if (method === 'HEAD') {
    expect(response.body.length).to.equal(0);
  } else {
    expect(response.headers['Content-Length']).to.equal(String(response.body.length));
  }
  if (response.status === 401) expect(response.headers['WWW-Authenticate']).to.equal('Basic realm="v3io", charset="UTF-8"');
  if (response.status >= 400 && response.headers['Content-Type'] === 'application/xml') {
    if (method !== 'HEAD') expect(response.body.toString('utf8')).to.match(/^<\?xml [^>]*\?>\n<Error><Code>[A-Za-z0-9]+<\/Code><Message>[^<]+<\/Message><\/Error>$/);
  } else if (response.status >= 400) {
    expect(response.headers['Content-Type']).to.equal('application/json');
    if (method !== 'HEAD') {
      const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
      expect(body['ErrorCode']).to.be.a('number').and.satisfy(Number.isInteger);
      expect(body['ErrorMessage']).to.be.a('string');
    }
  }
}
