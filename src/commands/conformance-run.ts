/**
 * The composition root of a run: the one place that wires the run (src/run/run-suite.ts) to what
 * consumes its events — the progress output and the reporters — and that writes the reports: a
 * finished run's, a stopped run's partial ones, and those of a run that could not start.
 */
import { DEFAULT_PROFILE } from '../cases/model.js';
import { HarnessError } from '../errors.js';
import { packageVersion } from '../package-info.js';
import type { RunReport } from '../results/run-report.js';
import type { ProgressListener } from '../report/progress.js';
import { createRedactor, secretForms } from '../report/redact.js';
import type { Reporter } from '../report/run-report.js';
import { writeStartFailureReports } from '../report/start-failure.js';
import { writeReports } from '../report/write-reports.js';
import type { RunEvent } from '../run/run-events.js';
import type { RunSecrets } from '../run/run-secrets.js';
import { runSuite, type SuiteOptions } from '../run/run-suite.js';
import { checkOutputDirectory } from '../run/start-checks.js';

export interface ConformanceRunOptions extends Omit<SuiteOptions, 'maskFor'> {
  readonly outDir: string;
  readonly reporters: readonly Reporter[];
  /** Shows the run's progress: the number of selected cases, then each case's outcome as it is judged. */
  readonly progress?: ProgressListener;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  readonly writtenFiles: readonly string[];
  /** Masks every secret of the run's environment in a text. */
  readonly redact: (text: string) => string;
}

/** Every spelling of the run's secrets that a reporter (or a target echoing them) may give. */
const maskFor = (secrets: RunSecrets): ((text: string) => string) => createRedactor(secretForms(secrets.values, secrets.pairs, secrets.derived));

/** What the run told so far, for the reports of a run that stops. */
interface Heard {
  target?: { mode: 'embedded' | 'target'; baseUrl: string };
  started: boolean;
  ended?: RunReport;
}

function consumeEvents(progress: ProgressListener | undefined, heard: Heard, onEvent: SuiteOptions['onEvent']) {
  return (event: RunEvent): void => {
    if (event.type === 'target-resolved') heard.target = event.target;
    if (event.type === 'run-started') {
      heard.started = true;
      progress?.start(event.cases);
    }
    if (event.type === 'case-judged') progress?.caseDone(event.result.outcome);
    if (event.type === 'run-ended') heard.ended = event.report;
    onEvent?.(event);
  };
}

/** `run`: the suite, its progress shown and its reports written; the exit code is the verdict's. */
export async function runConformance(options: ConformanceRunOptions): Promise<RunOutcome> {
  const startedAt = Date.now();
  const { outDir, reporters, progress, ...suite } = options;
  const heard: Heard = { started: false };
  let redact = (text: string): string => text;
  try {
    // Before the first request: a report directory that cannot be written would lose the verdict.
    if (reporters.length > 0) checkOutputDirectory(outDir);
    const outcome = await runSuite({
      ...suite,
      maskFor: (secrets) => (redact = maskFor(secrets)),
      onEvent: consumeEvents(progress, heard, suite.onEvent),
    });
    const writtenFiles = writeReports(outcome.report, reporters, outDir, outcome.redact);
    return { ...outcome, writtenFiles };
  } catch (error) {
    if (!(error instanceof HarnessError) || error.code === 'report-write-failed') throw error;
    if (heard.ended) {
      // Stopped after it began: what was judged is kept in partial reports.
      const written = writeReports(heard.ended, reporters, outDir, redact);
      throw new HarnessError(error.code, written.length > 0 ? `${error.message}; partial reports in ${outDir}` : error.message, error.exitCode);
    }
    // A run that could not start still leaves a JUnit file and a JSON report, if --out is usable.
    if (!heard.started) writeStartFailure(error, options, startedAt, heard, redact);
    throw error;
  } finally {
    progress?.finish();
  }
}

function writeStartFailure(error: HarnessError, options: ConformanceRunOptions, startedAt: number, heard: Heard, mask: (text: string) => string): void {
  const failure = {
    reason: error.message,
    code: error.code,
    exitCode: error.exitCode,
    startedAt,
    strict: options.strict,
    profile: options.profile ?? DEFAULT_PROFILE,
    mode: heard.target?.mode ?? (options.target ? 'target' : 'embedded'),
    ...(heard.target ? { baseUrl: heard.target.baseUrl } : {}),
    tool: { name: 'v3io-auth-conformance', version: packageVersion() },
  } as const;
  try {
    writeStartFailureReports(failure, options.reporters, options.outDir, mask);
  } catch {
    // The directory was the problem (or an early signal came before it was checked): the one line says enough.
  }
}
