/**
 * The suite run in the test process (`runConformance`, as `run` calls it), for tests where the CLI's
 * process contract is not the point: no node start-up and no newman import per run, and the
 * report, exit code and stdout text the command would have produced. The CLI's own contract
 * (argument parsing, exit status, signals, one-line errors) keeps its tests that spawn it.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { outcomeText } from '../../src/commands/output-options.js';
import { HarnessError } from '../../src/errors.js';
import { packageRoot } from '../../src/package-info.js';
import { chooseReporters, DEFAULT_REPORTERS, type ReporterName } from '../../src/report/reporters.js';
import type { RunReport } from '../../src/report/run-report.js';
import { runConformance, type ConformanceRunOptions } from '../../src/commands/conformance-run.js';
import { tempDir } from './cli.js';
import { suspendNock } from './observed-reference.js';
import { readReport } from './report.js';

export interface InProcessRun {
  /** The exit code `run` would have ended with. */
  readonly code: number;
  /** What `run` would have printed on stdout (without colour); empty when it stopped with an error. */
  readonly stdout: string;
  /** The one-line error `run` would have printed, when it stopped without a verdict. */
  readonly error?: HarnessError;
  /** conformance.json as written (validated against its schema), when the run wrote one. */
  readonly report: RunReport | undefined;
  /** The directory the reports went to. */
  readonly out: string;
}

export type InProcessOptions = Partial<Omit<ConformanceRunOptions, 'reporters' | 'outDir'>> & {
  readonly out?: string;
  /** As `--reporter`; default all five. */
  readonly reporters?: readonly ReporterName[];
  /** As `--quiet`: stdout is the verdict line alone. */
  readonly quiet?: boolean;
};

let running = 0;
let resumeSuspendedNock: () => void = () => undefined;

/** nock out of the way until the last of the runs going on at once (a pool of them) is done. */
function suspendNockWhileRunning(): () => void {
  if (running === 0) resumeSuspendedNock = suspendNock();
  running += 1;
  return () => {
    running -= 1;
    if (running === 0) resumeSuspendedNock();
  };
}

/**
 * Runs the suite as `run` would with these options: defaults as the CLI's (10 s timeout, not
 * strict, every reporter), and no process environment unless `processEnv` is given — a
 * developer's V3IO_API must not turn a test's run into a run against their cluster.
 */
export async function runInProcess(options: InProcessOptions = {}): Promise<InProcessRun> {
  const out = options.out ?? tempDir('v3io-in-process-');
  const reporters = chooseReporters(options.reporters ?? DEFAULT_REPORTERS);
  const { quiet = false, reporters: _names, out: _out, ...rest } = options;
  // Relative paths as the CLI children of the tests take them: from the package root.
  const files = {
    ...(rest.envFile ? { envFile: resolve(packageRoot(), rest.envFile) } : {}),
    ...(rest.collectionFile ? { collectionFile: resolve(packageRoot(), rest.collectionFile) } : {}),
  };
  // Another spec file may have loaded nock, which then intercepts every request of the process
  // and hangs on header sections over 16 KiB: a run in a CLI child never has it in the way, nor may
  // this one (an embedded run installs it again for itself, embedded.ts).
  const resumeNock = suspendNockWhileRunning();
  try {
    const outcome = await runConformance({ strict: false, timeoutMs: 10_000, processEnv: {}, ...rest, ...files, outDir: out, reporters: reporters.files });
    const stdout = outcomeText(outcome.report, outcome.writtenFiles, { cli: reporters.cli, quiet, color: false }, outcome.redact);
    return { code: outcome.exitCode, stdout, report: reporters.files.some((r) => r.name === 'json') ? readReport(out) : outcome.report, out };
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    let report: RunReport | undefined;
    try {
      report = readReport(out);
    } catch {
      report = undefined;
    }
    return { code: error.exitCode, stdout: '', error, report, out };
  } finally {
    resumeNock();
  }
}

/** A run's report, failing the test when it wrote none. */
export function reportOf(run: InProcessRun): RunReport {
  if (!run.report) throw new Error(`the run wrote no report: exit ${run.code}${run.error ? `, ${run.error.message}` : ''}`);
  return run.report;
}

/** Removes a run's report directory. */
export function removeReports(run: InProcessRun): void {
  rmSync(run.out, { recursive: true, force: true });
}
