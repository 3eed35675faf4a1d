/**
 * The contract every engine meets: one options shape, one listener, one record per item. An
 * engine sends the profile's setup, each selected HTTP case's plan and the teardown, and tells each
 * item's record as it completes. A case's record names each of its plan's requests by role, as the
 * engine sent it: the engines that build the requests know the roles (native/, newman/); only the
 * collection run as it is (collection/) decodes them from where newman saw its scripts send them.
 * The run hands every case record to one `caseResult()` (case-result.ts).
 */
import type { ConformanceCase } from '../cases/model.js';
import type { Profile } from '../cases/profiles.js';
import type { HeaderPair } from '../judge/exchange.js';
import type { ClientTls } from '../tls-files.js';
import type { Pacer } from './pacing.js';
import type { KnownRequest } from './retry-alone.js';

/** The role a request plays in a case's plan (judge/plan.ts), besides the case's own request. */
export type StepRole = 'preparation' | 'before' | 'after' | 'second';

export interface ResponseRecord {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

export interface RequestError {
  readonly code: string;
  readonly message: string;
}

/** A request of a case's plan as it went: its role, the request line, its answer (neither: not answered). */
export interface StepRecord {
  readonly role: StepRole;
  readonly method: string;
  readonly path: string;
  readonly response?: ResponseRecord;
  readonly requestError?: RequestError;
}

/** A script assertion (`pm.test`) of a collection run as it is; the other engines run no scripts. */
export interface AssertionRecord {
  readonly name: string;
  readonly passed: boolean;
  readonly skipped: boolean;
  readonly message?: string;
}

/** What an engine recorded of an item: a fixture step, or a case with its plan's steps. */
export interface ItemRecord {
  readonly id: string;
  readonly name: string;
  /** The request as sent: method, path with query. */
  readonly method?: string;
  readonly path?: string;
  /**
   * The header lines as sent, unmasked: they hold credentials, so only code that masks them
   * (case-result.ts) may put them in a result.
   */
  readonly requestHeaders?: readonly HeaderPair[];
  /** The case's derived values (mutated keys, tokens), unmasked. */
  readonly derived?: Readonly<Record<string, string>>;
  readonly response?: ResponseRecord;
  readonly requestError?: RequestError;
  /** The plan's other requests, each with its role, in the order sent. */
  readonly steps: readonly StepRecord[];
  readonly assertions: readonly AssertionRecord[];
  /** Script errors (a collection run as it is). */
  readonly exceptions: readonly string[];
  /** Milliseconds from the item's first request to its last answer. */
  readonly durationMs?: number;
}

/** A request's fate, as target-liveness.ts counts it. */
export type RequestFate = { readonly answered: true } | { readonly answered: false; readonly error: string };

/** What an engine tells as it goes. */
export interface EngineListener {
  /** A case's first request is about to go out. */
  readonly caseStarted?: (id: string) => void;
  /** A case's record, complete (its retries done); a case not sent has no request. */
  readonly caseDone?: (record: ItemRecord) => void;
  /** A fixture step's record. */
  readonly fixtureDone?: (record: ItemRecord) => void;
  /**
   * Each request's fate as soon as it is known, a case's steps included, from an engine that
   * sees them one by one (the newman harness); the others' fates are their items'.
   */
  readonly request?: (id: string, fate: RequestFate) => void;
}

/** The one options shape of every engine. */
export interface EngineOptions {
  readonly profile: Profile;
  /** The selected cases; an engine sends only the HTTP ones (wire cases are the raw-socket runner's). */
  readonly cases: readonly ConformanceCase[];
  /** The run's variables: the collection's, the environment's over them; `baseUrl` is where requests go. */
  readonly variables: ReadonlyMap<string, string>;
  /** Cases (ordered groups, case-order.ts) in flight at once at most. */
  readonly concurrency: number;
  /** Paces the requests (pacing.ts): in flight, timeout, retries. */
  readonly pacer: Pacer;
  /** Another request within `timeoutMs` (`known`, else one without credentials): its latency, or undefined (pacing.ts retryAlone). */
  readonly probe?: (timeoutMs: number, known?: KnownRequest) => Promise<number | undefined>;
  readonly tls: ClientTls;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMs: number;
  /** Upper bound for a whole newman run: newman is declared stuck after it. */
  readonly runTimeoutMs: number;
  /** Stops the run; the engine rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** An engine: resolves with the records of setup, cases and teardown, in collection order. */
export type Engine = (options: EngineOptions, listener: EngineListener) => Promise<ItemRecord[]>;

/** The fate of an item's own request, for liveness: absent when it was not sent. */
export function fateOf(record: { readonly response?: unknown; readonly requestError?: RequestError }): RequestFate | undefined {
  if (record.requestError) return { answered: false, error: record.requestError.code };
  return record.response ? { answered: true } : undefined;
}

/** The longest delay Node's timers take (a longer one fires at once, with a TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** How long a stopped newman run may take to stop: the request in flight, and a second more. */
export function abortGraceOf(timeoutMs: number): number {
  return Math.min(MAX_TIMER_MS, timeoutMs + 1_000);
}
