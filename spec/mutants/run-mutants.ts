/**
 * `npm run mutants` (node dist/spec/mutants/run-mutants.js): the suite's power, measured. Runs the
 * whole suite against the correct reference and against every deliberately broken variant
 * (spec/broken/variants.ts), each served over real HTTP, and prints one row per deviation: its
 * level, whether the suite caught it, and every case that failed against it.
 *
 *   node dist/spec/mutants/run-mutants.js [--concurrency <n>] [--only <id,...>] [--markdown]
 *
 * `--markdown` prints the table docs/power.md shows. Exit 0 when every variant is caught and the
 * correct reference passes, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { createReference } from '../../src/reference/handler.js';
import { BROKEN_SERVERS } from '../broken/all.js';
import { inPool, runAgainst, runMutant, type MutantOutcome } from './mutant-run.js';

const SHOWN_IDS = 6;

function failingAtLevel(outcome: MutantOutcome): string[] {
  return [...outcome.failed].filter(([, level]) => level === outcome.variant.level).map(([id]) => id);
}

function textRow(outcome: MutantOutcome): string {
  const { variant } = outcome;
  const caughtBy = failingAtLevel(outcome);
  const shown = caughtBy.slice(0, SHOWN_IDS).join(', ') + (caughtBy.length > SHOWN_IDS ? `, … (${caughtBy.length} in all)` : '');
  const verdict = outcome.caught ? 'caught' : `NOT CAUGHT: ${outcome.problem ?? ''}`;
  return [`${variant.id} [${variant.level.toUpperCase()}] ${verdict}`, `    ${variant.deviation}`, `    caught by: ${shown || '-'}`].join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function markdownTable(outcomes: readonly MutantOutcome[]): string {
  const rows = outcomes.map((outcome) => {
    const { variant } = outcome;
    const others = failingAtLevel(outcome).length - variant.caughtBy.length;
    const caughtBy = variant.caughtBy.map((id) => `\`${id}\``).join(', ') + (others > 0 ? ` and ${others} more` : '');
    return `| \`${variant.id}\`: ${cell(variant.deviation)} | ${variant.level.toUpperCase()} | ${outcome.caught ? caughtBy : `**not caught**: ${cell(outcome.problem ?? '')}`} |`;
  });
  return ['| deviation | level | caught by |', '|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '2' }, only: { type: 'string' }, markdown: { type: 'boolean', default: false } } });
  const only = values.only?.split(',').map((s) => s.trim());
  const variants = BROKEN_SERVERS.filter((v) => !only || only.includes(v.id));
  const concurrency = Math.max(1, Number(values.concurrency) || 2);
  process.stderr.write(`running the suite against the correct reference and ${variants.length} broken servers, ${concurrency} at a time…\n`);
  const [control, ...outcomes] = await inPool<MutantOutcome | Awaited<ReturnType<typeof runAgainst>>>(
    [() => runAgainst(createReference()), ...variants.map((variant) => () => runMutant(variant))],
    concurrency,
  );
  const controlRun = control as Awaited<ReturnType<typeof runAgainst>>;
  const controlPasses = controlRun.exitCode === 0 && (controlRun.report?.summary.failingCases.must ?? 1) === 0;
  const results = outcomes as MutantOutcome[];
  const caught = results.filter((o) => o.caught).length;
  if (values.markdown) {
    process.stdout.write(`${markdownTable(results)}\n`);
  } else {
    process.stdout.write(`correct reference: ${controlPasses ? 'passes' : `DOES NOT PASS (exit ${String(controlRun.exitCode)})`}\n\n`);
    process.stdout.write(`${results.map(textRow).join('\n\n')}\n\n`);
  }
  process.stdout.write(`${caught} of ${results.length} deviations caught; the correct reference ${controlPasses ? 'passes' : 'fails'}\n`);
  return caught === results.length && controlPasses ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`run-mutants: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
