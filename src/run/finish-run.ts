/**
 * The end of a run: a finished run's results (the transport cases measured on a real target, the
 * teardown completed by the runner when the engine's failed), and a stopped run's partial ones
 * (what was judged is kept; the rest not judged or not run, never charged to the server).
 */
import type { ConformanceCase } from '../cases/model.js';
import type { HarnessError } from '../errors.js';
import type { RunReport } from '../results/run-report.js';
import { assembleReport } from './assemble-report.js';
import type { ItemRecord } from './engine.js';
import { completeTeardown, removeFixtures } from './fixtures.js';
import type { PreparedRun } from './prepare-run.js';
import { resultBase, stepResults, type CaseResult } from './results.js';
import type { RunRecord } from './run-record.js';
import { transportResults } from './transport-checks.js';

/** The report of a run that sent every case: `records` are the engine's, in collection order. */
export async function finishRun(run: PreparedRun, record: RunRecord, records: readonly ItemRecord[]): Promise<RunReport> {
  const { setup, teardown } = run.profile.fixtures;
  const byId = new Map(records.map((r) => [r.id, r]));
  // Transport cases (TLS versions, HSTS) on a real target, those of its scheme.
  const transport = run.realTarget ? await transportResults(run.chosen, run.baseUrl, records, run.options.timeoutMs) : [];
  const cases = [...run.selected.map((testCase) => record.resultOf(testCase, byId)), ...transport];
  const teardownResults = await completeTeardown(stepResults(teardown, byId, true), run.realTarget, () => removeFixtures(run, record.liveness.signal.aborted, record.pacer));
  return assembleReport(run, record.pacer, { cases, setup: stepResults(setup, byId), teardown: teardownResults });
}

/** A case the run could not judge because the target went away: never charged to the server. */
function notJudged(testCase: ConformanceCase, why: string): CaseResult {
  return { ...resultBase(testCase), outcome: 'inconclusive', actual: null, request: null, checks: [], failedLevel: null, reason: `not judged: ${why.split(': no verdict')[0] ?? why}` };
}

/** A selected case the run never got to. */
function notRun(testCase: ConformanceCase, why: string): CaseResult {
  return { ...resultBase(testCase), outcome: 'skip', actual: null, request: null, checks: [], failedLevel: null, reason: `not run: the run stopped (${why})` };
}

/** The partial report of a run stopped after it began (a signal, a failed fixture, an engine stuck, the target gone). */
export function stoppedReport(run: PreparedRun, record: RunRecord, error: HarnessError): RunReport {
  const reached = (testCase: ConformanceCase): boolean => record.reached(testCase.id);
  const unanswered = record.liveness.unanswered();
  const cases = run.selected.map((testCase) =>
    error.code === 'target-gone' && (unanswered.has(testCase.id) || !reached(testCase))
      ? notJudged(testCase, error.message)
      : reached(testCase)
        ? record.resultOf(testCase)
        : notRun(testCase, error.message),
  );
  const { setup, teardown } = run.profile.fixtures;
  const teardownResults = record.directTeardown ?? stepResults(teardown, record.items, true);
  return assembleReport(run, record.pacer, { cases, setup: stepResults(setup, record.items), teardown: teardownResults, stopped: { error, reached: run.selected.filter(reached).length } });
}
