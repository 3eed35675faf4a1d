/**
 * The wire runner end to end against a raw server that records what it gets: the exact bytes of a
 * case (variables, derived values, the base URL's path), the request as a report shows it (secrets
 * as placeholders), and the embedded mode's skips.
 */
import { expect } from 'chai';
import net, { type AddressInfo } from 'node:net';
import { CATALOGUE, findCase } from '../../src/cases/index.js';
import type { WireCase } from '../../src/cases/model.js';
import type { CaseResult } from '../../src/run/results.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { EMBEDDED_SKIP_REASON } from '../../src/wire/run-wire-cases.js';
import { wireCaseResults as runWireCases } from '../../src/run/wire-cases.js';

const ENVIRONMENT = new Map([
  ['baseUrl', 'unused'],
  ['container', 'bigdata'],
  ['accessKey', 'e8bd4ca2-537b-4175-bf01-8c74963e90bf'],
  ['username', 'iguazio'],
  ['password', 'conformance-Pa55'],
  ['runPrefix', 'run-1'],
]);
const TOKEN = Buffer.from('iguazio:conformance-Pa55').toString('base64');
const V3IO_400 = '{"ErrorCode":-201326592,"ErrorMessage":"InvalidArgumentException"}';

/** A server that records each request head and answers 400 with a V3IO body. */
async function recordingServer(): Promise<{ port: number; heads: Buffer[]; close: () => Promise<void> }> {
  const heads: Buffer[] = [];
  const server = net.createServer((socket) => {
    let data = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.includes('\r\n\r\n')) {
        heads.push(data);
        socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${V3IO_400.length}\r\n\r\n${V3IO_400}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, heads, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function wireCase(id: string): WireCase {
  const found = findCase(id);
  if (found?.kind !== 'wire') throw new Error(`no wire case ${id}`);
  return found;
}

describe('running wire cases', function () {
  this.timeout(20_000);

  it('sends the exact bytes, under the base URL\'s path, and reports the request with placeholders', async () => {
    const server = await recordingServer();
    try {
      const baseUrl = `http://127.0.0.1:${server.port}/api/`;
      const results = await runWireCases({
        cases: [wireCase('basic-wire-nul-after-token')],
        realTarget: true,
        baseUrl,
        environment: ENVIRONMENT,
        timeoutMs: 5_000,
        mask: (text) => text,
      });
      expect(server.heads.map((h) => h.toString('latin1'))).to.deep.equal([
        `GET /api/bigdata/?max-keys=1 HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Basic ${TOKEN}\u0000junk\r\nConnection: close\r\n\r\n`,
      ]);
      const [result] = results as [CaseResult];
      expect(result.outcome, JSON.stringify(result.checks)).to.equal('pass');
      expect(result.request).to.deep.equal({
        method: 'GET',
        path: '/api/bigdata/?max-keys=1',
        headers: [
          ['Host', `127.0.0.1:${server.port}`],
          ['Authorization', 'Basic {{basicToken}}\\x00junk'],
          ['Connection', 'close'],
        ],
      });
      expect(JSON.stringify(result)).not.to.contain(TOKEN);
    } finally {
      await server.close();
    }
  });

  it('derives a mutated key and a padding of many lines as the pre-request scripts would', async () => {
    const server = await recordingServer();
    try {
      await runWireCases({
        cases: [wireCase('cross-wire-comma-joined-authorization-neither-valid'), wireCase('cross-wire-oversized-header-section')],
        realTarget: true,
        baseUrl: `http://127.0.0.1:${server.port}`,
        environment: ENVIRONMENT,
        timeoutMs: 5_000,
        mask: (text) => text,
      });
      const [comma, oversized] = server.heads.map((h) => h.toString('latin1'));
      expect(comma).to.contain('AWS e8bd4ca2-537b-4175-bf01-8c74963e90ba:');
      expect(oversized).to.match(/^GET \/bigdata\/\?max-keys=1 HTTP\/1\.1\r\nHost: [^\r]+\r\nX-v3io-session-key: e8bd4ca2-537b-4175-bf01-8c74963e90bf\r\n(X-Padding: [^\r\n]+\r\n){2048}Connection: close\r\n\r\n$/);
    } finally {
      await server.close();
    }
  });

  it('skips every selected wire case, with the reason, when there is no real socket, and ignores the other cases', async () => {
    const seen: string[] = [];
    const results = await runWireCases({
      cases: CATALOGUE,
      realTarget: false,
      baseUrl: 'http://127.0.0.1:1',
      environment: ENVIRONMENT,
      timeoutMs: 1_000,
      mask: (text) => text,
      onResult: (result) => seen.push(result.id),
    });
    const wireIds = CATALOGUE.filter((c) => c.kind === 'wire').map((c) => c.id);
    expect(results.map((r) => r.id)).to.deep.equal(wireIds);
    expect(seen).to.deep.equal(wireIds);
    expect(new Set(results.map((r) => `${r.outcome}: ${r.reason ?? ''}`))).to.deep.equal(new Set([`skip: ${EMBEDDED_SKIP_REASON}`]));
  });

  it('stops between cases when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    const run = runWireCases({
      cases: [wireCase('basic-wire-nul-after-token')],
      realTarget: true,
      baseUrl: 'http://127.0.0.1:1',
      environment: ENVIRONMENT,
      timeoutMs: 1_000,
      mask: (text) => text,
      signal: controller.signal,
    });
    let error: unknown;
    await run.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('interrupted');
  });

  describe('whitespace before the colon (RFC 9112 §5.1: a server MUST answer 400)', () => {
    const CASES = ['session-key-wire-space-before-colon', 'session-key-wire-tab-before-colon', 'basic-wire-space-before-colon'].map(wireCase);
    const challenge401 = '{"ErrorCode":-1,"ErrorMessage":"Unauthorized"}';

    /** Reads the line as a header of another name, so finds no credential: 401, as Python's http.server does. */
    async function answering401(): Promise<{ url: string; close: () => Promise<void> }> {
      const server = net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.on('data', () =>
          socket.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="v3io"\r\nContent-Type: application/json\r\nContent-Length: ${challenge401.length}\r\n\r\n${challenge401}`),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    }

    const run = (baseUrl: string): Promise<CaseResult[]> => runWireCases({ cases: CASES, realTarget: true, baseUrl, environment: ENVIRONMENT, timeoutMs: 5_000, mask: (text) => text });

    it('fails a 401 at MUST: the status is what the RFC requires', async () => {
      const server = await answering401();
      try {
        for (const result of await run(server.url)) {
          expect(result.failedLevel, result.id).to.equal('must');
          expect(result.checks.filter((c) => !c.passed).map((c) => `[${c.level.toUpperCase()}] ${c.name}`), result.id).to.deep.equal(['[MUST] answers 400']);
        }
      } finally {
        await server.close();
      }
    });

    it('passes the reference, which answers 400, with the status checked at MUST', async () => {
      const server = await startReferenceServer({ port: 0, errorLog: () => {} });
      try {
        for (const result of await run(server.url)) {
          expect(result.outcome, `${result.id}: ${JSON.stringify(result.checks.filter((c) => !c.passed))}`).to.equal('pass');
          expect(result.checks.find((c) => c.name === 'answers 400')?.level, result.id).to.equal('must');
        }
      } finally {
        await server.close();
      }
    });
  });
});
