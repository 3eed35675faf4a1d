/** The run report: everything one run found, the single source every reporter renders. */
import type { ProfileId } from '../cases/model.js';
import type { CaseResult, StepResult, Summary, Verdict } from './results.js';
import type { SelectionRecord } from './selection-record.js';

export interface RunReport {
  readonly tool: { readonly name: string; readonly version: string };
  /** What was judged, and as what kind of server (`--profile`). */
  readonly target: { readonly mode: 'embedded' | 'target'; readonly baseUrl: string; readonly profile: ProfileId };
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
  /** Present when the run covered part of the catalogue (`--grep`, `--form`, `--level`, `--shard`). */
  readonly selection?: SelectionRecord;
  /** Present on a report made by `merge`: how many reports it combines. */
  readonly merged?: { readonly reports: number };
}
