/**
 * The suite over HTTPS, against the reference served with a self-signed certificate in process:
 * trusted with --ca it passes (the Basic cases, newman and wire, with the fixtures and the
 * transport checks; target-run.spec.ts runs the cross-cutting ones over HTTPS); untrusted it stops
 * at preflight with one line naming --ca (the command line, in the test process: its exit code and line are the point);
 * with --insecure it passes with a warning. The passing runs are selections, in the test process.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { generateSelfSignedIdentity } from '../../src/reference/tls-identity.js';
import { tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { reportOf, runInProcess } from '../support/in-process-run.js';

describe('run against the reference served over HTTPS', function () {
  this.timeout(180_000);
  let server: ReferenceServer;
  let caFile: string;

  before(async () => {
    const identity = await generateSelfSignedIdentity();
    caFile = join(tempDir('v3io-https-'), 'ca.pem');
    writeFileSync(caFile, identity.cert);
    server = await startReferenceServer({ port: 0, tls: identity });
  });
  after(async () => {
    await server.close();
  });

  it('passes every selected case when the certificate is trusted with --ca, without the plain-HTTP warning', async () => {
    expect(server.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const selection = { grep: /^(basic-|https-)/i };
    const result = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, tls: { caFile }, selection });
    expect(result.code, result.stdout + (result.error?.message ?? '')).to.equal(0);
    const report = reportOf(result);
    expect(report.cases.filter((c) => c.id.includes('-wire-')).length, 'wire cases over TLS').to.be.greaterThan(3);
    // The reference sends no Strict-Transport-Security on purpose (server.ts): the MAY check reports it.
    expect(report.cases.filter((c) => c.outcome !== 'pass' && c.id !== 'https-strict-transport-security').map((c) => c.id)).to.deep.equal([]);
    expect(report.cases.find((c) => c.id === 'https-tls-minimum-version')?.outcome).to.equal('pass');
    expect(result.stdout).to.not.match(/plain http:\/\//);
  });

  it('stops before the suite, with exit 2 and one line naming --ca, when the certificate is not trusted', async () => {
    const result = await runCliInProcess(['run', '--target', server.url, '--env', GENERATED_PATHS.referenceEnvironment, '--out', tempDir('v3io-https-untrusted-'), '--no-color']);
    expect(result.code).to.equal(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(new RegExp(`^v3io-auth-conformance: TLS handshake with ${server.url.replace(/[.]/g, '\\.')} failed \\(DEPTH_ZERO_SELF_SIGNED_CERT\\): trust its CA with --ca <file>, or skip verification with --insecure$`));
  });

  it('passes with --insecure, and warns that verification was skipped', async () => {
    const selection = { grep: /^session-key-/i };
    const result = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, tls: { insecure: true }, selection });
    expect(result.code, result.stdout + (result.error?.message ?? '')).to.equal(0);
    expect(reportOf(result).cases.filter((c) => c.outcome === 'pass').length).to.be.greaterThan(20);
    expect(result.stdout).to.match(/Warning: TLS certificate verification was skipped \(--insecure\)/);
  });
});
