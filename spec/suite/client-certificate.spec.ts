/**
 * A target that asks for a client certificate (mutual TLS): with --cert/--key the suite passes,
 * newman and raw-socket cases alike, the fixtures and the transport checks (a selection, in the
 * test process); without them the run stops with one line (the command line, in the test process
 * too, as are the usage errors).
 * @see https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { generate } from 'selfsigned';
import { generateSelfSignedIdentity, type TlsIdentity } from '../../src/reference/tls-identity.js';
import { tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { reportOf, runInProcess } from '../support/in-process-run.js';

/** A self-signed certificate for TLS client authentication (the server's is for server authentication). */
async function clientIdentity(): Promise<TlsIdentity> {
  const pems = await generate([{ name: 'commonName', value: 'conformance client' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 86_400_000),
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

describe('run against an HTTPS target that requires a client certificate', function () {
  this.timeout(180_000);
  let server: ReferenceServer;
  const dir = tempDir('v3io-mtls-');
  const files = { ca: join(dir, 'server.pem'), cert: join(dir, 'client.pem'), key: join(dir, 'client-key.pem') };

  before(async () => {
    const serverIdentity = await generateSelfSignedIdentity();
    // A self-signed client certificate is its own CA: the server trusts exactly it.
    const client = await clientIdentity();
    writeFileSync(files.ca, serverIdentity.cert);
    writeFileSync(files.cert, client.cert);
    writeFileSync(files.key, client.key);
    server = await startReferenceServer({ port: 0, tls: serverIdentity, clientCa: client.cert });
  });
  after(async () => {
    await server.close();
  });

  const base = (): string[] => ['run', '--target', server.url, '--env', GENERATED_PATHS.referenceEnvironment, '--ca', files.ca, '--no-color'];

  it('passes every selected case, wire cases included, with --cert and --key', async () => {
    const selection = { grep: /^(session-key-|https-)/i };
    const tls = { caFile: files.ca, certFile: files.cert, keyFile: files.key };
    const result = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, tls, selection });
    expect(result.code, result.stdout + (result.error?.message ?? '')).to.equal(0);
    const report = reportOf(result);
    expect(report.setup.length, 'the fixtures were made over mutual TLS').to.be.greaterThan(0);
    expect(report.teardown.every((s) => s.ok), 'and removed').to.equal(true);
    const notPassed = report.cases.filter((c) => c.outcome !== 'pass' && !c.id.startsWith('https-')).map((c) => c.id);
    expect(notPassed).to.deep.equal([]);
    expect(report.cases.some((c) => c.id.includes('-wire-') && c.outcome === 'pass')).to.equal(true);
  });

  it('stops with exit 2 and one line when no client certificate is given', async () => {
    const result = await runCliInProcess([...base(), '--out', tempDir('v3io-mtls-none-')]);
    expect(result.code, result.stdout + result.stderr).to.equal(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).to.have.length(1);
    expect(lines[0]).to.match(/^v3io-auth-conformance: (TLS handshake with|cannot talk to) https:\/\/127\.0\.0\.1:\d+/);
    // Whether the TLS version lets the client see why, the line names the flags to use.
    expect(lines[0]).to.match(/give --cert <file> --key <file>/);
  });

  it('asks for the key when only --cert is given, and names a missing certificate file', async () => {
    const onlyCert = await runCliInProcess([...base(), '--cert', files.cert]);
    expect(onlyCert.code).to.equal(2);
    expect(onlyCert.stderr.trim()).to.equal('v3io-auth-conformance: --cert needs --key (a client certificate and its private key)');
    const missing = await runCliInProcess([...base(), '--cert', join(dir, 'nope.pem'), '--key', files.key]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr.trim()).to.match(/client certificate not found: .*nope\.pem$/);
  });
});
