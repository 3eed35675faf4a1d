/** How a run paced its requests, in words: one line for the summaries and the stderr hint. */
import type { PacingRecord } from './run-report.js';

/** Case ids listed at most; the rest are counted (every one is in conformance.json). */
const MAX_IDS = 5;

/** e.g. `p50 2310 ms, p99 4870 ms over 41 answers; timeout 14610 ms (--timeout 10000); 1 to 8 requests in flight (ceiling 8, lowered 3 times); 2 timeouts; sent again: basic-valid (answered 200 when sent alone)`. */
export function describePacing(pacing: PacingRecord, timeoutOption?: number): string {
  const { concurrency } = pacing;
  const parts = [`p50 ${pacing.p50Ms} ms, p99 ${pacing.p99Ms} ms over ${pacing.answers} answers`];
  parts.push(`timeout ${pacing.timeoutMs} ms${timeoutOption !== undefined && timeoutOption !== pacing.timeoutMs ? ` (--timeout ${timeoutOption})` : ''}`);
  const range = concurrency.lowest === concurrency.highest ? `${concurrency.highest}` : `${concurrency.lowest} to ${concurrency.highest}`;
  parts.push(`${range} requests in flight (ceiling ${concurrency.ceiling}${concurrency.decreases > 0 ? `, lowered ${concurrency.decreases} time${concurrency.decreases === 1 ? '' : 's'}` : ''})`);
  if (pacing.timeouts > 0) parts.push(`${pacing.timeouts} timeout${pacing.timeouts === 1 ? '' : 's'}`);
  if (pacing.retryAfterWaits > 0) parts.push(`${pacing.retryAfterWaits} Retry-After wait${pacing.retryAfterWaits === 1 ? '' : 's'}`);
  const notWaited = pacing.notWaited ?? [];
  if (notWaited.length > 0) parts.push(`${notWaited.length} Retry-After not waited for (${[...new Set(notWaited.map((n) => n.reason))].join('; ')})`);
  if (pacing.retried.length > 0) {
    const listed = pacing.retried.slice(0, MAX_IDS).map((r) => `${r.id} (${r.outcome})`);
    const more = pacing.retried.length - listed.length;
    parts.push(`sent again: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  return parts.join('; ');
}

/** The one line on stderr after a run whose pacing departed from the options, else undefined. */
export function pacingHint(pacing: PacingRecord | undefined): string | undefined {
  if (!pacing?.adapted) return undefined;
  const { lowest, highest } = pacing.concurrency;
  const inFlight = lowest === highest ? `${highest}` : `${lowest} to ${highest}`;
  return `the target was slow (p99 ${pacing.p99Ms} ms): the run paced itself (timeout ${pacing.timeoutMs} ms, ${inFlight} requests in flight, ${pacing.retried.length} case${pacing.retried.length === 1 ? '' : 's'} sent again); "pacing" in conformance.json says more`;
}
