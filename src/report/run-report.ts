/** The run report: everything one run found, the single source every reporter renders. */
import type { CaseResult, StepResult, Summary, Verdict } from '../run/results.js';

export interface RunReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly target: { readonly mode: 'embedded' | 'target'; readonly baseUrl: string };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly strict: boolean;
  readonly verdict: Verdict;
  readonly exitCode: number;
  readonly summary: Summary;
  readonly setup: readonly StepResult[];
  readonly teardown: readonly StepResult[];
  readonly cases: readonly CaseResult[];
  readonly warnings: readonly string[];
}

/** A reporter describes its artifact; the runner writes it (as newman's reporters do). */
export interface Reporter {
  readonly name: string;
  /** File name under the output directory. */
  readonly fileName: string;
  render(report: RunReport): string;
}
