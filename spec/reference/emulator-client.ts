/**
 * A small client for the reference's data API over a real socket, for the emulator round-trip
 * specs. It uses `fetch` (undici), which nock — loaded by other spec files of the same mocha
 * process — does not intercept. Every response is checked for what the reference always sends:
 * Content-Length, and a V3IO error body on every error but HEAD's.
 */
import { expect } from 'chai';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { MAIN } from './helpers.js';

export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  text(): string;
  json(): Record<string, unknown>;
}

export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Default: the main identity's access key; `null` for none. */
  readonly accessKey?: string | null;
}

export class EmulatorClient {
  private constructor(private readonly server: ReferenceServer) {}

  static async start(): Promise<EmulatorClient> {
    return new EmulatorClient(await startReferenceServer({ port: 0 }));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<EmulatorResponse> {
    const accessKey = options.accessKey === undefined ? MAIN.accessKey : options.accessKey;
    const headers: Record<string, string> = { ...(accessKey === null ? {} : { 'X-v3io-session-key': accessKey }), ...options.headers };
    const init: RequestInit = { method, headers, ...(options.body === undefined ? {} : { body: options.body }) };
    const response = await fetch(`${this.server.url}${path}`, init);
    const body = Buffer.from(await response.arrayBuffer());
    const result: EmulatorResponse = {
      status: response.status,
      headers: response.headers,
      body,
      text: () => body.toString('utf8'),
      json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown>,
    };
    expectWellFormed(result, method);
    return result;
  }

  /** An `X-v3io-function` call: POST (or PUT) with a JSON body. */
  call(name: string, path: string, body: unknown, options: { readonly method?: 'POST' | 'PUT'; readonly accessKey?: string | null } = {}): Promise<EmulatorResponse> {
    return this.request(options.method ?? 'POST', path, {
      headers: { 'X-v3io-function': name, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...(options.accessKey === undefined ? {} : { accessKey: options.accessKey }),
    });
  }
}

function expectWellFormed(response: EmulatorResponse, method: string): void {
  expect(response.headers.get('content-length'), 'Content-Length').to.not.equal(null);
  if (method !== 'HEAD') expect(Number(response.headers.get('content-length'))).to.equal(response.body.length);
  if (response.status >= 400 && method !== 'HEAD' && response.headers.get('content-type') === 'application/xml') {
    // S3's error, for the S3 calls (s3-errors.ts).
    expect(response.text()).to.match(/<Error><Code>[A-Za-z0-9]+<\/Code><Message>[^<]+<\/Message><\/Error>$/);
  } else if (response.status >= 400 && method !== 'HEAD') {
    const error = response.json();
    expect(error['ErrorCode']).to.be.a('number').and.satisfy(Number.isInteger);
    expect(error['ErrorMessage']).to.be.a('string');
  }
}

/** The error body of a response, as `[status, ErrorCode, ErrorMessage]`. */
export function errorOf(response: EmulatorResponse): [number, unknown, unknown] {
  const body = response.json();
  return [response.status, body['ErrorCode'], body['ErrorMessage']];
}
