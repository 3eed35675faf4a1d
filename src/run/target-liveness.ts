/**
 * Tells a target that went away from one that hangs on some requests. After `UNANSWERED_LIMIT`
 * requests in a row got no answer (refused, reset, timed out), one request without credentials
 * on a new connection decides: an answer means the target is up and those requests are its
 * robustness failures; none means it is gone, and the run stops waiting (the signal aborts with
 * a HarnessError naming the last case answered and when) instead of spending a timeout per case.
 */
import { HarnessError } from '../errors.js';

/** Requests in a row without an answer before the target is checked. Small: each may cost a --timeout. */
export const UNANSWERED_LIMIT = 3;

/** Connection errors that mean "no answer" (not a malformed one, which is an answer). */
const NO_ANSWER = /^(?:ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ESOCKETTIMEDOUT|ECONNTIMEDOUT|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)$|^no response within|^closed by the server/;

/**
 * What a wire case's raw bytes may get from a target that is there: the connection closed or
 * reset in answer to them. That is the server reacting, not the server gone: a crash the bytes
 * caused is that case's own robustness failure (its probe), not a reason to stop the run.
 */
const WIRE_REACTION = /^closed by the server|^ECONNRESET$/;

/** What sent the request: an HTTP client (newman, the native engine) or a wire case's raw socket. */
export type RequestKind = 'http' | 'wire';

export function isNoAnswer(error: string, kind: RequestKind = 'http'): boolean {
  return NO_ANSWER.test(error) && !(kind === 'wire' && WIRE_REACTION.test(error));
}

export interface TargetWatch {
  /** Aborted, with the one line, once the target is found gone. */
  readonly signal: AbortSignal;
  /** One request's fate: `answered`, or the error it got; `kind`: what sent it (default http). */
  record(id: string, result: { answered: true } | { answered: false; error: string }, kind?: RequestKind): void;
  /** Ids of the requests of the streak that ended the run (no answer, the target gone). */
  unanswered(): ReadonlySet<string>;
}

export function watchTarget(probe: () => Promise<boolean>, limit = UNANSWERED_LIMIT): TargetWatch {
  const controller = new AbortController();
  let streak: string[] = [];
  let lastAnswered: { id: string; at: Date } | undefined;
  let probing = false;
  const gone = (): void => {
    const after = lastAnswered ? `after case ${lastAnswered.id} at ${lastAnswered.at.toISOString()}` : 'before answering any request';
    controller.abort(
      new HarnessError('target-gone', `the target stopped answering ${after} (${streak.length} requests in a row got no answer, nor did a new connection): no verdict`),
    );
  };
  return {
    signal: controller.signal,
    record(id, result, kind = 'http') {
      if (controller.signal.aborted) return;
      // Any answer, a malformed one included, shows the target is there.
      if (result.answered || !isNoAnswer(result.error, kind)) {
        streak = [];
        lastAnswered = { id, at: new Date() };
        return;
      }
      streak.push(id);
      if (streak.length < limit || probing) return;
      probing = true;
      void probe().then((alive) => {
        probing = false;
        // Up: the requests that hung are the target's to answer for, each a failed case.
        if (alive) streak = [];
        else gone();
      });
    },
    unanswered: () => new Set(controller.signal.aborted ? streak : []),
  };
}
