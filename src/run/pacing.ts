/**
 * The target's pace, learned as the run goes, for both engines. The answers' latencies set the
 * per-request timeout (the larger of `--timeout` and a multiple of the observed p99), and the
 * requests in flight follow TCP's congestion control: a slow start from one, then one more per
 * window of quick answers (additive increase), half as many when a request times out or when
 * latency grows with concurrency (multiplicative decrease); `--concurrency` is the ceiling. A
 * request that timed out is sent again, alone, with a longer timeout (retry-alone.ts), and the
 * pacer records which cases needed that, for the report.
 */
import type { PacingRecord } from '../results/run-report.js';
export type { PacingRecord };

/** The learned timeout is this multiple of the observed p99 (when larger than `--timeout`). */
export const P99_FACTOR = 3;
/** Answers before the latencies set the timeout: fewer say little about the p99. */
const MIN_SAMPLES = 3;
/** A retry alone waits this multiple of the timeout then in force. */
export const RETRY_FACTOR = 3;
/** The learned timeout never exceeds this: a target minutes per answer is not paced but stopped. */
export const MAX_TIMEOUT_MS = 300_000;
/** Latency this many times the latency at the lowest concurrency seen means the target queues requests. */
const GROWTH = 2;
/** Answers quicker than this are quick whatever the concurrency: jitter on a fast target is no queue. */
const QUICK_MS = 250;
/** Weight of a new answer in a concurrency level's moving average of latency. */
const EWMA_WEIGHT = 0.2;
/** Answers at a level before its average is compared with another level's. */
const LEVEL_SAMPLES = 3;

/** A settling probe waits at most this multiple of the timeout: a target that answers nothing that long is not merely slow. */
const SETTLE_FACTOR = 10;


/** What to do with a request that timed out even alone: the evidence the probe gave. */
export type HangEvidence =
  /** Another request, on a new connection, was answered within the timeout: this request hangs (the server's fault). */
  | 'hang'
  /** Another request was answered, but slowly: the target is slow everywhere, the case cannot be judged. */
  | 'slow'
  /** Nothing was answered: the target may be gone (target-liveness.ts decides). */
  | 'silent';

/** Error codes of a request that got no answer in time, as newman and the native client word them. */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNTIMEDOUT']);

