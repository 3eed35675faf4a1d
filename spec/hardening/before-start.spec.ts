/**
 * Everything checkable before the first request is checked first (the output directory, the PEM
 * files, --timeout's range), each a one-line error with exit 2 and no request sent; a run that
 * cannot start still writes a JUnit file with one errored test case and a JSON report with verdict
 * `error`; connection faults come with a hint; an environment file with a BOM is read; a signal in
 * the first moments prints its one line.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { junitSchemaErrors } from '../support/junit-schema.js';
import { startRawServer, type TestServer } from '../support/misbehaving-targets.js';
import { readReport } from '../support/report.js';
import { sdkEnvironment, spawnCli } from '../support/served-target.js';

/**
 * "The first moments" of a child, measured in the CPU time it has used rather than in wall time: on
 * a busy machine 400 ms of wall time may not even see Node started (the signal then kills it before
 * any handler exists). Node starts in about 50 ms of CPU, the modules of a run take a second more.
 */
const EARLY_CPU_MS = 250;

/** Resolves once the process has used `ms` of CPU time (Linux /proc; elsewhere after `ms` of wall time). */
async function cpuTimeSpent(pid: number, ms: number): Promise<void> {
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux ABI
  for (;;) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return;
    }
    // After the command's name, in parentheses: state is field 3, utime and stime fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    if (cpuMs >= ms) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An HTTP server that counts the requests it gets and answers each with 401. */
async function startCountingServer(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"', 'Content-Length': '0' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, count: () => requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function expectOneLine(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).to.equal(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).to.have.length(1);
  expect(lines[0]).to.match(pattern);
}

