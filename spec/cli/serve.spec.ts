/** `serve`: the reference over a real socket, started and stopped as a user does. */
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { generateSelfSignedIdentity } from '../../src/reference/tls-identity.js';
import { RawConnection } from '../reference/http-client.js';
import { CLI, runCli, tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';

const MAIN_KEY = 'e8bd4ca2-537b-4175-bf01-8c74963e90bf';

interface Served {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  /** Everything written to stdout so far. */
  output(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `serve` and resolves once it has printed its banner (up to "Press Ctrl+C"). */
function startServe(args: readonly string[]): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args]);
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (https?:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('Press Ctrl+C')) resolve({ child, url, output: () => out, exited });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`serve exited ${code} before listening: ${err}`)));
  });
}

function stop(served: Served): Promise<number | null> {
  served.child.kill('SIGTERM');
  return served.exited;
}

function httpsGet(url: string, ca: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('serve', function () {
  this.timeout(30_000);

  it('serves the reference on a free port, rejects anonymous requests and stops on SIGTERM', async () => {
    const served = await startServe(['--port', '0']);
    const response = await fetch(`${served.url}/bigdata/`);
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.match(/^Basic realm="/);
    const authed = await fetch(`${served.url}/bigdata/`, { headers: { 'X-v3io-session-key': MAIN_KEY } });
    expect(authed.status).to.equal(200);
    expect(await stop(served)).to.equal(0);
  });

  it('logs one line per request, without secrets; --quiet logs none', async () => {
    const served = await startServe(['--port', '0']);
    await fetch(`${served.url}/bigdata/?access_key=${MAIN_KEY}`, { headers: { 'X-v3io-session-key': MAIN_KEY } });
    await fetch(`${served.url}/bigdata/`, { headers: { Authorization: `Basic ${Buffer.from('iguazio:conformance-Pa55').toString('base64')}` } });
    await fetch(`${served.url}/`);
    await waitFor(() => served.output().split('\n').filter((line) => / \d+\.\dms$/.test(line)).length === 3);
    expect(await stop(served)).to.equal(0);
    const logged = served.output().split('\n').filter((line) => / \d+\.\dms$/.test(line));
    expect(logged.map((line) => line.split(' ').slice(1, 5).join(' '))).to.deep.equal([
      'GET /bigdata/?access_key=REDACTED main 200',
      'GET /bigdata/ main 200',
      'GET / - 401',
    ]);
    for (const secret of [MAIN_KEY, 'conformance-Pa55', Buffer.from('iguazio:conformance-Pa55').toString('base64')]) expect(served.output()).to.not.include(secret);

    const quiet = await startServe(['--port', '0', '--quiet']);
    await fetch(`${quiet.url}/bigdata/`);
    expect(await stop(quiet)).to.equal(0);
    expect(quiet.output()).to.not.match(/ms$/m);
  });

  it('finishes an upload in flight when SIGTERM arrives, then exits 0', async () => {
    const served = await startServe(['--port', '0', '--quiet']);
    const connection = await RawConnection.open(Number(new URL(served.url).port));
    try {
      const body = Buffer.alloc(512 * 1024, 0x61);
      connection.write(`PUT /bigdata/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-v3io-session-key: ${MAIN_KEY}\r\nContent-Length: ${body.length}\r\n\r\n`);
      connection.write(body.subarray(0, 1000));
      await new Promise((resolve) => setTimeout(resolve, 100));
      served.child.kill('SIGTERM');
      await waitFor(() => served.output().includes('Stopping'));
      connection.write(body.subarray(1000));
      const response = await connection.read();
      expect(response.status).to.equal(200);
      expect(response.headers['connection']).to.equal('close');
      expect(await served.exited).to.equal(0);
    } finally {
      connection.close();
    }
  });

  it('serves HTTPS with --tls, prints the fingerprint and writes the certificate with --write-ca', async () => {
    const ca = join(tempDir('v3io-serve-tls-'), 'ca.pem');
    const served = await startServe(['--port', '0', '--tls', '--write-ca', ca, '--quiet']);
    try {
      expect(served.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
      const pem = readFileSync(ca, 'utf8');
      expect(served.output()).to.include(`SHA-256 fingerprint ${new X509Certificate(pem).fingerprint256}`);
      expect(served.output()).to.include(`trust it with \`run --ca ${ca}\``);
      expect(await httpsGet(`${served.url}/bigdata/`, pem, { 'X-v3io-session-key': MAIN_KEY })).to.equal(200);
    } finally {
      expect(await stop(served)).to.equal(0);
    }
  });

  it('serves HTTPS with the certificate of --cert and --key', async () => {
    const dir = tempDir('v3io-serve-cert-');
    const identity = await generateSelfSignedIdentity();
    writeFileSync(join(dir, 'cert.pem'), identity.cert);
    writeFileSync(join(dir, 'key.pem'), identity.key);
    const served = await startServe(['--port', '0', '--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem'), '--quiet']);
    try {
      expect(served.output()).to.include(new X509Certificate(identity.cert).fingerprint256);
      expect(await httpsGet(`${served.url}/`, identity.cert)).to.equal(401);
    } finally {
      expect(await stop(served)).to.equal(0);
    }
  });

  it('serves the identities of --users', async () => {
    const dir = tempDir('v3io-serve-users-');
    const users = join(dir, 'users.json');
    writeFileSync(users, JSON.stringify([{ name: 'alice', accessKey: 'alice-key-0001', username: 'alice', password: 'wonder land', containers: ['projects'] }]));
    const served = await startServe(['--port', '0', '--users', users, '--container', 'projects', '--quiet']);
    try {
      expect(served.output()).to.include(`container "projects"; identities: alice from ${users}`);
      expect((await fetch(`${served.url}/projects/`, { headers: { 'X-v3io-session-key': 'alice-key-0001' } })).status).to.equal(200);
      expect((await fetch(`${served.url}/projects/`, { headers: { Authorization: `Basic ${Buffer.from('alice:wonder land').toString('base64')}` } })).status).to.equal(200);
      expect((await fetch(`${served.url}/projects/`, { headers: { 'X-v3io-session-key': MAIN_KEY } })).status).to.equal(401);
    } finally {
      expect(await stop(served)).to.equal(0);
    }
  });

  it('--max-object-size sets the body limit (with a unit), and its 413 names the option', async () => {
    const served = await startServe(['--port', '0', '--quiet', '--max-object-size', '1KiB']);
    try {
      const headers = { 'X-v3io-session-key': MAIN_KEY };
      expect((await fetch(`${served.url}/bigdata/limit`, { method: 'PUT', headers, body: Buffer.alloc(1024) })).status).to.equal(200);
      const refused = await fetch(`${served.url}/bigdata/limit`, { method: 'PUT', headers, body: Buffer.alloc(1025) });
      expect([refused.status, ((await refused.json()) as Record<string, unknown>)['ErrorMessage']]).to.deep.equal([
        413,
        'File too large: the body is over 1024 bytes (serve --max-object-size)',
      ]);
    } finally {
      expect(await stop(served)).to.equal(0);
    }
  });

  it('says in one line that a port is taken', async () => {
    const served = await startServe(['--port', '0']);
    try {
      const port = new URL(served.url).port;
      const result = await runCli(['serve', '--port', port]);
      expect(result.code).to.equal(2);
      expect(result.stderr.trim()).to.equal(`v3io-auth-conformance: cannot listen on 127.0.0.1:${port}: the port is in use`);
    } finally {
      await stop(served);
    }
  });

  describe('refuses to start, in one line and exit 2', () => {
    const dir = tempDir('v3io-serve-bad-');
    writeFileSync(join(dir, 'broken.json'), '[{"name": "a",');
    writeFileSync(join(dir, 'dup.json'), JSON.stringify([1, 2].map((n) => ({ name: `u${n}`, accessKey: 'same-key', username: `u${n}`, password: 'p', containers: '*' }))));
    const cases: ReadonlyArray<readonly [string, readonly string[], string]> = [
      ['a port out of range', ['--port', '70000'], 'expected a port number from 0 to 65535'],
      ['a --max-object-size that is not a size', ['--max-object-size', '12 parsecs'], 'expected a size from 1 byte to 4GiB'],
      ['a --max-object-size over 4 GiB', ['--max-object-size', '5GiB'], 'expected a size from 1 byte to 4GiB'],
      ['a missing users file', ['--users', join(dir, 'none.json')], `users file not found: ${join(dir, 'none.json')}`],
      ['a users file that is not JSON', ['--users', join(dir, 'broken.json')], `users file ${join(dir, 'broken.json')} is not valid JSON: it ends too early`],
      ['a users file with one access key twice', ['--users', join(dir, 'dup.json')], `users file ${join(dir, 'dup.json')}: entries 1 and 2 have the same access key`],
      ['--cert without --key', ['--cert', join(dir, 'dup.json')], '--cert and --key go together'],
      ['a certificate file that holds none', ['--cert', join(dir, 'dup.json'), '--key', join(dir, 'dup.json')], `certificate file ${join(dir, 'dup.json')} holds no PEM certificate`],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        // The command line in the test process: it stops before listening (support/cli-in-process.ts).
        const result = await runCliInProcess(['serve', '--port', '0', ...args]);
        expect(result.code).to.equal(2);
        expect(result.stdout).to.equal('');
        expect(result.stderr.trim().split('\n')).to.have.length(1);
        expect(result.stderr).to.contain(message);
      });
    }
  });
});
