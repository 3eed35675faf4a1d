/** `serve`: the reference over a real socket, started and stopped as a user does. */
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI, runCli } from '../support/cli.js';

function startServe(args: readonly string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before listening`)));
  });
}

describe('serve', () => {
  it('serves the reference on a free port, rejects anonymous requests and stops on SIGTERM', async () => {
    const { child, url } = await startServe(['--port', '0']);
    const response = await fetch(`${url}/bigdata/`);
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.match(/^Basic realm="/);
    const authed = await fetch(`${url}/bigdata/`, { headers: { 'X-v3io-session-key': 'e8bd4ca2-537b-4175-bf01-8c74963e90bf' } });
    expect(authed.status).to.equal(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });

  it('says in one line that a port is taken', async () => {
    const { child, url } = await startServe(['--port', '0']);
    try {
      const port = new URL(url).port;
      const result = await runCli(['serve', '--port', port]);
      expect(result.code).to.equal(2);
      expect(result.stderr.trim()).to.equal(`v3io-auth-conformance: cannot listen on 127.0.0.1:${port}: the port is in use`);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('rejects a port out of range', async () => {
    const result = await runCli(['serve', '--port', '70000']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('expected a port number from 0 to 65535');
  });
});
