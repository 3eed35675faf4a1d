/**
 * Failures of the run itself are never the target's non-conformance: each is one line and exit 2
 * — a TLS certificate the run does not trust (naming --ca), a target that never answers, a target
 * whose data requests all hang (the fixture setup fails). A target that hangs on some requests
 * only, or answers HTML where JSON is expected, fails those cases with a reason: it does answer,
 * and answering wrongly is the target's fault.
 * (Connection refused and DNS failures: spec/cli/usage-errors.spec.ts.)
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { respond } from '../../src/reference/responses.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { generateSelfSignedIdentity } from '../../src/reference/tls-identity.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { readReport } from '../support/report.js';
import { startHangingServer, startSilentServer, type TestServer } from '../support/misbehaving-targets.js';
import { sdkEnvironment } from '../support/served-target.js';

function expectOneLine(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).to.equal(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines.at(-1)).to.match(pattern);
  expect(lines.filter((l) => !l.startsWith('progress: ')), result.stderr).to.have.length(1);
  expect(result.stderr).to.not.match(/\n\s+at /);
}

describe('failures of the run itself', function () {
  this.timeout(120_000);
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a certificate the run does not trust: exit 2, one line with the --ca hint', async () => {
    const identity = await generateSelfSignedIdentity();
    server = await startReferenceServer({ port: 0, tls: identity });
    const result = await runCli(['run', '--out', tempDir('v3io-fail-tls-')], { env: sdkEnvironment(server.url) });
    expectOneLine(result, /^v3io-auth-conformance: TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed \(DEPTH_ZERO_SELF_SIGNED_CERT\): trust its CA with --ca <file>, or skip verification with --insecure$/);
    const caFile = join(tempDir('v3io-fail-tls-ca-'), 'ca.pem');
    writeFileSync(caFile, identity.cert);
    const trusted = await runCli(['run', '--ca', caFile, '--grep', '^session-key-valid', '--out', tempDir('v3io-fail-tls-ok-')], { env: sdkEnvironment(server.url) });
    expect(trusted.code, trusted.stderr).to.equal(0);
  });

  it('a target that accepts connections and never answers: exit 2 after --timeout, one line', async () => {
    server = await startSilentServer();
    const result = await runCli(['run', '--timeout', '500', '--out', tempDir('v3io-fail-silent-')], { env: sdkEnvironment(server.url) });
    expectOneLine(result, /^v3io-auth-conformance: no answer from http:\/\/127\.0\.0\.1:\d+ in time: check the target URL and the network, or raise --timeout$/);
  });

  it('a target whose data requests all hang: the fixture setup fails after --timeout, exit 2, one line', async () => {
    server = await startHangingServer((req) => req.url !== '/');
    const result = await runCli(['run', '--timeout', '500', '--out', tempDir('v3io-fail-hang-all-')], { env: sdkEnvironment(server.url) });
    expectOneLine(
      result,
      /^v3io-auth-conformance: fixture setup failed, no case was judged: create the fixture object: connection error \(E\w*TIMEDOUT\) for PUT \/bigdata\/conformance-[^/]+\/fixture\.txt \(the target did not answer in time: check it, or raise --timeout\); could not remove every fixture \(.*\): remove bigdata\/conformance-[^/]+\/ on the target by hand; partial reports in \S+$/,
    );
  });

  it('a target that hangs on one request: that case fails as a robustness failure (MUST) after --timeout, the rest is judged', async () => {
    const unknownKey = (req: { rawHeaders: string[] }): boolean => req.rawHeaders.some((v) => v === '00000000-0000-4000-8000-000000000000');
    server = await startHangingServer((req) => unknownKey(req) && req.method === 'GET');
    const out = tempDir('v3io-fail-hang-one-');
    const result = await runCli(['run', '--timeout', '500', '--form', 'session-key', '--out', out, '--no-color'], { env: sdkEnvironment(server.url) });
    expect(result.code, result.stdout + result.stderr).to.equal(1);
    const report = readReport(out);
    const hung = report.cases.filter((c) => c.actual !== null && 'error' in c.actual);
    expect(hung.map((c) => c.id)).to.include('session-key-unknown-key');
    expect(hung.map((c) => c.id), 'exactly the requests that hang').to.have.length.below(5);
    for (const c of hung) {
      expect(c.failedLevel).to.equal('must');
      expect(c.checks.find((k) => !k.passed)?.message).to.match(/^Expected a 4xx rejection, got a connection error \(E\w*TIMEDOUT\) for GET \//);
    }
    expect(report.cases.filter((c) => c.outcome === 'pass').length).to.be.greaterThan(15);
    expect(report.cases.filter((c) => c.outcome === 'error')).to.deep.equal([]);
  });

  it('a target answering HTML where JSON is expected: the cases fail with that reason, no crash', async () => {
    const inner = createReference();
    const html = Buffer.from('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
    const htmlProxy: Reference = {
      handle: (request) => {
        const response = inner.handle(request);
        const isJson = Object.entries(response.headers).some(([name, value]) => name.toLowerCase() === 'content-type' && value.includes('json'));
        if (!isJson || request.method === 'HEAD') return response;
        const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !/^content-(type|length)$/i.test(name)));
        return respond(response.status, { ...headers, 'Content-Type': 'text/html' }, html);
      },
    };
    server = await startReferenceServer({ port: 0, reference: htmlProxy });
    const out = tempDir('v3io-fail-html-');
    const result = await runCli(['run', '--grep', '^(cross-valid-session-key-get-item|session-key-unknown-key)$', '--out', out, '--no-color'], { env: sdkEnvironment(server.url) });
    // Body shape is a SHOULD (issue #13): the server let the requests in and rejected the unknown key.
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(result.stderr).to.not.match(/\n\s+at |internal error/);
    const report = readReport(out);
    const byId = new Map(report.cases.map((c) => [c.id, c]));
    const getItem = byId.get('cross-valid-session-key-get-item');
    expect([getItem?.outcome, getItem?.failedLevel]).to.deep.equal(['fail', 'should']);
    expect(getItem?.checks.find((k) => !k.passed)?.message).to.match(/^Expected a body valid against the get-item schema \(the body is not JSON\), got 200 for (PUT|POST) \/bigdata\//);
    const unknown = byId.get('session-key-unknown-key');
    expect(unknown?.failedLevel).to.equal('should');
    expect(unknown?.checks.find((k) => !k.passed)?.message).to.match(/^Expected a V3IO error body .* \(the body is not JSON\), got 401 for GET \//);
    expect(JSON.stringify(report)).to.not.contain(REFERENCE_IDENTITIES.main.accessKey);
  });
});
