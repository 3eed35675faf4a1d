/**
 * Bad input to the CLI: one clear line on stderr, exit code 2, never a stack trace. The first test
 * spawns the CLI (the process's exit status and streams); the others run the command line in the
 * test process (support/cli-in-process.ts), the same code from the arguments to the exit code.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { runCli, tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';

function expectOneLineError(result: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).to.equal(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).to.have.length(1);
  expect(lines[0]).to.match(pattern);
  expect(result.stderr).not.to.match(/\n\s+at /);
}

/** A port on loopback where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('CLI usage and configuration errors', () => {
  const dir = tempDir('v3io-cli-');

  it('rejects an unknown option', async () => {
    expectOneLineError(await runCli(['run', '--no-such-option']), /^v3io-auth-conformance: unknown option '--no-such-option'/);
  });

  it('the command line run in the test process prints and exits as the spawned CLI does', async () => {
    for (const args of [['run', '--no-such-option'], ['explain', 'basic-wrong-pasword'], ['list', '--grep', 'strict-base64', '--format', 'json'], ['run', '--help']]) {
      const spawned = await runCli(args);
      expect(spawned.stdout.length + spawned.stderr.length, args.join(' ')).to.be.greaterThan(0);
      expect(await runCliInProcess(args), args.join(' ')).to.deep.equal(spawned);
    }
  });

  it('rejects an unknown command', async () => {
    expectOneLineError(await runCliInProcess(['frobnicate']), /unknown command 'frobnicate'/);
  });

  it('rejects a non-numeric timeout', async () => {
    expectOneLineError(await runCliInProcess(['run', '--timeout', 'soon']), /--timeout.*positive integer/);
  });

  it('rejects --concurrency with a given --collection (run as it is, one request at a time), --collection with the native engine, and an unknown engine', async () => {
    expectOneLineError(await runCliInProcess(['run', '--concurrency', '4', '--collection', 'collections/v3io-auth-conformance.postman_collection.json']), /--concurrency does not apply to --collection/);
    expectOneLineError(await runCliInProcess(['run', '--engine', 'native', '--collection', 'collections/v3io-auth-conformance.postman_collection.json']), /--collection needs the newman engine/);
    expectOneLineError(await runCliInProcess(['run', '--engine', 'curl']), /--engine.*curl/);
  });

  it('names a missing environment file', async () => {
    expectOneLineError(await runCliInProcess(['run', '--env', join(dir, 'missing.json')]), /environment file not found: .*missing\.json$/);
  });

  it('names a malformed environment file', async () => {
    const path = join(dir, 'malformed.json');
    writeFileSync(path, '{ "values": [ ');
    expectOneLineError(await runCliInProcess(['run', '--env', path]), /environment file .*malformed\.json is not valid JSON/);
  });

  it('names the variables an environment lacks', async () => {
    const path = join(dir, 'partial.json');
    writeFileSync(path, JSON.stringify({ values: [{ key: 'baseUrl', value: 'http://127.0.0.1:1' }, { key: 'container', value: 'bigdata' }] }));
    expectOneLineError(
      await runCliInProcess(['run', '--env', path]),
      /missing required variables accessKey \(V3IO_ACCESS_KEY\), username \(V3IO_USERNAME\), password \(V3IO_PASSWORD\): set them as shown in parentheses, with --env-var <name>=<value>, or in the environment file .*partial\.json$/,
    );
  });

  it('asks for credentials when a target is given without them', async () => {
    expectOneLineError(
      await runCliInProcess(['run', '--target', 'http://127.0.0.1:1']),
      /missing required variables accessKey \(V3IO_ACCESS_KEY\), username \(V3IO_USERNAME\), password \(V3IO_PASSWORD\): .* or in a Postman environment file \(--env\)$/,
    );
  });

  it('names the one variable the process environment lacks, and where it can come from', async () => {
    const env = { V3IO_API: '127.0.0.1:1', V3IO_ACCESS_KEY: 'k', V3IO_USERNAME: 'u', V3IO_CONTAINER: 'bigdata' };
    expectOneLineError(await runCliInProcess(['run'], { env }), /^v3io-auth-conformance: missing required variable password \(V3IO_PASSWORD\): set it as shown in parentheses, with --env-var <name>=<value>, or in a Postman environment file \(--env\)$/);
  });

  it('wants a target URL when credentials are given without one', async () => {
    expectOneLineError(await runCliInProcess(['run'], { env: { V3IO_ACCESS_KEY: 'k' } }), /missing required variables baseUrl \(V3IO_API or --target <url>\), username/);
  });

  it('rejects an --env-var without a name', async () => {
    expectOneLineError(await runCliInProcess(['run', '--env-var', 'novalue']), /--env-var <name=value>.*expected <name>=<value>/);
  });

  it('reports an unreachable target as a connection error', async () => {
    const port = await closedPort();
    const result = await runCliInProcess(['run', '--target', `http://127.0.0.1:${port}`, '--env', GENERATED_PATHS.referenceEnvironment, '--out', dir]);
    expectOneLineError(result, new RegExp(`cannot connect to http://127\\.0\\.0\\.1:${port}: connection refused`));
  });

  it('reports a host that does not resolve', async () => {
    const result = await runCliInProcess(['run', '--target', 'http://no-such-host.invalid', '--env', GENERATED_PATHS.referenceEnvironment, '--out', dir]);
    expectOneLineError(result, /cannot resolve the host of http:\/\/no-such-host\.invalid/);
  });

  it('rejects a target URL that is not http(s)', async () => {
    expectOneLineError(await runCliInProcess(['run', '--target', 'ftp://x', '--env', GENERATED_PATHS.referenceEnvironment]), /"ftp:" URLs are not supported/);
  });

  it('names a missing collection file', async () => {
    expectOneLineError(await runCliInProcess(['run', '--collection', join(dir, 'nope.json')]), /collection file not found/);
  });
});
