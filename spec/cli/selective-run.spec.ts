/**
 * A run over part of the catalogue: only the selected requests are sent, only they are reported;
 * progress goes to stderr as plain lines when it is not a terminal; --quiet and --reporter choose
 * what is printed and written (the command line in the test process, support/cli-in-process.ts).
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { CATALOGUE } from '../../src/cases/index.js';
import { FIXTURES } from '../../src/cases/operations.js';
import { runConformance } from '../../src/commands/conformance-run.js';
import { selectCases } from '../../src/run/selection.js';
import { tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { readReport } from '../support/report.js';

describe('selective runs', function () {
  this.timeout(120_000);

  it('sends only the selected cases (and the fixture steps) and reports only them', async () => {
    const selection = { forms: ['aws-sigv2' as const], shard: { index: 2, count: 3 } };
    const expected = selectCases(CATALOGUE, selection).map((c) => c.id);
    const sent: string[] = [];
    const outcomes: string[] = [];
    const events: string[] = [];
    const outcome = await runConformance({
      outDir: tempDir('v3io-selective-'),
      strict: false,
      timeoutMs: 10_000,
      reporters: [],
      selection,
      onEvent: (event) => {
        if (event.type === 'step-done') sent.push(event.trace.id);
        if (event.type !== 'step-done' && event.type !== 'target-resolved') events.push(event.type);
      },
      progress: { start: (total) => outcomes.push(`start ${total}`), caseDone: (o) => outcomes.push(o), finish: () => outcomes.push('finish') },
    });
    const fixtures = new Set<string>([...FIXTURES.setup, ...FIXTURES.teardown].map((s) => s.id));
    // In any order: the ordered groups run side by side (--concurrency).
    expect(sent.filter((id) => !fixtures.has(id)).sort()).to.deep.equal([...expected].sort());
    expect(outcome.report.cases.map((c) => c.id)).to.deep.equal(expected);
    expect(outcome.report.summary.total).to.equal(expected.length);
    expect(outcome.report.selection).to.deep.equal({ forms: ['aws-sigv2'], shard: { index: 2, count: 3 } });
    expect(outcomes).to.deep.equal([`start ${expected.length}`, ...expected.map(() => 'pass'), 'finish']);
    // The progress output is one consumer of the run's events: each case judged once, in order.
    expect(events).to.deep.equal(['run-started', ...expected.flatMap(() => ['case-started', 'case-judged']), 'run-ended']);
    // Shards running at once against one target keep their fixtures apart.
    const paths = outcome.report.cases.map((c) => c.request?.path ?? '');
    expect(paths.filter((p) => p.includes('/v3io-auth-conformance/'))).to.satisfy((ps: string[]) => ps.length > 0 && ps.every((p) => p.includes('/v3io-auth-conformance/shard-2-of-3/')));
  });

  it('prints progress lines on stderr when it is not a terminal, and writes only the chosen reports', async () => {
    const out = tempDir('v3io-progress-');
    const result = await runCliInProcess(['run', '--out', out, '--form', 'aws-sigv2', '--reporter', 'json,md']);
    expect(result.code, result.stderr).to.equal(0);
    const total = CATALOGUE.filter((c) => c.form === 'aws-sigv2').length;
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).to.equal(`progress: 0/${total} cases done, 0 failed, 0 inconclusive, 0 errors`);
    expect(lines.at(-1)).to.equal(`progress: ${total}/${total} cases done, 0 failed, 0 inconclusive, 0 errors`);
    for (const line of lines) expect(line).to.match(/^progress: \d+\/\d+ cases done, \d+ failed, \d+ inconclusive, \d+ errors$/);
    expect(lines.length).to.be.within(3, 12);
    expect(readdirSync(out).sort()).to.deep.equal(['conformance.json', 'conformance.md']);
    // Without the cli reporter: the verdict line and where the reports are, no table.
    expect(result.stdout.trim().split('\n')).to.have.length(2);
    expect(result.stdout).to.match(/^Verdict: CONFORMANT — \d+ passed/);
    const report = readReport(out);
    expect(new Set(report.cases.map((c) => c.form))).to.deep.equal(new Set(['aws-sigv2']));
  });

  it('--quiet prints the verdict line alone and no progress', async () => {
    const out = tempDir('v3io-quiet-');
    const result = await runCliInProcess(['run', '--out', out, '--grep', '^basic-valid-', '--quiet']);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.equal('');
    expect(result.stdout).to.match(/^Verdict: CONFORMANT — \d+ passed, 0 failed, 0 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 0; cases failing only a SHOULD check: 0\n$/);
    expect(readdirSync(out).sort()).to.deep.equal(['conformance.html', 'conformance.json', 'conformance.md', 'junit.xml']);
  });
});
