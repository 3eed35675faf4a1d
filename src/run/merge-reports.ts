/**
 * Combines the reports of shard runs (or of any runs over disjoint parts of the catalogue) into
 * one, judged exactly as a single run over their union would be: the cases in catalogue order,
 * a setup step failed if it failed in any run, the summary and verdict recomputed.
 *
 * Reports that cannot describe one run — another tool version, target, strictness or filter, or
 * a case present twice — are refused rather than merged into a misleading verdict.
 */
import { catalogueFor } from '../cases/index.js';
import { HarnessError } from '../errors.js';
import type { RunReport } from '../results/run-report.js';
import { exitCodeOf, summarise, verdictOf, type StepResult } from './results.js';
import { describeSelection, type SelectionRecord, type Shard } from './selection.js';

export interface NamedReport {
  /** Where the report came from (its file), for messages. */
  readonly origin: string;
  readonly report: RunReport;
}

// The order of a run with the whole bypass toolbox: shards of a `--bypass full` run merge too.
const CATALOGUE_ORDER = new Map(catalogueFor('full').map((c, i) => [c.id, i]));

function refuse(message: string): never {
  throw new HarnessError('incompatible-reports', `cannot merge: ${message}`);
}

/** The selection without its shard, as a comparable key. */
function filtersOf(selection: SelectionRecord | undefined): SelectionRecord {
  return {
    ...(selection?.only ? { only: selection.only } : {}),
    ...(selection?.grep !== undefined ? { grep: selection.grep } : {}),
    ...(selection?.forms ? { forms: selection.forms } : {}),
    ...(selection?.level ? { level: selection.level } : {}),
  };
}

function requireSame(first: NamedReport, others: readonly NamedReport[], what: string, key: (r: RunReport) => string): void {
  const expected = key(first.report);
  for (const input of others) {
    const actual = key(input.report);
    if (actual !== expected) refuse(`${input.origin} has ${what} ${actual}, ${first.origin} has ${expected}`);
  }
}

/** A step failed if it failed anywhere; its status and message are those of the first failure. */
function mergeSteps(lists: readonly (readonly StepResult[])[]): StepResult[] {
  const byId = new Map<string, StepResult>();
  for (const steps of lists) {
    for (const step of steps) {
      const seen = byId.get(step.id);
      if (!seen || (seen.ok && !step.ok)) byId.set(step.id, step);
    }
  }
  return [...byId.values()];
}

/** Warnings about shards: which of a complete set `i/n` were not given. */
function shardWarnings(inputs: readonly NamedReport[]): string[] {
  const shards = inputs.map((i) => i.report.selection?.shard);
  if (!shards.every((s): s is Shard => s !== undefined)) return [];
  const count = shards[0]?.count;
  if (count === undefined || shards.some((s) => s.count !== count)) return [];
  const given = new Set(shards.map((s) => s.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !given.has(i));
  if (missing.length === 0) return [];
  return [`merged ${given.size} of ${count} shards: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing, so part of the selection was not run`];
}

export function mergeReports(inputs: readonly NamedReport[]): RunReport {
  const [first, ...others] = inputs;
  if (!first) refuse('no report given');
  requireSame(first, others, 'tool version', (r) => r.tool.version);
  requireSame(first, others, 'target', (r) => `${r.target.mode} ${r.target.baseUrl} profile ${r.target.profile}`);
  requireSame(first, others, 'strict', (r) => String(r.strict));
  requireSame(first, others, 'selection', (r) => describeSelection(filtersOf(r.selection)) || 'none');

  const owner = new Map<string, string>();
  for (const { origin, report } of inputs) {
    for (const c of report.cases) {
      const other = owner.get(c.id);
      if (other !== undefined) refuse(`case ${c.id} is in both ${other} and ${origin} (overlapping shards or the same report twice)`);
      owner.set(c.id, origin);
    }
  }
  const order = (id: string): number => CATALOGUE_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
  const cases = inputs.flatMap((i) => i.report.cases).sort((a, b) => order(a.id) - order(b.id));
  const setup = mergeSteps(inputs.map((i) => i.report.setup));
  const teardown = mergeSteps(inputs.map((i) => i.report.teardown));
  const strict = first.report.strict;
  const summary = summarise(cases);
  const verdict = verdictOf(summary, setup, strict);
  const starts = inputs.map((i) => Date.parse(i.report.startedAt));
  const ends = inputs.map((i) => Date.parse(i.report.startedAt) + i.report.durationMs);
  const startedAt = Math.min(...starts);
  const filters = filtersOf(first.report.selection);
  const warnings = [...new Set([...inputs.flatMap((i) => i.report.warnings), ...shardWarnings(inputs)])];
  return {
    tool: first.report.tool,
    target: first.report.target,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.max(...ends) - startedAt,
    strict,
    verdict,
    exitCode: exitCodeOf(verdict),
    summary,
    setup,
    teardown,
    cases,
    warnings,
    ...(Object.keys(filters).length > 0 ? { selection: filters } : {}),
    merged: { reports: inputs.length },
  };
}
