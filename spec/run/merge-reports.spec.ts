/** merge: shard reports combined and judged as one run; reports that cannot describe one run are refused. */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { HarnessError } from '../../src/errors.js';
import type { RunReport } from '../../src/report/run-report.js';
import { mergeReports } from '../../src/run/merge-reports.js';
import { ERRORED, INCONCLUSIVE, MUST_FAILURE, PASSED, SHOULD_FAILURE, SKIPPED, sampleReport } from '../support/sample-report.js';
import { checkReport } from '../support/report.js';

function shard(report: RunReport, index: number, count: number): RunReport {
  return { ...report, selection: { shard: { index, count } } };
}

describe('merging reports', () => {
  it('judges the union as one run: cases in catalogue order, summary and verdict recomputed', () => {
    const a = shard(sampleReport([PASSED, SKIPPED]), 1, 2);
    const b = shard(sampleReport([MUST_FAILURE, SHOULD_FAILURE]), 2, 2);
    expect(a.verdict).to.equal('conformant');
    const merged = checkReport(mergeReports([{ origin: 'a.json', report: a }, { origin: 'b.json', report: b }]));
    const whole = sampleReport([MUST_FAILURE, PASSED, SHOULD_FAILURE, SKIPPED]);
    expect(merged.verdict).to.equal('non-conformant');
    expect(merged.exitCode).to.equal(1);
    expect(merged.summary).to.deep.equal(whole.summary);
    const catalogueOrder = CATALOGUE.map((c) => c.id).filter((id) => whole.cases.some((c) => c.id === id));
    expect(merged.cases.map((c) => c.id)).to.deep.equal(catalogueOrder);
    expect(merged.merged).to.deep.equal({ reports: 2 });
    expect(merged.selection).to.equal(undefined);
    expect(merged.warnings).to.have.length(1);
  });

  it('keeps strictness: a SHOULD failure fails a strict merge only', () => {
    const lenient = [sampleReport([PASSED]), sampleReport([SHOULD_FAILURE])].map((report, i) => ({ origin: `${i}`, report }));
    expect(mergeReports(lenient).verdict).to.equal('conformant');
    const strict = [sampleReport([PASSED], { strict: true }), sampleReport([SHOULD_FAILURE], { strict: true })].map((report, i) => ({ origin: `${i}`, report }));
    expect(mergeReports(strict).verdict).to.equal('non-conformant');
  });

  it('gives no verdict when a setup step failed in any shard or a case errored', () => {
    const failedSetup = sampleReport([PASSED], { setup: [{ id: 'setup-put-fixture-object', title: 'create the fixture object', ok: false, status: 401, message: 'Expected 2xx, got 401' }] });
    const merged = mergeReports([{ origin: 'a', report: sampleReport([SHOULD_FAILURE]) }, { origin: 'b', report: failedSetup }]);
    expect(merged.verdict).to.equal('error');
    expect(merged.setup).to.deep.equal(failedSetup.setup);
    expect(mergeReports([{ origin: 'a', report: sampleReport([ERRORED]) }]).exitCode).to.equal(2);
  });

  it('keeps inconclusive cases and the inconclusive verdict (exit 2); a MUST failure elsewhere still decides', () => {
    const a = shard(sampleReport([PASSED]), 1, 2);
    const b = shard(sampleReport([INCONCLUSIVE]), 2, 2);
    expect(b.verdict).to.equal('inconclusive');
    const merged = checkReport(mergeReports([{ origin: 'a', report: a }, { origin: 'b', report: b }]));
    expect(merged.verdict).to.equal('inconclusive');
    expect(merged.exitCode).to.equal(2);
    expect(merged.cases.find((c) => c.id === INCONCLUSIVE.id)).to.deep.equal(INCONCLUSIVE);
    expect(merged.summary.outcomes.inconclusive).to.equal(1);
    expect(merged.summary.byLevel.must.inconclusive).to.equal(1);
    const failing = mergeReports([{ origin: 'a', report: shard(sampleReport([MUST_FAILURE]), 1, 2) }, { origin: 'b', report: b }]);
    expect([failing.verdict, failing.exitCode]).to.deep.equal(['non-conformant', 1]);
  });

  it('an inconclusive SHOULD case leaves a run conformant, and inconclusive under --strict', () => {
    const should = { ...INCONCLUSIVE, level: 'should' as const };
    const lenient = [sampleReport([PASSED]), sampleReport([should])].map((report, i) => ({ origin: `${i}`, report }));
    expect(mergeReports(lenient).verdict).to.equal('conformant');
    const strict = [sampleReport([PASSED], { strict: true }), sampleReport([should], { strict: true })].map((report, i) => ({ origin: `${i}`, report }));
    expect(mergeReports(strict).verdict).to.equal('inconclusive');
  });

  it('warns when shards of a set are missing', () => {
    const merged = mergeReports([{ origin: 'a', report: shard(sampleReport([PASSED]), 1, 3) }, { origin: 'b', report: shard(sampleReport([SKIPPED]), 3, 3) }]);
    expect(merged.warnings).to.include('merged 2 of 3 shards: shard 2/3 missing, so part of the selection was not run');
  });

  it('keeps the filters the shards share', () => {
    const report = { ...sampleReport([PASSED]), selection: { forms: ['basic' as const], shard: { index: 1, count: 2 } } };
    const other = { ...sampleReport([SKIPPED]), selection: { forms: ['basic' as const], shard: { index: 2, count: 2 } } };
    expect(mergeReports([{ origin: 'a', report }, { origin: 'b', report: other }]).selection).to.deep.equal({ forms: ['basic'] });
  });

  const refusals: [string, RunReport, RegExp][] = [
    ['the same case twice', sampleReport([PASSED]), /case basic-valid-get-object is in both a\.json and b\.json/],
    ['another target', { ...sampleReport([SKIPPED]), target: { mode: 'target', baseUrl: 'http://elsewhere:1', profile: 'v3io' } }, /b\.json has target target http:\/\/elsewhere:1/],
    ['another profile', { ...sampleReport([SKIPPED]), target: { ...sampleReport([SKIPPED]).target, profile: 'basic' } }, /b\.json has target .* profile basic/],
    ['another strictness', sampleReport([SKIPPED], { strict: true }), /b\.json has strict true/],
    ['another tool version', { ...sampleReport([SKIPPED]), tool: { name: 'v3io-auth-conformance', version: '9.9.9' } }, /tool version 9\.9\.9/],
    ['other filters', { ...sampleReport([SKIPPED]), selection: { level: 'must' } }, /b\.json has selection --level must, a\.json has none/],
  ];
  for (const [what, other, message] of refusals) {
    it(`refuses reports with ${what}`, () => {
      const merge = (): RunReport => mergeReports([{ origin: 'a.json', report: sampleReport([PASSED]) }, { origin: 'b.json', report: other }]);
      expect(merge).to.throw(HarnessError, message);
    });
  }
});
