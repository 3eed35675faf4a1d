/**
 * A run against a real target, configured the way the V3IO SDKs are (V3IO_* variables, no file),
 * over HTTP and over HTTPS: fixtures under a folder of the run's own, removed at the end — after a
 * pass (the whole suite over HTTP is the run shared with served-run.spec.ts; over HTTPS its
 * cross-cutting cases with a sample of the bypass toolbox, both in the test process), after a failed setup (exit 2, never non-conformance), and after
 * SIGINT (exit 130), both through the CLI, whose exit codes and signals they are about.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../src/cases/index.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { v3ioErrorResponse } from '../../src/reference/responses.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { generateSelfSignedIdentity } from '../../src/reference/tls-identity.js';
import { RUN_PREFIX_PATTERN } from '../../src/run/run-prefix.js';
import { runCli, tempDir } from '../support/cli.js';
import { reportOf, runInProcess } from '../support/in-process-run.js';
import { readReport } from '../support/report.js';
import { containerContents, sdkEnvironment, spawnCli } from '../support/served-target.js';
import { servedReferenceRun } from '../support/shared-runs.js';
import { withToolboxSample } from '../support/toolbox-sample.js';

/** The last line of stderr (progress lines come before it). */
function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

describe('run against a real target', function () {
  this.timeout(120_000);
  let server: ReferenceServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('takes the target from V3IO_* variables (V3IO_API without a scheme), writes under a folder of its own, and leaves nothing behind', async () => {
    const { run, url, leftBehind } = await servedReferenceRun();
    expect(run.code, run.stdout + (run.error?.message ?? '')).to.equal(0);
    const report = reportOf(run);
    expect(report.target).to.deep.equal({ mode: 'target', baseUrl: url, profile: 'v3io' });
    expect(report.cases.filter((c) => c.outcome === 'error')).to.deep.equal([]);
    const folders = new Set(report.cases.flatMap((c) => /^\/bigdata\/(conformance-[^/?]+)\//.exec(c.request?.path ?? '')?.[1] ?? []));
    expect([...folders]).to.have.length(1);
    expect([...folders][0]).to.match(RUN_PREFIX_PATTERN);
    expect(report.teardown.filter((s) => !s.ok)).to.deep.equal([]);
    expect(leftBehind).to.deep.equal([]);
  });

  it('over HTTPS with --ca, the container left to its default: passes, and leaves nothing behind', async () => {
    const identity = await generateSelfSignedIdentity();
    const caFile = join(tempDir('v3io-target-https-'), 'ca.pem');
    writeFileSync(caFile, identity.cert);
    server = await startReferenceServer({ port: 0, tls: identity });
    const { V3IO_CONTAINER: _container, ...withoutContainer } = sdkEnvironment(server.url);
    const run = await runInProcess({ processEnv: withoutContainer, tls: { caFile }, selection: { ids: withToolboxSample(CATALOGUE.filter((c) => c.form === 'cross-cutting')) }, reporters: ['json', 'cli'] });
    expect(run.code, run.stdout + (run.error?.message ?? '')).to.equal(0);
    expect(run.stdout).to.contain('Warning: no container was given (V3IO_CONTAINER, --env-var container=…, or the --env file): the run used "bigdata"');
    const report = reportOf(run);
    // Skipped: the cases needing the optional identities the V3IO_* variables do not give.
    expect(report.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => c.id)).to.deep.equal(['https-strict-transport-security']);
    expect(report.cases.find((c) => c.id === 'https-tls-minimum-version')?.outcome).to.equal('pass');
    expect(await containerContents(server.url, caFile)).to.deep.equal([]);
  });

  it('stops at a failed fixture step with exit 2 and one line, judges no case, still removes what it wrote, and reports the failed step', async () => {
    const inner = createReference();
    const forbiddingTheFixture: Reference = {
      handle: (request) =>
        request.method === 'PUT' && request.url.endsWith('/fixture.txt') ? v3ioErrorResponse(403, -1, 'Operation not permitted') : inner.handle(request),
    };
    server = await startReferenceServer({ port: 0, reference: forbiddingTheFixture });
    const out = tempDir('v3io-target-setup-');
    const result = await runCli(['run', '--out', out, '--no-color'], { env: sdkEnvironment(server.url) });
    expect(result.code, result.stderr).to.equal(2);
    expect(lastLine(result.stderr)).to.match(
      /^v3io-auth-conformance: fixture setup failed, no case was judged: create the fixture object: Expected 2xx, got 403 for PUT \/bigdata\/conformance-[^/]+\/fixture\.txt \(the access key must be allowed to write to container "bigdata"\); removed the fixtures under bigdata\/conformance-[^/]+\/; partial reports in \S+$/,
    );
    expect(result.stdout).to.not.match(/NOT CONFORMANT/);
    expect(result.stderr).to.not.match(/\n\s+at /);
    expect(await containerContents(server.url)).to.deep.equal([]);
    const report = readReport(out);
    expect(report).to.deep.include({ verdict: 'error', exitCode: 2 });
    expect(report.setup.find((s) => !s.ok)?.status).to.equal(403);
    expect(report.cases.every((c) => c.outcome === 'skip' && /^not run: the run stopped \(fixture setup failed/.test(c.reason ?? '')), 'no case judged').to.equal(true);
  });

  it('on SIGINT, aborts the run, removes the fixtures, exits 130 with one line, and keeps what was judged in partial reports', async () => {
    // Counts the requests, so that the signal comes in the middle of the cases.
    const inner = createReference();
    let requests = 0;
    let reached: () => void = () => {};
    const midway = new Promise<void>((resolve) => (reached = resolve));
    const counting: Reference = {
      handle: (request) => {
        requests += 1;
        if (requests === 80) reached();
        return inner.handle(request);
      },
    };
    server = await startReferenceServer({ port: 0, reference: counting });
    const out = tempDir('v3io-target-sigint-');
    const run = spawnCli(['run', '--out', out, '--no-color'], sdkEnvironment(server.url));
    await midway;
    expect(await containerContents(server.url), 'the fixtures exist while the run goes on').to.not.deep.equal([]);
    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code, result.stderr).to.equal(130);
    expect(lastLine(result.stderr)).to.match(/^v3io-auth-conformance: interrupted by SIGINT, no verdict; removed the fixtures under bigdata\/conformance-[^/]+\/; partial reports in \S+$/);
    expect(result.stdout).to.equal('');
    expect(await containerContents(server.url)).to.deep.equal([]);
    const report = readReport(out);
    expect(report).to.deep.include({ verdict: 'error', exitCode: 130 });
    const judged = report.cases.filter((c) => c.outcome === 'pass');
    const notRun = report.cases.filter((c) => c.reason?.startsWith('not run: the run stopped (interrupted by SIGINT'));
    expect(judged.length, 'cases judged before the signal').to.be.greaterThan(10);
    expect(notRun.length, 'cases the run never got to').to.be.greaterThan(10);
    expect(report.warnings[0]).to.match(new RegExp(`^partial report: the run stopped \\(interrupted by SIGINT.*\\) after ${report.cases.length - notRun.length} of ${report.cases.length} cases$`));
    expect(report.teardown.every((s) => s.ok), 'the teardown the runner sent').to.equal(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).to.contain('<testsuites');
  });
});
