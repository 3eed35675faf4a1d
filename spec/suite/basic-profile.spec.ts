/**
 * `run --profile basic`: the Basic and cross-cutting cases judged against a generic Basic server's
 * protected URL — on the embedded reference, on the reference served over real HTTP (given as
 * one protected URL), and on every broken server whose deviation the profile's cases can see (each
 * against the profile's cases that name it). The runs are in the test process; so is the command
 * line of the usage error (support/cli-in-process.ts).
 */
import { expect } from 'chai';
import { runCliInProcess } from '../support/cli-in-process.js';
import { isRequestCase, isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { casesOf, PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import type { RunReport } from '../../src/report/run-report.js';
import { BROKEN_VARIANTS } from '../broken/variants.js';
import { inPool, judgeMutant, runAgainst, type MutantOutcome } from '../mutants/mutant-run.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';

/** The profile's request cases: its transport cases need a real target, and send no request of their own. */
const BASIC_IDS = new Set(casesOf(PROFILE_DEFINITIONS.basic, CATALOGUE).filter(isRequestCase).map((c) => c.id));
const WIRE_IDS = new Set(CATALOGUE.filter((c) => isWireCase(c) && BASIC_IDS.has(c.id)).map((c) => c.id));

describe('run --profile basic', function () {
  this.timeout(300_000);

  describe('on the embedded reference', () => {
    let result: InProcessRun;
    let report: RunReport;
    before(async () => {
      result = await runInProcess({ profile: 'basic', reporters: ['json'], quiet: true });
      report = reportOf(result);
    });
    after(() => removeReports(result));

    it('is conformant and records the profile in the report', () => {
      expect(result.code, result.error?.message).to.equal(0);
      expect(report.target).to.deep.include({ mode: 'embedded', profile: 'basic' });
      expect(result.stdout).to.match(/^Verdict: CONFORMANT/);
    });

    it("runs the profile's cases and no other, the wire cases on a socket to the served reference, none skipped", () => {
      expect(report.cases.map((c) => c.id).sort()).to.deep.equal([...BASIC_IDS].sort());
      expect(report.cases.filter((c) => c.outcome === 'skip').map((c) => c.id)).to.deep.equal([]);
      expect(report.cases.filter((c) => WIRE_IDS.has(c.id) && c.outcome === 'pass').length).to.equal(WIRE_IDS.size);
      expect(report.setup).to.deep.equal([]);
      expect(report.teardown).to.deep.equal([]);
    });
  });

  describe('on a server given as one protected URL', () => {
    let server: ReferenceServer;
    let result: InProcessRun;
    let report: RunReport;
    before(async () => {
      server = await startReferenceServer({ port: 0, errorLog: () => {} });
      const { main, colon, utf8 } = REFERENCE_IDENTITIES;
      const envVars: [string, string][] = [
        ['username', main.username],
        ['password', main.password],
        ['colonUsername', colon.username],
        ['colonPassword', colon.password],
        ['utf8Username', utf8.username],
        ['utf8Password', utf8.password],
      ];
      result = await runInProcess({ profile: 'basic', target: `${server.url}/bigdata/`, envVars, reporters: ['json', 'junit'], quiet: true });
      report = reportOf(result);
    });
    after(async () => {
      await server.close();
      removeReports(result);
    });

    it('passes every case, the wire cases included, against the protected URL', () => {
      expect(result.code, result.error?.message).to.equal(0);
      expect(report.target).to.deep.equal({ mode: 'target', baseUrl: server.url, profile: 'basic' });
      const notPassed = report.cases.filter((c) => c.outcome !== 'pass' && BASIC_IDS.has(c.id)).map((c) => `${c.id}: ${c.outcome}`);
      expect(notPassed).to.deep.equal([]);
      const sent = report.cases.filter((c) => BASIC_IDS.has(c.id)).map((c) => c.request?.path);
      expect(new Set(sent)).to.deep.equal(new Set(['/bigdata/']));
      // Each case's time, newman's and the raw-socket ones alike, for the JUnit file.
      const untimed = report.cases.filter((c) => BASIC_IDS.has(c.id) && !(typeof c.durationMs === 'number' && c.durationMs >= 0)).map((c) => c.id);
      expect(untimed).to.deep.equal([]);
    });

    it('writes no credential into the reports', () => {
      const { main } = REFERENCE_IDENTITIES;
      const text = JSON.stringify(report);
      expect(text).to.not.include(main.password);
      expect(text).to.not.include(Buffer.from(`${main.username}:${main.password}`).toString('base64'));
    });
  });

  it('refuses an unknown profile with a one-line usage error', async () => {
    const result = await runCliInProcess(['run', '--profile', 'ldap']);
    expect(result.code).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(/--profile.*ldap.*(v3io, basic|v3io.*basic)/i);
  });

  describe('catches the broken servers a generic Basic server could be', () => {
    // The variants with a deviation the basic profile's cases see, each to be caught by those cases
    // alone (only they are run). Not plain-text-errors: the profile judges no body, so its answers
    // are conformant there.
    const BODY_ONLY = 'plain-text-errors';
    const visible = BROKEN_VARIANTS.map((variant) => ({ ...variant, caughtBy: variant.caughtBy.filter((id) => BASIC_IDS.has(id)) })).filter(
      (variant) => variant.caughtBy.length > 0 && variant.id !== BODY_ONLY,
    );
    const outcomes = new Map<string, MutantOutcome>();
    before(async () => {
      const results = await inPool(
        visible.map((variant) => async () => judgeMutant(variant, await runAgainst(variant.reference(), variant.caughtBy, 'basic', 'in-process'))),
        2,
      );
      for (const outcome of results) outcomes.set(outcome.variant.id, outcome);
    });

    it('has the Basic deviations among them', () => {
      const ids = visible.map((v) => v.id);
      for (const id of ['basic-ignores-password', 'basic-splits-at-last-colon', 'no-challenge', 'lenient-base64', 'proxy-authorization-accepted', 'crashes-on-malformed-basic']) {
        expect(ids, id).to.include(id);
      }
    });

    it('finds a server whose error bodies are plain text conformant: the profile judges no body', async () => {
      const plain = BROKEN_VARIANTS.find((v) => v.id === BODY_ONLY);
      const run = await runAgainst(plain!.reference(), undefined, 'basic', 'in-process');
      expect(run.exitCode, run.stderr).to.equal(0);
      expect(run.report?.cases.filter((c) => c.outcome === 'fail').map((c) => c.id)).to.deep.equal([]);
    });

    for (const variant of visible) {
      it(`${variant.id} (${variant.level.toUpperCase()})`, () => {
        const outcome = outcomes.get(variant.id);
        expect(outcome, 'not run').to.not.equal(undefined);
        expect(outcome!.caught, outcome!.problem).to.equal(true);
      });
    }
  });
});
