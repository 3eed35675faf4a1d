/**
 * The run's report from its results: reproducing commands and the fronts that answered, the
 * summary, the verdict and exit code, the warnings, the selection, the pacing record. A run that
 * stopped early gets a partial report, its verdict and exit code from the error that stopped it.
 */
import { HarnessError } from '../errors.js';
import { packageVersion } from '../package-info.js';
import { nameFronts } from '../results/fronts.js';
import type { RunReport } from '../results/run-report.js';
import { fixtureFolder, teardownNote } from './fixtures.js';
import type { Pacer } from './pacing.js';
import type { PreparedRun } from './prepare-run.js';
import { withReproduce } from './reproduce.js';
import { exitCodeOf, summarise, verdictOf, type CaseResult, type StepResult, type Verdict } from './results.js';
import { isRestricted, selectionRecord } from './selection.js';
import { DEFAULT_CONTAINER } from './target-config.js';

export interface RunResults {
  readonly cases: CaseResult[];
  readonly setup: StepResult[];
  readonly teardown: StepResult[];
  /** The run ended early with this error, after `reached` cases. */
  readonly stopped?: { readonly error: HarnessError; readonly reached: number };
}

/**
 * The verdict of a run that stopped early. A target that went away leaves the rest not judged
 * (inconclusive), but a failed MUST check seen before still decides; any other stop has no verdict.
 */
function stoppedVerdict(error: HarnessError, judged: Verdict): Verdict {
  if (error.code !== 'target-gone') return 'error';
  return judged === 'non-conformant' ? judged : 'inconclusive';
}

/**
 * The run's report. `stopped`: the run ended early with this error, after `reached` cases; the
 * report is partial, its verdict `error`, its exit code the error's, and a warning says so.
 */
export function assembleReport(run: PreparedRun, pacer: Pacer, results: RunResults): RunReport {
  const { options, resolved, variables, tls } = run;
  const { setup, teardown, stopped } = results;
  const stoppedBy = stopped?.error;
  const { baseUrl } = resolved;
  const target = { mode: resolved.mode, baseUrl, profile: run.profile.id, ...tls };
  const cases = nameFronts(withReproduce(results.cases, run.chosen, run.caseVariables, target));
  const selection = options.selection ?? {};
  const summary = summarise(cases);
  const verdict = stoppedBy ? stoppedVerdict(stoppedBy, verdictOf(summary, setup, options.strict)) : verdictOf(summary, setup, options.strict);
  const exitCode = stoppedBy && verdict !== 'non-conformant' ? stoppedBy.exitCode : exitCodeOf(verdict);
  const warnings: string[] = [];
  if (stopped) warnings.push(`partial report: the run stopped (${stopped.error.message}) after ${stopped.reached} of ${cases.length} cases`);
  if (teardown.some((s) => !s.ok)) warnings.push(`the teardown ${teardownNote(teardown, fixtureFolder(variables))}`);
  if (new URL(baseUrl).protocol === 'http:' && run.realTarget) {
    warnings.push(`the target is plain http://: every credential form is a bearer secret sent in clear (RFC 7617 §4); use https:// outside a test network`);
  }
  if (tls.insecure) warnings.push('TLS certificate verification was skipped (--insecure)');
  if (resolved.defaultContainer) warnings.push(`no container was given (V3IO_CONTAINER, --env-var container=…, or the --env file): the run used "${DEFAULT_CONTAINER}"`);
  return {
    tool: { name: 'v3io-auth-conformance', version: packageVersion() },
    target: { mode: resolved.mode, baseUrl, profile: run.profile.id },
    startedAt: new Date(run.started).toISOString(),
    durationMs: Date.now() - run.started,
    strict: options.strict,
    verdict,
    exitCode,
    summary,
    setup,
    teardown,
    cases,
    warnings,
    ...(isRestricted(selection) ? { selection: selectionRecord(selection) } : {}),
    pacing: pacer.record(),
  };
}
