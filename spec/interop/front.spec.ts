/**
 * A correct server behind real nginx (`proxy_pass`, nginx's defaults), the usual deployment: no
 * MUST failure, and every failure nginx caused is named as nginx's — its own error pages as
 * answered by the front, the requests its lenient parsing let in as let in through it.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import type { RunReport } from '../../src/report/run-report.js';
import { startNginx, unavailableReason, type BasicServer } from '../support/basic-servers.js';
import { runInProcess } from '../support/in-process-run.js';

describe('a correct server behind nginx', function () {
  this.timeout(180_000);
  let backend: ReferenceServer | undefined;
  let nginx: BasicServer | undefined;
  let report: RunReport;
  let stdout: string;

  before(async function () {
    const reason = unavailableReason('nginx');
    if (reason) {
      if (process.env['CI']) throw new Error(reason);
      this.skip();
    }
    backend = await startReferenceServer({ port: 0, host: '127.0.0.1', errorLog: () => {} });
    nginx = await startNginx({ proxyPass: backend.url });
    const run = await runInProcess({
      target: nginx.baseUrl,
      envFile: join(packageRoot(), 'environments', 'reference.postman_environment.json'),
      engine: 'native',
      reporters: ['json', 'cli'],
    });
    report = run.report!;
    stdout = run.stdout;
  });

  after(async () => {
    await nginx?.stop();
    await backend?.close();
  });

  it('has no MUST failure: CONFORMANT, exit 0', () => {
    expect(report.summary.failingCases.must).to.equal(0);
    expect(report.summary.answeredByFront.must).to.equal(0);
    expect(report.verdict).to.equal('conformant');
    expect(report.exitCode).to.equal(0);
  });

  it('names nginx on every failure: its error pages as answered by the front, 2xx answers as let in through it', () => {
    const failed = report.cases.filter((c) => c.outcome === 'fail');
    expect(failed.length).to.be.greaterThan(0);
    for (const c of failed) expect(c.front?.name, c.id).to.equal('nginx');
    const answered = failed.filter((c) => c.front?.answered);
    expect(answered.length).to.be.greaterThan(0);
    for (const c of answered) {
      expect(c.actual && 'status' in c.actual ? c.actual.status : 0, c.id).to.be.within(400, 599);
      expect(c.actual && 'bodyExcerpt' in c.actual ? c.actual.bodyExcerpt : '', c.id).to.contain('<center>nginx');
    }
    // A 2xx is never the front's alone: those stay the deployment's failures, counted.
    const letIn = failed.filter((c) => c.front && !c.front.answered);
    for (const c of letIn) expect(c.actual && 'status' in c.actual ? c.actual.status : 0, c.id).to.be.within(200, 299);
    expect(report.summary.failingCases.should).to.equal(letIn.length);
    expect(report.summary.answeredByFront.should).to.equal(answered.length);
  });

  it('groups the front\'s answers in the summary and counts them apart in the verdict line', () => {
    const answered = report.cases.filter((c) => c.front?.answered).length;
    expect(stdout).to.contain(`Answered by the front nginx, not by the target (${answered}):`);
    expect(stdout).to.match(new RegExp(`^Verdict: CONFORMANT — \\d+ passed, \\d+ failed, 0 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 0; cases failing only a SHOULD check: \\d+; cases answered by a front \\(not the target\\): ${answered}$`, 'm'));
  });
});
