/**
 * What a run tells as it goes. The run (run-suite.ts) sends requests and judges; whoever shows
 * progress or writes reports listens (the composition root, src/commands/conformance-run.ts), so
 * the run knows nothing of terminals or report files.
 */
import type { CaseResult } from '../results/results.js';
import type { RunReport } from '../results/run-report.js';
import type { ItemRecord } from './engine.js';

export type RunEvent =
  /** The target is known: what a report of a run that then cannot start names. */
  | { readonly type: 'target-resolved'; readonly target: { readonly mode: 'embedded' | 'target'; readonly baseUrl: string } }
  /** The first request may go out: `cases` selected cases are to be judged. */
  | { readonly type: 'run-started'; readonly cases: number }
  /** A case's first request is about to go out. */
  | { readonly type: 'case-started'; readonly caseId: string }
  /** A request of the run (a fixture step or a case's item, its preparation and read-backs with it) was answered, or failed. */
  | { readonly type: 'step-done'; readonly trace: ItemRecord }
  /** A case's outcome is decided. */
  | { readonly type: 'case-judged'; readonly result: CaseResult }
  /** No more case will be judged; `report` is the run's (partial when the run stopped early). */
  | { readonly type: 'run-ended'; readonly report: RunReport };

export type RunListener = (event: RunEvent) => void;
