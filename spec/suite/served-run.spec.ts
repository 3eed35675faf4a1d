/**
 * The suite over a real socket: our runner against `serve`, and the exported collection run by the
 * plain newman CLI, as someone who imported it into Postman would.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { runCli, tempDir } from '../support/cli.js';
import { readReport } from '../support/report.js';

describe('run against the served reference (real HTTP)', function () {
  this.timeout(120_000);
  let server: ReferenceServer;

  beforeEach(async () => {
    server = await startReferenceServer({ port: 0 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('passes every case with --target and warns that plain HTTP sends credentials in clear', async () => {
    const out = tempDir('v3io-served-');
    const result = await runCli(['run', '--target', server.url, '--env', GENERATED_PATHS.referenceEnvironment, '--out', out]);
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    const report = readReport(out);
    expect(report.target).to.deep.equal({ mode: 'target', baseUrl: server.url });
    expect(report.cases.filter((c) => c.outcome !== 'pass').map((c) => c.id)).to.deep.equal([]);
    expect(result.stdout).to.match(/Warning: the target is plain http:\/\/: every credential form is a bearer secret sent in clear/);
  });

  it('passes every test of the exported collection under the plain newman CLI', async () => {
    const newman = join(packageRoot(), 'node_modules/newman/bin/newman.js');
    const args = ['run', GENERATED_PATHS.collection, '-e', GENERATED_PATHS.referenceEnvironment, '--env-var', `baseUrl=${server.url}`, '--reporters', 'json', '--reporter-json-export', join(tempDir('v3io-newman-'), 'out.json')];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [newman, ...args], { cwd: packageRoot(), stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    expect(code).to.equal(0);
  });
});
