/**
 * A run, composed: prepare it (prepare-run.ts: the target, its variables, the selection, the
 * secrets and their masking), start the embedded reference if there is no target
 * (reference-lifecycle.ts), send the HTTP cases with the engine chosen from the table (engines.ts,
 * one contract: engine.ts) and the wire cases over raw sockets (send-cases.ts), each case judged
 * once as its record completes (run-record.ts, case-result.ts), then finish (finish-run.ts: the
 * transport cases, the teardown, the report). It tells what happens as events (run-events.ts) and
 * writes nothing: the composition root (src/commands/conformance-run.ts) shows progress and
 * writes the reports.
 */
import { HarnessError } from '../errors.js';
import type { ItemRecord } from './engine.js';
import { chooseEngine, DEFAULT_ENGINE } from './engines.js';
import { finishRun, stoppedReport } from './finish-run.js';
import { prepareRun } from './prepare-run.js';
import { startReference } from './reference-lifecycle.js';
import type { RunEvent } from './run-events.js';
import { RunRecord } from './run-record.js';
import { sendHttpCases, sendWireCases } from './send-cases.js';
import type { SuiteOptions, SuiteOutcome } from './suite-options.js';

export { DEFAULT_CONCURRENCY, DEFAULT_ENGINE, ENGINES, type EngineName } from './engines.js';
export type { SuiteOptions, SuiteOutcome } from './suite-options.js';

/**
 * Runs the selected cases and returns the report; tells what happens through `onEvent`. A run
 * that stops after its start (a signal, a failed fixture step, a target gone) tells `run-ended`
 * with its partial report before it rejects with the reason, unless a MUST failure seen by then
 * decides the verdict: it then resolves with that partial report.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteOutcome> {
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  options.signal?.throwIfAborted();
  const run = prepareRun(options, emit);
  const given = run.givenCollection ? { collection: run.givenCollection, environment: run.environment } : undefined;
  const engine = chooseEngine(options.engine ?? DEFAULT_ENGINE, given);
  const record = new RunRecord(run, engine, emit);
  const reference = await startReference(run, engine, record.pacer);
  emit({ type: 'run-started', cases: run.selected.length });
  let records: ItemRecord[];
  try {
    records = await sendHttpCases(run, engine, reference, record);
    await sendWireCases(run, engine, reference, record);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    // Stopped after it began: what was judged is kept in a partial report.
    const report = stoppedReport(run, record, error);
    emit({ type: 'run-ended', report });
    // A MUST failure seen before the target went away still decides: the report says NOT CONFORMANT.
    if (report.verdict === 'non-conformant') return { report, exitCode: report.exitCode, redact: run.mask };
    throw error;
  } finally {
    await reference.release();
  }
  const report = await finishRun(run, record, records);
  emit({ type: 'run-ended', report });
  return { report, exitCode: report.exitCode, redact: run.mask };
}
