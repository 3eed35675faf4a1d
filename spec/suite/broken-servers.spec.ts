/**
 * The suite's power: every deliberately broken server (spec/broken/all.ts), served over real
 * HTTP, is caught by the cases it names — a MUST deviation fails the run (exit 1) with those cases
 * failing at MUST level, a SHOULD deviation leaves the run conformant (exit 0) with them failing at
 * SHOULD level. To keep the test time reasonable each variant runs only the cases it names (with
 * the fixtures), in the test process, two at a time — except the two variants whose whole-suite
 * runs other tests make anyway (support/shared-runs.ts), judged from those; `npm run mutants` runs
 * the whole suite against each one and the correct reference (served-run.spec.ts runs the correct
 * reference the same way).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';
import { BROKEN_SERVERS } from '../broken/all.js';
import { inPool, judgeMutant, runMutant, type MutantOutcome, type MutantRun } from '../mutants/mutant-run.js';
import { readReport } from '../support/report.js';
import { echoingServerCliRun, noChallengeRun } from '../support/shared-runs.js';

/** Broken servers judged from a whole-suite run that is shared with other tests. */
const SHARED_RUNS: Readonly<Record<string, () => Promise<MutantRun>>> = {
  'echoes-credential-in-error': async () => {
    const { result, out } = await echoingServerCliRun();
    return { exitCode: result.code, report: readReport(out), stderr: result.stderr };
  },
  'no-challenge': async () => {
    const run = await noChallengeRun();
    return { exitCode: run.code, report: run.report, stderr: run.error?.message ?? '' };
  },
};

describe('deliberately broken servers are caught', function () {
  this.timeout(600_000);
  const outcomes = new Map<string, MutantOutcome>();

  before(async () => {
    // The shared runs first, one at a time: they may start a CLI child of their own.
    for (const server of BROKEN_SERVERS.filter((v) => SHARED_RUNS[v.id])) outcomes.set(server.id, judgeMutant(server, await SHARED_RUNS[server.id]!()));
    const rest = BROKEN_SERVERS.filter((v) => !SHARED_RUNS[v.id]);
    const results = await inPool(rest.map((server) => () => runMutant(server, { onlyCaughtBy: true, mode: 'in-process' })), 2);
    for (const outcome of results) outcomes.set(outcome.variant.id, outcome);
  });

  it('has at least 45 broken servers, a dozen of them written apart from the reference, each a single documented deviation with the cases that catch it', () => {
    expect(BROKEN_SERVERS.length).to.be.at.least(45);
    expect(BROKEN_SERVERS.filter((s) => s.kind === 'independent server').length).to.be.at.least(12);
    expect(new Set(BROKEN_SERVERS.map((v) => v.id)).size).to.equal(BROKEN_SERVERS.length);
    for (const variant of BROKEN_SERVERS) {
      expect(variant.deviation, variant.id).to.have.length.greaterThan(20);
      expect(variant.caughtBy, variant.id).to.not.be.empty;
    }
  });

  it("docs/power.md's table lists every variant with its level (refresh it with npm run mutants -- --markdown)", () => {
    const power = readFileSync(join(packageRoot(), 'docs', 'power.md'), 'utf8');
    const table = /<!-- mutants-table:start -->\n([\s\S]*?)\n<!-- mutants-table:end -->/.exec(power)?.[1] ?? '';
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).to.deep.equal(BROKEN_SERVERS.map((v) => v.id));
    for (const variant of BROKEN_SERVERS) {
      expect(rows.find((row) => row.startsWith(`| \`${variant.id}\``)), variant.id).to.contain(`| ${variant.level.toUpperCase()} |`);
    }
  });

  for (const variant of BROKEN_SERVERS) {
    it(`${variant.id}: ${variant.deviation} (${variant.level.toUpperCase()})`, () => {
      const outcome = outcomes.get(variant.id);
      expect(outcome, 'not run').to.not.equal(undefined);
      expect(outcome!.missed, `cases that did not fail at ${variant.level.toUpperCase()} level`).to.deep.equal([]);
      expect(outcome!.exitCode, outcome!.stderr).to.equal(variant.level === 'must' ? 1 : 0);
      expect(outcome!.caught, outcome!.problem).to.equal(true);
    });
  }
});