/** The reports of a run that could not start: a schema-valid JSON report (verdict error), a valid JUnit file with one <error>. */
async function expectStartFailureReports(out: string, reason: RegExp): Promise<void> {
  const report = readReport(out);
  expect(report.verdict).to.equal('error');
  expect(report.exitCode).to.equal(2);
  expect(report.cases).to.deep.equal([]);
  expect(report.warnings[0]).to.match(reason);
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  expect(await junitSchemaErrors(junit)).to.deep.equal([]);
  expect(junit).to.match(/tests="1" failures="0" errors="1"/);
  expect(junit.match(/<error message="the run could not start, no case was judged: [^"]+"/g)).to.have.length(1);
}

describe('before the first request', function () {
  this.timeout(60_000);
  let counting: Awaited<ReturnType<typeof startCountingServer>>;
  beforeEach(async () => {
    counting = await startCountingServer();
  });
  afterEach(() => counting.close());

  it('--out naming a file: one line, exit 2, and no request sent', async () => {
    const file = join(tempDir('v3io-out-file-'), 'reports');
    writeFileSync(file, 'not a directory');
    const result = await runCliInProcess(['run', '--out', file], { env: sdkEnvironment(counting.url) });
    expectOneLine(result, /^v3io-auth-conformance: cannot write reports to \S+: it is a file, not a directory \(give another --out\)$/);
    expect(counting.count()).to.equal(0);
    const under = await runCliInProcess(['run', '--out', join(file, 'sub')], { env: sdkEnvironment(counting.url) });
    expectOneLine(under, /^v3io-auth-conformance: cannot write reports to \S+: a part of the path is a file \((ENOTDIR|EEXIST)\)/);
    expect(counting.count()).to.equal(0);
  });

  it('--ca, --cert, --key that are not PEM: one line each, exit 2, no request sent, the start-failure reports written', async () => {
    const dir = tempDir('v3io-pem-');
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello, I am not a certificate\n');
    const brokenCert = join(dir, 'broken.pem');
    writeFileSync(brokenCert, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const out = tempDir('v3io-pem-out-');
    const ca = await runCliInProcess(['run', '--ca', notPem, '--out', out], { env: sdkEnvironment(counting.url) });
    expectOneLine(ca, /^v3io-auth-conformance: CA file \S+ is not PEM: no "-----BEGIN CERTIFICATE-----" block$/);
    await expectStartFailureReports(out, /CA file .* is not PEM/);
    const cert = await runCliInProcess(['run', '--cert', brokenCert, '--key', notPem, '--out', tempDir('v3io-pem-out-')], { env: sdkEnvironment(counting.url) });
    expectOneLine(cert, /^v3io-auth-conformance: client certificate \S+: the PEM does not parse as an X\.509 certificate$/);
    const { cert: goodCert } = await import('../../src/reference/tls-identity.js').then((m) => m.generateSelfSignedIdentity());
    const certFile = join(dir, 'cert.pem');
    writeFileSync(certFile, goodCert);
    const key = await runCliInProcess(['run', '--cert', certFile, '--key', notPem, '--out', tempDir('v3io-pem-out-')], { env: sdkEnvironment(counting.url) });
    expectOneLine(key, /^v3io-auth-conformance: client key \S+ is not PEM: no "-----BEGIN … PRIVATE KEY-----" block$/);
    expect(counting.count()).to.equal(0);
  });

  it('--timeout beyond what a timer takes: one line, exit 2, no TimeoutOverflowWarning', async () => {
    // Spawned: a warning is the process's (node prints it on stderr).
    const result = await runCli(['run', '--timeout', '99999999999', '--out', tempDir('v3io-timeout-')], { env: sdkEnvironment(counting.url) });
    expectOneLine(result, /--timeout.*expected a positive integer of milliseconds, at most 2147483647/);
    expect(result.stderr).to.not.contain('TimeoutOverflowWarning');
    expect(counting.count()).to.equal(0);
  });
});

describe('a run that cannot start writes what reports it can', function () {
  this.timeout(60_000);
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('connection refused: the one line, a JUnit file with one errored test case, a JSON report with verdict error', async () => {
    server = await startRawServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const out = tempDir('v3io-refused-');
    const result = await runCliInProcess(['run', '--out', out], { env: sdkEnvironment(url) });
    expectOneLine(result, /connection refused/);
    await expectStartFailureReports(out, /connection refused/);
  });

  it('a missing variable: the same reports', async () => {
    const out = tempDir('v3io-missing-');
    const { V3IO_PASSWORD: _password, ...env } = sdkEnvironment('http://127.0.0.1:9');
    const result = await runCliInProcess(['run', '--out', out], { env });
    expectOneLine(result, /missing required variable password/);
    await expectStartFailureReports(out, /missing required variable password/);
  });

  it('garbage instead of HTTP: a hint that it is not an HTTP server, and the reports', async () => {
    server = await startRawServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
    const out = tempDir('v3io-garbage-');
    const result = await runCliInProcess(['run', '--out', out], { env: sdkEnvironment(server.url) });
    expectOneLine(result, /^v3io-auth-conformance: cannot talk to http:\/\/127\.0\.0\.1:\d+: HPE_\w+ \(the answer is not HTTP: .*\)$/);
    await expectStartFailureReports(out, /HPE_/);
  });

  it('a connection reset: a hint of what to check', async () => {
    server = await startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const result = await runCliInProcess(['run', '--out', tempDir('v3io-reset-')], { env: sdkEnvironment(server.url) });
    expectOneLine(result, /^v3io-auth-conformance: cannot talk to http:\/\/127\.0\.0\.1:\d+: ECONNRESET \(the connection was dropped without an answer: check that .*\)$/);
  });

  it('an environment file with a UTF-8 BOM is read', async () => {
    const reference = await startReferenceServer({ port: 0 });
    try {
      const envFile = join(tempDir('v3io-bom-'), 'env.json');
      writeFileSync(envFile, `\ufeff${readFileSync(join(packageRoot(), GENERATED_PATHS.referenceEnvironment), 'utf8')}`);
      const result = await runCliInProcess(['run', '--env', envFile, '--target', reference.url, '--grep', '^session-key-valid-get-object$', '--out', tempDir('v3io-bom-out-')]);
      expect(result.code, result.stderr).to.equal(0);
    } finally {
      await reference.close();
    }
  });

  it('SIGINT in the first moments: one line and exit 130', async () => {
    const cli = spawnCli(['run', '--out', tempDir('v3io-early-int-')]);
    await cpuTimeSpent(cli.child.pid!, EARLY_CPU_MS);
    cli.child.kill('SIGINT');
    const result = await cli.result;
    expect(result.code, result.stderr).to.equal(130);
    const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('progress: '));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^v3io-auth-conformance: interrupted by SIGINT, no verdict/);
  });
});
