/** How the reports show pacing (src/results/pacing-record.ts): a line when it departed from the options, nothing otherwise. */
import { expect } from 'chai';
import { PLAIN_STYLE, renderCliSummary } from '../../src/report/cli-summary.js';
import { htmlReporter } from '../../src/report/html-report.js';
import { markdownReporter } from '../../src/report/markdown-report.js';
import type { RunReport } from '../../src/report/run-report.js';
import { describePacing, pacingHint } from '../../src/results/pacing-record.js';
import type { PacingRecord } from '../../src/results/run-report.js';
import { PASSED, sampleReport } from '../support/sample-report.js';

const PACED: PacingRecord = {
  adapted: true,
  answers: 41,
  p50Ms: 2310,
  p99Ms: 4870,
  timeoutMs: 14610,
  concurrency: { ceiling: 8, highest: 8, lowest: 1, decreases: 3 },
  timeouts: 2,
  retryAfterWaits: 0,
  retryAfterAnswers: 0,
  notWaited: [],
  retried: [{ id: 'basic-valid', outcome: 'answered 200 when sent alone' }],
};
const UNPACED: PacingRecord = { ...PACED, adapted: false, p50Ms: 3, p99Ms: 20, timeoutMs: 10_000, concurrency: { ceiling: 8, highest: 8, lowest: 8, decreases: 0 }, timeouts: 0, retried: [] };

const withPacing = (pacing: PacingRecord): RunReport => ({ ...sampleReport([PASSED]), pacing });

describe('pacing in the reports', () => {
  it('one line says the latencies, the timeout, the requests in flight, the timeouts and the cases sent again', () => {
    expect(describePacing(PACED, 10_000)).to.equal(
      'p50 2310 ms, p99 4870 ms over 41 answers; timeout 14610 ms (--timeout 10000); 1 to 8 requests in flight (ceiling 8, lowered 3 times); 2 timeouts; sent again: basic-valid (answered 200 when sent alone)',
    );
    const many = { ...PACED, retried: Array.from({ length: 7 }, (_, i) => ({ id: `case-${i}`, outcome: 'answered 200 when sent alone' })) };
    expect(describePacing(many)).to.match(/sent again: case-0 \(.*\), case-4 \(answered 200 when sent alone\) and 2 more$/);
  });

  it('the CLI summary, the Markdown and the HTML report show it when pacing changed anything, and only then', () => {
    const paced = withPacing(PACED);
    const plain = withPacing(UNPACED);
    expect(renderCliSummary(paced, PLAIN_STYLE, [])).to.contain(`Pacing: ${describePacing(PACED)}\nVerdict: CONFORMANT`);
    expect(renderCliSummary(plain, PLAIN_STYLE, [])).to.not.contain('Pacing:');
    expect(markdownReporter.render(paced)).to.contain('- Pacing: p50 2310 ms, p99 4870 ms');
    expect(markdownReporter.render(plain)).to.not.contain('Pacing:');
    expect(htmlReporter.render(paced)).to.contain('<li>Pacing: p50 2310 ms, p99 4870 ms');
    expect(htmlReporter.render(plain)).to.not.contain('Pacing:');
  });

  it('the stderr hint is one line, present only when pacing changed anything', () => {
    const hint = pacingHint(PACED);
    expect(hint).to.equal('the target was slow (p99 4870 ms): the run paced itself (timeout 14610 ms, 1 to 8 requests in flight, 1 case sent again); "pacing" in conformance.json says more');
    expect(pacingHint(UNPACED)).to.equal(undefined);
    expect(pacingHint(undefined)).to.equal(undefined);
  });
});
