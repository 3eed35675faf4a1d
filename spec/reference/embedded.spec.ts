/**
 * The embedded reference: nock answers every request to the origin in-process, with the header
 * lines and body exactly as the client sent them.
 * @see https://github.com/nock/nock#readme
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installEmbeddedReference, type EmbeddedReference } from '../../src/reference/embedded.js';
import { createReference } from '../../src/reference/handler.js';
import { basic, MAIN } from './helpers.js';
import { httpRequest } from './http-client.js';

/** A local port nothing listens on: without the interception, requests to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const BASE_URL = `http://127.0.0.1:${await closedPort()}`;
const VALID: ReadonlyArray<readonly [string, string]> = [['X-v3io-session-key', MAIN.accessKey]];
const VALID_BASIC = ['Authorization', basic(MAIN.username, MAIN.password)] as const;

describe('reference embedded mode (nock)', () => {
  let embedded: EmbeddedReference | undefined;

  beforeEach(() => {
    embedded = installEmbeddedReference(BASE_URL);
  });
  afterEach(() => {
    embedded?.restore();
    embedded = undefined;
  });

  it('answers through node:http with the reference, Content-Length set', async () => {
    const denied = await httpRequest(`${BASE_URL}/bigdata/`);
    expect(denied.status).to.equal(401);
    expect(denied.headers['www-authenticate']).to.equal('Basic realm="v3io", charset="UTF-8"');
    expect(denied.headers['content-length']).to.equal(String(denied.body.length));
    const listing = await httpRequest(`${BASE_URL}/`, { headers: VALID });
    expect(listing.status).to.equal(200);
    expect(listing.body.toString()).to.include('<ListAllMyBucketsResult>');
    expect(listing.headers['content-length']).to.equal(String(listing.body.length));
  });

  it('keeps two Authorization lines sent through node:http as two: 400', async () => {
    for (const headers of [[VALID_BASIC, ['Authorization', 'Bearer x']], [['Authorization', 'Bearer x'], VALID_BASIC], [VALID_BASIC, VALID_BASIC]] as const) {
      const response = await httpRequest(`${BASE_URL}/bigdata/`, { headers });
      expect(response.status, JSON.stringify(headers.map(([, v]) => v))).to.equal(400);
    }
    expect((await httpRequest(`${BASE_URL}/bigdata/`, { headers: [VALID_BASIC] })).status).to.equal(200);
  });

  it('keeps two X-v3io-session-key lines as two: 400', async () => {
    expect((await httpRequest(`${BASE_URL}/bigdata/`, { headers: [...VALID, ...VALID] })).status).to.equal(400);
  });

  it('answers a 64 KiB credential header with 431 instead of hanging', async () => {
    const response = await httpRequest(`${BASE_URL}/bigdata/`, { headers: [['X-v3io-session-key', 'k'.repeat(65536)]] });
    expect(response.status).to.equal(431);
  });

  it('passes bodies on byte for byte (binary, and JSON that nock would parse)', async () => {
    const bytes = Buffer.from([0xab, 0xcd, 0x00, 0xff]);
    expect((await httpRequest(`${BASE_URL}/bigdata/bin`, { method: 'PUT', headers: VALID, body: bytes })).status).to.equal(200);
    expect((await httpRequest(`${BASE_URL}/bigdata/bin`, { headers: VALID })).body).to.deep.equal(bytes);
    const json = '{"a":1,   "a":2}';
    await httpRequest(`${BASE_URL}/bigdata/doc.json`, { method: 'POST', headers: [...VALID, ['Content-Type', 'application/json']], body: json });
    expect((await httpRequest(`${BASE_URL}/bigdata/doc.json`, { headers: VALID })).body.toString()).to.equal(json);
  });

  it('answers HEAD and an unknown method', async () => {
    await httpRequest(`${BASE_URL}/bigdata/o`, { method: 'PUT', headers: VALID, body: 'twelve bytes' });
    const head = await httpRequest(`${BASE_URL}/bigdata/o`, { method: 'HEAD', headers: VALID });
    expect([head.status, head.headers['content-length'], head.body.length]).to.deep.equal([200, '12', 0]);
    expect((await httpRequest(`${BASE_URL}/bigdata/o`, { method: 'PROPFIND' })).status).to.equal(401);
    expect((await httpRequest(`${BASE_URL}/bigdata/o`, { method: 'PROPFIND', headers: VALID })).status).to.equal(405);
  });

  it('serves a keep-alive client (as newman is) request after request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses: number[] = [];
      for (const headers of [VALID, [], VALID, [VALID_BASIC, VALID_BASIC]]) statuses.push((await httpRequest(`${BASE_URL}/bigdata/`, { headers, agent })).status);
      expect(statuses).to.deep.equal([200, 401, 200, 400]);
    } finally {
      agent.destroy();
    }
  });

  it('answers fetch too (fetch itself joins duplicate lines before sending)', async () => {
    const response = await fetch(`${BASE_URL}/`, { headers: { 'X-v3io-session-key': MAIN.accessKey } });
    expect(response.status).to.equal(200);
    expect(await response.text()).to.include('<ListAllMyBucketsResult>');
    expect((await fetch(`${BASE_URL}/bigdata/`)).status).to.equal(401);
  });

  it('lets no request to another origin out', async () => {
    const failure = await httpRequest(`http://127.0.0.1:${await closedPort()}/`).then(String, String);
    expect(failure).to.match(/Disallowed net connect/);
  });

  it('uses the reference it is given, and restore() removes the interception', async () => {
    embedded?.restore();
    embedded = installEmbeddedReference(BASE_URL, createReference({ container: 'projects' }));
    expect((await httpRequest(`${BASE_URL}/projects/`, { headers: VALID })).status).to.equal(200);
    embedded.restore();
    embedded.restore();
    embedded = undefined;
    const after = await httpRequest(`${BASE_URL}/projects/`, { headers: VALID }).then(String, String);
    expect(after).to.match(/ECONNREFUSED/);
  });

  it('in a fresh process: importing loads no nock, and restore() leaves real requests untouched', async function () {
    this.timeout(30_000);
    // In this process another spec file may have loaded nock; a child process starts clean.
    const script = `
      import { createRequire } from 'node:module';
      import http from 'node:http';
      import { installEmbeddedReference } from ${JSON.stringify(new URL('../../src/reference/embedded.js', import.meta.url).href)};
      const require = createRequire(import.meta.url);
      const nockLoaded = () => Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/]nock[\\/]/.test(path));
      const status = (url, headers) => new Promise((resolve) => {
        const req = http.request(url, { headers, agent: false }, (res) => { res.resume(); resolve(res.statusCode); });
        setTimeout(() => resolve('no answer within 5 s'), 5000).unref();
        req.on('error', (error) => resolve(error.message));
        req.end();
      });
      const server = http.createServer((req, res) => res.end('real')).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.on('listening', resolve));
      const real = 'http://127.0.0.1:' + server.address().port + '/';
      const result = { loadedOnImport: nockLoaded() };
      const embedded = installEmbeddedReference('http://reference.test');
      result.embedded = await status('http://reference.test/bigdata/', {});
      embedded.restore();
      result.hugeHeaderAfterRestore = await status(real, { 'X-Filler': 'f'.repeat(65536) });
      result.realAfterRestore = await status(real, {});
      // exit() rather than waiting for handles a broken interception may leave open.
      process.stdout.write(JSON.stringify(result), () => process.exit(0));
    `;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(stdout));
    });
    // Node's own server answers 431: the request went out, not into nock's interceptor.
    expect(JSON.parse(output)).to.deep.equal({ loadedOnImport: false, embedded: 401, hugeHeaderAfterRestore: 431, realAfterRestore: 200 });
  });
});
