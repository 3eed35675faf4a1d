/**
 * The `bypass-host` cases of the basic profile (a Host naming the server itself, spelt with another
 * port, a trailing dot, in upper case; two Host lines, the target's and `localhost`) against
 * lighttpd 1.4 (mod_auth): a correct server that answers the two-line requests with the 400 of
 * RFC 9112 §3.2 and the others with 401, all of which pass. nginx and Apache answer the same
 * (basic-servers.spec.ts runs the cases there with the whole profile).
 */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import type { RunReport } from '../../src/report/run-report.js';
import { BASIC_SERVER_ENV_VARS } from '../support/basic-servers.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';
import { lighttpdUnavailable, startLighttpd, type Lighttpd } from '../support/lighttpd.js';

const CASES = CATALOGUE.filter((c) => c.family === 'bypass-host' && c.profiles.includes('basic')).map((c) => c.id);
const TWO_LINES = (id: string): boolean => id.includes('-two-lines-');

describe('Host cases against lighttpd', function () {
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
    run = await runInProcess({ profile: 'basic', target: server.protectedUrl, envVars: BASIC_SERVER_ENV_VARS, selection: { grep: new RegExp(`^(${CASES.join('|')})$`) }, reporters: ['json'], quiet: true });
    report = reportOf(run);
  });
  after(async () => {
    await server?.stop();
    if (run) removeReports(run);
  });

  it('runs every bypass-host case of the basic profile, the two-line ones included', () => {
    expect(report.cases.map((c) => c.id).sort()).to.deep.equal([...CASES].sort());
    expect(CASES.filter(TWO_LINES)).to.have.length(2);
  });

  it('passes every one: 400 to two Host lines (RFC 9112 §3.2), 401 to one Host line of its own', () => {
    expect(report.cases.map((c) => [c.id, c.outcome, (c.actual as { status?: number } | undefined)?.status])).to.deep.equal(
      CASES.map((id) => [id, 'pass', TWO_LINES(id) ? 400 : 401]),
    );
  });
});
