/**
 * A request that timed out is not a verdict: it is sent again once, alone, and probes of the target
 * tell a request that hangs (the server's fault) from a target slow everywhere (no verdict) or gone.
 */
import { MAX_TIMEOUT_MS, RETRY_FACTOR, type HangEvidence, type Pacer } from './pacing.js';

/** The code of a request that timed out even alone, from a target slow everywhere: the judge makes it inconclusive. */
export { SLOW_TARGET_CODE } from '../judge/answers.js';

/**
 * Another request the target should answer, on a new connection, within `timeoutMs`: its latency,
 * or undefined without an answer. The engines send one the target answered 2xx before (its
 * credentials take the same path as the cases'), else a request without credentials.
 */
export type Probe = (timeoutMs: number) => Promise<number | undefined>;

/** A request the target answered 2xx, as sent (path with query, header lines unmasked), for probes. */
export interface KnownRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
}

export interface RetryVerdict<T> {
  /** What the request got when sent again; absent when it was not (the target answered nothing at all). */
  readonly result?: T;
  /** `answered`: the retry got an answer; otherwise what the probe after it showed. */
  readonly evidence: HangEvidence | 'answered';
  readonly retryMs: number;
}

/**
 * A request that timed out, sent again once, alone: first a probe waits (long) until the target
 * answers a known-good request, so that the retry does not queue behind work the target still
 * does for requests given up on; then the request on a new connection with a timeout of
 * RETRY_FACTOR times the larger of the timeout and that probe's latency; when that gets no answer
 * either, a second probe tells a hang (answered promptly) from a target slow everywhere.
 */
export function retryAlone<T>(pacer: Pacer, probe: Probe, resend: (timeoutMs: number) => Promise<T>, timedOut: (result: T) => boolean): Promise<RetryVerdict<T>> {
  return pacer.alone(async () => {
    if (!pacer.retries) return { evidence: 'silent', retryMs: 0 };
    const settled = await probe(pacer.settleTimeoutMs);
    if (settled === undefined) {
      pacer.recordEvidence('silent');
      return { evidence: 'silent', retryMs: 0 };
    }
    const retryMs = Math.min(MAX_TIMEOUT_MS, RETRY_FACTOR * Math.max(pacer.timeoutMs, Math.ceil(settled)));
    const result = await resend(retryMs);
    if (!timedOut(result)) return { result, evidence: 'answered', retryMs };
    const after = await probe(retryMs);
    const evidence: HangEvidence = after === undefined ? 'silent' : after <= pacer.timeoutMs ? 'hang' : 'slow';
    pacer.recordEvidence(evidence);
    return { result, evidence, retryMs };
  });
}

/** What a retry's evidence means, for the report. */
export const EVIDENCE_WORDS: Readonly<Record<HangEvidence, string>> = {
  hang: 'a hang: the target answered another request promptly',
  slow: 'not judged: the target answered another request slowly too',
  silent: 'the target answered nothing, not even a new connection',
};
