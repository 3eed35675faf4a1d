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
  /** How the HTTP cases' requests were paced to the target (src/run/pacing.ts); absent on a merged report. */
  readonly pacing?: PacingRecord;
  /** Present on a report made by `merge`: how many reports it combines. */
  readonly merged?: { readonly reports: number };
}

/** How a run paced its requests to the target: what it observed and what it did about it. */
export interface PacingRecord {
  /** Whether pacing departed from the options: a longer timeout, fewer requests in flight, a request sent again. */
  readonly adapted: boolean;
  /** Answers the latencies are of. */
  readonly answers: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The per-request timeout in force at the end: `--timeout`, or a multiple of the observed p99. */
  readonly timeoutMs: number;
  /** Requests in flight: the ceiling (`--concurrency`), the highest and lowest reached (1: a request sent alone); times it was lowered. */
  readonly concurrency: { readonly ceiling: number; readonly highest: number; readonly lowest: number; readonly decreases: number };
  /** Requests that got no answer within the timeout then in force. */
  readonly timeouts: number;
  /** Waits for a 429 or 503 Retry-After before sending again. */
  readonly retryAfterWaits: number;
  /** Answers 429, or 503 with Retry-After, the runner's requests got: each waited for, or listed in `notWaited`. */
  readonly retryAfterAnswers: number;
  /** Those answers not waited for: the case or step, the status, why (beyond the bound, waits spent, a probe, …). */
  readonly notWaited: readonly { readonly id: string; readonly status: number; readonly reason: string }[];
  /** The cases a request of which was sent again, and what the last attempt got. */
  readonly retried: readonly { readonly id: string; readonly outcome: string }[];
  /** The newman engine's lanes (newman runs side by side) in each of its waves, in order; the setup and the warm-up are waves of one. */
  readonly waves?: readonly number[];
}