export interface PacerOptions {
  /** `--concurrency`: requests in flight at most. */
  readonly ceiling: number;
  /** `--timeout`: the per-request timeout never goes below it. */
  readonly timeoutMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export class Pacer {
  private readonly ceiling: number;
  private readonly floorMs: number;
  private readonly latencies: number[] = [];
  private sortedCache: number[] | undefined;
  /** Moving average of latency per number of requests in flight when the request went out. */
  private readonly levelLatency = new Map<number, { mean: number; samples: number }>();
  private allowed = 1;
  private threshold: number;
  private quickInWindow = 0;
  private inFlight = 0;
  private aloneNow = false;
  /** Retries waiting to go alone: no new request starts meanwhile. */
  private wantAlone = 0;
  private readonly waiting: (() => void)[] = [];
  private highest = 1;
  private lowest: number;
  private changes = 0;
  private timeouts = 0;
  private readonly retried = new Map<string, string>();
  /** The newman engine's lanes, wave by wave. */
  private readonly waveLanes: number[] = [];
  private waitsAfter = 0;
  /** Answers 429 or 503 with Retry-After: each waited for (a wait may answer several, newman's) or in `notWaited`. */
  private askedAnswers = 0;
  private readonly notWaited: { id: string; status: number; reason: string }[] = [];
  /** The last retry alone got no answer, nor did the probe: no more retries until an answer comes. */
  private silentSince = false;

  constructor(options: PacerOptions) {
    this.ceiling = Math.max(1, options.ceiling);
    this.floorMs = options.timeoutMs;
    this.threshold = this.ceiling;
    this.lowest = this.ceiling;
  }

  /** Whether the answers so far are slow: a median beyond what jitter explains. */
  get slow(): boolean {
    return this.latencies.length >= MIN_SAMPLES && percentile(this.sorted(), 50) > QUICK_MS;
  }

  /** The median latency of the answers so far; 0 before any. */
  get medianMs(): number {
    return percentile(this.sorted(), 50);
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return this.allowed;
  }

  private sorted(): number[] {
    this.sortedCache ??= [...this.latencies].sort((a, b) => a - b);
    return this.sortedCache;
  }

  /** The per-request timeout now: `--timeout`, or a multiple of the observed p99 when larger. */
  get timeoutMs(): number {
    if (this.latencies.length < MIN_SAMPLES) return this.floorMs;
    return Math.max(this.floorMs, Math.min(MAX_TIMEOUT_MS, Math.ceil(P99_FACTOR * percentile(this.sorted(), 99))));
  }

  /** The timeout of a request sent again alone. */
  get retryTimeoutMs(): number {
    return Math.min(MAX_TIMEOUT_MS, RETRY_FACTOR * this.timeoutMs);
  }

  /** How long a probe may wait for the target to finish what it still works on before a retry alone. */
  get settleTimeoutMs(): number {
    return Math.min(MAX_TIMEOUT_MS, SETTLE_FACTOR * this.timeoutMs);
  }

  /** Whether a request that timed out is worth sending again (not while the target answers nothing at all). */
  get retries(): boolean {
    return !this.silentSince;
  }

  /** Waits for a slot under the current limit; resolves with the number of requests in flight (this one included). */
  async acquire(): Promise<number> {
    while (this.aloneNow || this.wantAlone > 0 || this.inFlight >= this.allowed) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight += 1;
    return this.inFlight;
  }

  release(): void {
    this.inFlight -= 1;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private setLimit(next: number): void {
    const bounded = Math.max(1, Math.min(this.ceiling, next));
    if (bounded === this.allowed) return;
    // The slow start from one is no decrease: the lowest is what a decrease came down to.
    if (bounded < this.allowed) {
      this.changes += 1;
      this.lowest = Math.min(this.lowest, bounded);
    }
    this.allowed = bounded;
    this.highest = Math.max(this.highest, bounded);
    this.wake();
  }

  /** The latency at the lowest concurrency with enough answers: the target's pace unqueued. */
  private baseLatency(): { level: number; mean: number } | undefined {
    const levels = [...this.levelLatency].filter(([, l]) => l.samples >= LEVEL_SAMPLES).sort((a, b) => a[0] - b[0]);
    return levels[0] ? { level: levels[0][0], mean: levels[0][1].mean } : undefined;
  }

  /** An answer after `latencyMs`, for the timeout and the report alone. */
  observed(latencyMs: number): void {
    this.silentSince = false;
    this.latencies.push(latencyMs);
    this.sortedCache = undefined;
  }

  /** Requests in flight set from outside (newman's one lane on a small selection), recorded for the report. */
  lanes(count: number): void {
    const before = this.allowed;
    this.allowed = Math.max(1, Math.min(this.ceiling, count));
    if (this.allowed < before) this.changes += 1;
    this.highest = Math.max(this.highest, this.allowed);
    this.lowest = Math.min(this.lowest, this.allowed);
  }

  /** A timeout seen by newman: counted, the lanes unchanged until the retries (which go alone). */
  timeoutSeen(): void {
    this.timeouts += 1;
  }

  /** Adds an answer to the moving average of latency at `level` requests in flight; the level's entry. */
  private atLevel(latencyMs: number, level: number): { mean: number; samples: number } {
    const entry = this.levelLatency.get(level) ?? { mean: latencyMs, samples: 0 };
    entry.mean = entry.samples === 0 ? latencyMs : entry.mean + EWMA_WEIGHT * (latencyMs - entry.mean);
    entry.samples += 1;
    this.levelLatency.set(level, entry);
    return entry;
  }

  /** An answer after `latencyMs`, sent when `level` requests were in flight (itself included). */
  answered(latencyMs: number, level: number): void {
    this.observed(latencyMs);
    const entry = this.atLevel(latencyMs, level);
    const base = this.baseLatency();
    const queued = base !== undefined && level > base.level && entry.samples >= LEVEL_SAMPLES && entry.mean > QUICK_MS && entry.mean > GROWTH * base.mean;
    if (queued) {
      this.decrease();
      return;
    }
    const quick = latencyMs <= QUICK_MS || base === undefined || latencyMs <= GROWTH * base.mean;
    if (!quick) return;
    if (this.allowed < this.threshold) {
      // Slow start: one more per quick answer, doubling each round trip.
      this.setLimit(this.allowed + 1);
      return;
    }
    this.quickInWindow += 1;
    if (this.quickInWindow >= this.allowed) {
      this.quickInWindow = 0;
      this.setLimit(this.allowed + 1);
    }
  }

  /**
   * A wave of `level` newman runs (lanes) side by side is over: the latencies of its answers and
   * how many timed out. Newman tells of them only when the wave is over, a round trip of TCP's, so
   * the wave is judged as a whole, by its median (an outlier on a busy machine is no queue): half
   * as many lanes after a timeout, or when the median grew with the lanes (over twice that at the
   * lowest level, and over 250 ms); when the median is quick, one more per quick answer in the
   * slow start and one more per round of them after it (as answered() does), but on answers over
   * 250 ms at most twice as many in the slow start, one more after it.
   */
  waveDone(level: number, latencies: readonly number[], timeouts: number): void {
    this.waveLanes.push(level);
    for (const latency of latencies) {
      this.observed(latency);
      this.atLevel(latency, level);
    }
    if (timeouts > 0) {
      this.timeouts += timeouts;
      this.decrease();
      return;
    }
    if (latencies.length === 0) return;
    const median = percentile([...latencies].sort((a, b) => a - b), 50);
    const base = this.baseLatency();
    if (base !== undefined && level > base.level && latencies.length >= LEVEL_SAMPLES && median > QUICK_MS && median > GROWTH * base.mean) {
      this.decrease();
      return;
    }
    if (median > QUICK_MS && base !== undefined && median > GROWTH * base.mean) return;
    const quick = latencies.filter((l) => l <= QUICK_MS || base === undefined || l <= GROWTH * base.mean).length;
    if (this.allowed < this.threshold) {
      const cap = median > QUICK_MS ? Math.max(this.allowed, 2 * level) : this.threshold;
      this.setLimit(Math.min(cap, this.threshold, this.allowed + quick));
      return;
    }
    const rounds = Math.floor((this.quickInWindow + quick) / this.allowed);
    this.quickInWindow = (this.quickInWindow + quick) % this.allowed;
    if (rounds > 0) this.setLimit(this.allowed + (median > QUICK_MS ? 1 : rounds));
  }

  private decrease(): void {
    this.threshold = Math.max(1, Math.floor(this.allowed / 2));
    this.quickInWindow = 0;
    // The averages at the levels above the new limit are of a queue: measured again when reached.
    for (const level of [...this.levelLatency.keys()]) if (level > this.threshold) this.levelLatency.delete(level);
    this.setLimit(this.threshold);
  }

  /** A request got no answer within the timeout. */
  timedOut(): void {
    this.timeouts += 1;
    this.decrease();
  }

  /** Runs `send` alone: no other request is in flight meanwhile, none starts until it is done. */
  async alone<T>(send: () => Promise<T>): Promise<T> {
    this.lowest = 1;
    this.wantAlone += 1;
    while (this.aloneNow || this.inFlight > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.wantAlone -= 1;
    this.aloneNow = true;
    try {
      return await send();
    } finally {
      this.aloneNow = false;
      this.wake();
    }
  }

  /** A case needed a request sent again; `outcome` says what the last attempt got. */
  recordRetry(id: string, outcome: string): void {
    this.retried.set(id, outcome);
  }

  /** The probe after a retry got no answer either: a silent target gets no more retries until it answers. */
  recordEvidence(evidence: HangEvidence): void {
    if (evidence === 'silent') this.silentSince = true;
  }

  /** A 429 or 503 with Retry-After was waited for and the request sent again; `answers`: the answers asking to wait that this one wait answers (newman sends a case's requests again together). */
  recordWait(id: string, answers = 1): void {
    this.waitsAfter += 1;
    this.askedAnswers += answers;
    if (!this.retried.has(id)) this.retried.set(id, 'sent again after Retry-After');
  }

  /** A 429 or 503 with Retry-After of case or step `id` that was not waited for, and why (retry-after.ts `NOT_WAITED`). */
  recordNotWaited(id: string, status: number, reason: string): void {
    this.askedAnswers += 1;
    this.notWaited.push({ id, status, reason });
  }

  /** Whether pacing moved away from the defaults: a longer timeout, fewer connections, retries. */
  changed(): boolean {
    return this.timeoutMs > this.floorMs || this.changes > 0 || this.retried.size > 0;
  }

  record(): PacingRecord {
    const sorted = this.sorted();
    return {
      adapted: this.changed(),
      answers: sorted.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
      timeoutMs: this.timeoutMs,
      concurrency: { ceiling: this.ceiling, highest: this.highest, lowest: Math.min(this.lowest, this.highest), decreases: this.changes },
      timeouts: this.timeouts,
      retryAfterWaits: this.waitsAfter,
      retryAfterAnswers: this.askedAnswers,
      notWaited: [...this.notWaited].sort((a, b) => a.id.localeCompare(b.id)),
      retried: [...this.retried].map(([id, outcome]) => ({ id, outcome })).sort((a, b) => a.id.localeCompare(b.id)),
      ...(this.waveLanes.length > 0 ? { waves: [...this.waveLanes] } : {}),
    };
  }
}
