/** The summary `run` and `merge` print: counts by form and level, the cases to look at, the verdict line. */
import { expect } from 'chai';
import { ansiStyle, PLAIN_STYLE, renderCliSummary, renderVerdictLine } from '../../src/report/cli-summary.js';
import type { CaseResult } from '../../src/run/results.js';
import { ALL_SAMPLE_CASES, INCONCLUSIVE, MUST_FAILURE, PASSED, SHOULD_FAILURE, sampleReport } from '../support/sample-report.js';

/** More inconclusive MUST cases than the verdict line quotes, each with its own reason. */
function inconclusiveCases(n: number): CaseResult[] {
  return Array.from({ length: n }, (_, i) => ({ ...INCONCLUSIVE, id: `${INCONCLUSIVE.id}-${i}`, reason: `could not arrange step ${i}: Expected 2xx, got 400` }));
}

describe('CLI summary', () => {
  it('a conformant run: the verdict line with every count', () => {
    expect(renderVerdictLine(sampleReport([PASSED]), PLAIN_STYLE)).to.equal(
      'Verdict: CONFORMANT — 1 passed, 0 failed, 0 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 0; cases failing only a SHOULD check: 0',
    );
  });

  it('an inconclusive run: the verdict line says so, with how many MUST cases and the first reasons', () => {
    const one = renderVerdictLine(sampleReport([PASSED, INCONCLUSIVE]), PLAIN_STYLE);
    expect(one).to.match(
      /^Verdict: INCONCLUSIVE — 1 MUST case could not be judged \(cross-unknown-key-put-object: could not arrange the scratch object: Expected 2xx, got 400 for PUT \/bigdata\/x\/scratch\.txt .*…\) — 1 passed, 0 failed, 1 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 0; cases failing only a SHOULD check: 0$/,
    );
    expect(one.split('\n')).to.have.length(1);
    const three = renderVerdictLine(sampleReport([PASSED, ...inconclusiveCases(3)]), PLAIN_STYLE);
    expect(three).to.contain(
      'Verdict: INCONCLUSIVE — 3 MUST cases could not be judged (cross-unknown-key-put-object-0: could not arrange step 0: Expected 2xx, got 400; cross-unknown-key-put-object-1: could not arrange step 1: Expected 2xx, got 400; and 1 more) — 1 passed, 0 failed, 3 inconclusive,',
    );
  });

  it('under --strict an inconclusive SHOULD case counts too; without it, it leaves the run conformant', () => {
    const should = { ...INCONCLUSIVE, id: 'should-case', level: 'should' as const, reason: 'could not read the object back' };
    expect(renderVerdictLine(sampleReport([should, INCONCLUSIVE], { strict: true }), PLAIN_STYLE)).to.match(
      /^Verdict: INCONCLUSIVE \(strict\) — 1 MUST and 1 SHOULD cases could not be judged \(should-case: could not read the object back; cross-unknown-key-put-object: /,
    );
    expect(renderVerdictLine(sampleReport([should]), PLAIN_STYLE)).to.match(/^Verdict: CONFORMANT — 0 passed, 0 failed, 1 inconclusive,/);
  });

  it('a MUST failure decides over an inconclusive case: NOT CONFORMANT', () => {
    expect(renderVerdictLine(sampleReport([MUST_FAILURE, INCONCLUSIVE]), PLAIN_STYLE)).to.match(/^Verdict: NOT CONFORMANT — 0 passed, 1 failed, 1 inconclusive,/);
  });

  it('counts inconclusive cases by form, and lists each with its reason apart from the failures', () => {
    const text = renderCliSummary(sampleReport([PASSED, SHOULD_FAILURE, INCONCLUSIVE]), PLAIN_STYLE, []);
    const lines = text.split('\n');
    expect(lines.find((l) => l.startsWith('  form '))).to.match(/^ {2}form\s+MUST\s+SHOULD\s+MAY\s+inconclusive\s+skipped$/);
    expect(lines.find((l) => l.startsWith('  Cross-cutting'))).to.match(/^ {2}Cross-cutting\s+0\/1\s+-\s+-\s+1\s+0$/);
    expect(lines.find((l) => l.startsWith('  Basic'))).to.match(/^ {2}Basic\s+1\/1\s+0\/1\s+-\s+0\s+0$/);
    const judged = lines.indexOf('Could not judge (inconclusive):');
    expect(judged).to.be.greaterThan(lines.indexOf('Failing only a SHOULD check (1):'));
    expect(lines.slice(judged + 1, judged + 3)).to.deep.equal([
      '  ? cross-unknown-key-put-object [MUST] rejects PUT object with an unknown access key',
      `      ${INCONCLUSIVE.reason}`,
    ]);
    expect(lines.slice(lines.indexOf('Failing only a SHOULD check (1):')).join('\n').split('Could not judge')[0]).to.not.contain(INCONCLUSIVE.id);
    expect(lines.at(-2)).to.match(/^Verdict: INCONCLUSIVE — 1 MUST case could not be judged/);
  });

  it('lists a failure under the level of the check that failed, never the case\'s own level beside it', () => {
    // A MUST case whose MUST check passed but whose SHOULD check (the exact status) failed.
    const mustCaseShouldCheck: CaseResult = {
      ...MUST_FAILURE,
      id: 'session-key-unknown-key-status',
      checks: [
        { name: 'rejects the request', level: 'must', passed: true },
        { name: 'answers 401', level: 'should', passed: false, message: 'Expected 401, got 403 for GET /bigdata/x' },
      ],
      failedLevel: 'should',
    };
    const report = sampleReport([MUST_FAILURE, mustCaseShouldCheck]);
    const lines = renderCliSummary(report, PLAIN_STYLE, []).split('\n');
    const must = lines.indexOf('Failing a MUST check (1):');
    const should = lines.indexOf('Failing only a SHOULD check (1):');
    expect(must).to.be.greaterThan(0);
    expect(lines.slice(must + 1, should).join('\n')).to.contain(MUST_FAILURE.id).and.not.contain(mustCaseShouldCheck.id);
    expect(lines.slice(should + 1, should + 3)).to.deep.equal([
      '  ! session-key-unknown-key-status rejects an unknown access key',
      '      [SHOULD] answers 401: Expected 401, got 403 for GET /bigdata/x',
    ]);
    expect(lines.join('\n')).not.to.contain('[MUST] rejects an unknown access key');
    expect(lines.at(-2)).to.equal(
      'Verdict: NOT CONFORMANT — 0 passed, 2 failed, 0 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 1; cases failing only a SHOULD check: 1',
    );
  });

  it('no inconclusive section when every case was judged', () => {
    expect(renderCliSummary(sampleReport(ALL_SAMPLE_CASES.filter((c) => c.outcome !== 'inconclusive')), PLAIN_STYLE, [])).to.not.contain('Could not judge');
  });

  it('colours an inconclusive verdict apart from a failed one', () => {
    const style = ansiStyle();
    expect(renderVerdictLine(sampleReport([INCONCLUSIVE]), style)).to.contain(style.yellow('INCONCLUSIVE'));
    expect(renderVerdictLine(sampleReport([MUST_FAILURE]), style)).to.contain(style.red('NOT CONFORMANT'));
  });
});
