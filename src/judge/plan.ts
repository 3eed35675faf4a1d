/**
 * A case's plan: the requests an engine sends for it, in order, derived from the catalogue alone.
 *
 * 1. `preparation`: for an accepted case, its operation's `prepare` steps; for a rejection on an
 *    operation that writes, the `arrange` steps of its `unchanged` proof;
 * 2. `beforeRead`: the proof's `read` steps (the before-snapshot);
 * 3. the case's own request;
 * 4. `afterRead`: the same reads again (the after-snapshot), only when the request was not
 *    accepted (an accepted write is judged by the primary check instead), or when the case judges
 *    a 2xx on evidence (`letInOnEvidence`): a write that happened is that evidence;
 * 5. `second`: the second request of `sameResponseAs`, when there is one.
 * Everything but the case's own request and `second` carries the fixture credentials.
 */
import type { RequestCase, HeaderLine } from '../cases/model.js';
import type { Operation, PrepareStep, UnchangedProof } from '../cases/operations.js';

export interface SecondRequest {
  /** Every header line of the second request, in order. */
  readonly headers: readonly HeaderLine[];
  /** Its credential lines alone, for the check's name. */
  readonly credentials: readonly HeaderLine[];
}

export interface CasePlan {
  readonly preparation: readonly PrepareStep[];
  readonly beforeRead: readonly PrepareStep[];
  readonly afterRead: readonly PrepareStep[];
  /** The proof the reads are for (a rejection on an operation that writes). */
  readonly proof?: UnchangedProof;
  /** The after-snapshot is read after a 2xx too: the case judges a 2xx on evidence of a write. */
  readonly readsAfterLetIn?: true;
  readonly second?: SecondRequest;
}

/** Whether the plan's after-snapshot is read, given the status the case's own request got. */
export function readsAfter(plan: CasePlan, status: number): boolean {
  return plan.afterRead.length > 0 && (status < 200 || status > 299 || plan.readsAfterLetIn === true);
}

/**
 * The second request's header lines. `sameResponseAs.headers` are its credential lines; the
 * operation's own lines (function name, content type) come first, unless the case already
 * wrote them at the start of the list.
 */
export function secondRequestHeaders(testCase: RequestCase, operation: Operation): SecondRequest {
  const own = operation.headers;
  const given = testCase.expect.sameResponseAs?.headers ?? [];
  const startsWithOwn = own.every(([name, value], i) => given[i]?.[0] === name && given[i]?.[1] === value);
  return startsWithOwn ? { headers: given, credentials: given.slice(own.length) } : { headers: [...own, ...given], credentials: given };
}

/** The plan of a case as its profile sends it (`operation`: the case's, as the profile has it). Wire cases have none but `second`. */
export function casePlan(testCase: RequestCase, operation: Operation): CasePlan {
  const second = testCase.expect.sameResponseAs ? { second: secondRequestHeaders(testCase, operation) } : {};
  if (testCase.kind === 'wire') return { preparation: [], beforeRead: [], afterRead: [], ...second };
  if (testCase.expect.outcome === 'accept') return { preparation: operation.prepare ?? [], beforeRead: [], afterRead: [], ...second };
  const proof = operation.unchanged;
  if (!proof) return { preparation: [], beforeRead: [], afterRead: [], ...second };
  const letIn = testCase.expect.letInOnEvidence ? { readsAfterLetIn: true as const } : {};
  return { preparation: proof.arrange, beforeRead: proof.read, afterRead: proof.read, proof, ...letIn, ...second };
}
