/**
 * The connection-reuse cases against lighttpd 1.4 (mod_auth), which answers every 401 with
 * `Connection: close`: after a 200 it keeps the connection, and the cases whose first answer is a
 * 200 are judged on the second answer; after a 401 it closes it, so the case whose first request is
 * refused (a valid request after a rejection) never reuses the connection — inconclusive, neither
 * passed (nothing was tested) nor failed (lighttpd did nothing wrong).
 */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import type { RunReport } from '../../src/report/run-report.js';
import { BASIC_SERVER_ENV_VARS } from '../support/basic-servers.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';
import { lighttpdUnavailable, startLighttpd, type Lighttpd } from '../support/lighttpd.js';

const REUSE_CASES = CATALOGUE.filter((c) => c.family === 'connection-reuse' && c.profiles.includes('basic')).map((c) => c.id);

describe('connection reuse against lighttpd (Connection: close on every 401)', function () {
  this.timeout(60_000);
  let server: Lighttpd | undefined;
  let run: InProcessRun | undefined;
  let report: RunReport;

  before(async function () {
    const unavailable = lighttpdUnavailable();
    if (unavailable) {
      console.log(`      skipped: ${unavailable}`);
      this.skip();
    }
    server = await startLighttpd();
    run = await runInProcess({ profile: 'basic', target: server.protectedUrl, envVars: BASIC_SERVER_ENV_VARS, selection: { grep: new RegExp(`^(${REUSE_CASES.join('|')})$`) }, reporters: ['json'], quiet: true });
    report = reportOf(run);
  });
  after(async () => {
    await server?.stop();
    if (run) removeReports(run);
  });

  it('runs the three Basic connection-reuse cases', () => {
    expect(report.cases.map((c) => c.id).sort()).to.deep.equal([...REUSE_CASES].sort()).and.to.have.length(3);
  });

  it('judges the cases whose first answer kept the connection on the second answer: passed', () => {
    for (const id of ['cross-wire-valid-basic-then-wrong-password', 'cross-wire-valid-basic-then-no-credentials']) {
      const result = report.cases.find((c) => c.id === id);
      expect([result?.outcome, result?.actual], id).to.deep.include.members(['pass']);
    }
  });

  it('leaves the case whose first answer closed the connection inconclusive, saying so: never passed, never failed', () => {
    const result = report.cases.find((c) => c.id === 'cross-wire-wrong-password-then-valid-basic')!;
    expect(result.outcome).to.equal('inconclusive');
    expect(result.checks).to.deep.equal([]);
    expect(result.reason).to.match(/^the connection was not reused: the answer to request 1 of 2 on the connection \(401\) closed it \(Connection: close\), for GET \/protected\//);
    // A SHOULD case that could not be judged does not decide the verdict (not under --strict).
    expect([report.verdict, run!.code]).to.deep.equal(['conformant', 0]);
  });
});
