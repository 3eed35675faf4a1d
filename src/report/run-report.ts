/** Reporters: each renders the run report (src/results/run-report.ts) into one artifact. */
import type { RunReport } from '../results/run-report.js';

export type { RunReport } from '../results/run-report.js';

/** A reporter describes its artifact; the composition root writes it (src/commands/conformance-run.ts). */
export interface Reporter {
  readonly name: string;
  /** File name under the output directory. */
  readonly fileName: string;
  render(report: RunReport): string;
}
