/**
 * Runs a collection with newman as a library and records, per item id, what happened: the
 * request and its response (or connection error), the requests its scripts sent and their answers
 * (what the judge decides from), every assertion, every script exception. Turns the silent ways
 * newman can stop (never calling back, the event loop draining) into errors.
 */
import newman from 'newman';
import { abortReason, HarnessError } from '../errors.js';
import type { PostmanEnvironment } from './environment.js';
import type { ClientTls } from '../tls-files.js';
import type { AssertionRecord, ItemRecord, RequestError, ResponseRecord } from './engine.js';

export type { AssertionRecord, ResponseRecord };

/** A request a script of the item sent (`pm.sendRequest`), in the order sent. */
export interface ScriptRequestRecord {
  /** `prerequest`: sent before the item's own request; `test`: after it. */
  readonly phase: 'prerequest' | 'test';
  readonly method: string;
  readonly path: string;
  readonly response?: ResponseRecord;
  readonly requestError?: RequestError;
}

/** What newman recorded of an item: its request, what its scripts sent (by phase), its assertions. */
export interface ItemTrace {
  readonly id: string;
  readonly name: string;
  /** The request as resolved (method and path with query). */
  method?: string;
  path?: string;
  /**
   * The header lines as sent, unmasked: they hold credentials, so only code that masks them
   * (exchange.ts) may put them in a result.
   */
  requestHeaders?: readonly (readonly [string, string])[];
  /** Local variables after the pre-request script (derived values such as mutated keys), unmasked. */
  localVariables?: Readonly<Record<string, string>>;
  response?: ResponseRecord;
  requestError?: RequestError;
  /** The requests its scripts sent (preparations, read-backs, a second request), in order. */
  readonly scriptRequests: ScriptRequestRecord[];
  readonly assertions: AssertionRecord[];
  readonly exceptions: string[];
  /** Milliseconds from the start of the item to the end of its test script (preparations included). */
  durationMs?: number;
}

export interface NewmanOptions extends ClientTls {
  readonly collection: object;
  readonly environment: PostmanEnvironment;
  /** Per-request timeout in milliseconds. */
  readonly timeoutRequestMs: number;
  /** Upper bound for the whole run; newman is declared stuck after it. */
  readonly timeoutRunMs: number;
  /** Called before each item's first request (its pre-request script's included). */
  readonly onItemStart?: (id: string) => void;
  /** Called after each item, for progress output. */
  readonly onItem?: (trace: ItemTrace) => void;
  /**
   * Stops the run: newman is told to abort, and the promise rejects with the signal's reason once
   * newman has stopped (the request in flight completed), or after `abortGraceMs` at the latest.
   */
  readonly signal?: AbortSignal;
  /** How long an aborted run may take to stop; default 5 s. */
  readonly abortGraceMs?: number;
}

interface Cursorish { ref?: string }
interface EventArgs {
  item?: { id: string; name: string };
  cursor?: Cursorish;
  request?: {
    method?: string;
    url?: { getPathWithQuery?: () => string };
    headers?: { all(): { key: string; value: string; disabled?: boolean }[] };
  };
  executions?: { result?: { _variables?: { toObject?: () => Record<string, unknown> } } }[];
  response?: { code: number; status: string; headers?: { all(): { key: string; value: string }[] }; stream?: Buffer };
  assertion?: string;
  skipped?: boolean;
  error?: { message?: string };
}

/** An item without script requests (a fixture step, a harness item) as an engine's record. */
export function itemRecord(trace: ItemTrace): ItemRecord {
  const { scriptRequests: _scripts, localVariables, ...rest } = trace;
  return { ...rest, steps: [], ...(localVariables ? { derived: localVariables } : {}) };
}

/** Runs newman and returns the traces in execution order. */
export function runNewman(options: NewmanOptions): Promise<ItemTrace[]> {
  return new Promise<ItemTrace[]>((resolve, reject) => {
    const traces = new Map<string, ItemTrace>();
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      clearTimeout(abortGrace);
      process.removeListener('beforeExit', onBeforeExit);
      options.signal?.removeEventListener('abort', onAbort);
      action();
    };
    // Set by the 'start' event: the runtime's run, which can be aborted between requests.
    let runtime: { abort?: () => void } | undefined;
    let abortGrace: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      const signal = options.signal!;
      runtime?.abort?.();
      abortGrace = setTimeout(() => settle(() => reject(abortReason(signal))), options.abortGraceMs ?? 5_000);
    };
    // The event loop draining before newman calls back means a request will never complete
    // (e.g. a mocked reply without Content-Length on a keep-alive connection).
    const onBeforeExit = (): void =>
      settle(() => reject(new HarnessError('newman-unfinished', 'newman stopped without finishing the run (a response never completed)')));
    process.on('beforeExit', onBeforeExit);
    // Unref'd: it fires only while something else keeps the process alive, i.e. a hang.
    const watchdog = setTimeout(
      () => settle(() => reject(new HarnessError('newman-unfinished', `newman did not finish within ${Math.round(options.timeoutRunMs / 1000)} s`))),
      options.timeoutRunMs,
    );
    watchdog.unref();

    // Traces start at 'beforeItem': requests sent by pm.sendRequest come with an item of their
    // own (a fresh random id), which must not be taken for a case's request: they belong to the
    // item being run (items run one at a time), before its own request or after it.
    const traceOf = (args: EventArgs | undefined): ItemTrace | undefined => (args?.item ? traces.get(args.item.id) : undefined);
    let current: ItemTrace | undefined;
    let ownRequestSent = false;

    let emitter: ReturnType<typeof newman.run>;
    try {
      emitter = newman.run(
        {
          collection: options.collection as never,
          environment: options.environment as never,
          reporters: [],
          timeoutRequest: options.timeoutRequestMs,
          ignoreRedirects: true,
          ...(options.insecure ? { insecure: true } : {}),
          ...(options.caFile ? { sslExtraCaCerts: options.caFile } : {}),
          ...(options.certFile && options.keyFile ? { sslClientCert: options.certFile, sslClientKey: options.keyFile } : {}),
        },
        (error: Error | null) => {
          if (options.signal?.aborted) settle(() => reject(abortReason(options.signal!)));
          else if (error) settle(() => reject(new HarnessError('newman-failed', `newman could not run the collection: ${error.message}`)));
          else settle(() => resolve([...traces.values()]));
        },
      );
    } catch (error) {
      settle(() => reject(new HarnessError('newman-failed', `newman could not start: ${(error as Error).message}`)));
      return;
    }

    emitter.on('start', (_err: unknown, args: { run?: { abort?: () => void } }) => {
      runtime = args.run;
      if (options.signal?.aborted) runtime?.abort?.();
    });
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    const itemStarts = new Map<string, number>();
    emitter.on('beforeItem', (_err: unknown, args: EventArgs) => {
      const item = args.item;
      if (!item) return;
      current = { id: item.id, name: item.name, scriptRequests: [], assertions: [], exceptions: [] };
      ownRequestSent = false;
      traces.set(item.id, current);
      itemStarts.set(item.id, performance.now());
      options.onItemStart?.(item.id);
    });
    const responseRecord = (response: NonNullable<EventArgs['response']>): ResponseRecord => ({
      status: response.code,
      statusText: response.status,
      headers: (response.headers?.all() ?? []).map((h) => [h.key, h.value] as const),
      body: response.stream ?? Buffer.alloc(0),
    });
    emitter.on('request', (err: NodeJS.ErrnoException | null, args: EventArgs) => {
      const trace = traceOf(args);
      if (!trace) {
        if (!current) return;
        current.scriptRequests.push({
          phase: ownRequestSent ? 'test' : 'prerequest',
          method: args.request?.method ?? '',
          path: args.request?.url?.getPathWithQuery?.() ?? '',
          ...(err ? { requestError: { code: err.code ?? 'ERROR', message: err.message } } : args.response ? { response: responseRecord(args.response) } : {}),
        });
        return;
      }
      ownRequestSent = true;
      trace.method = args.request?.method;
      trace.path = args.request?.url?.getPathWithQuery?.();
      const headers = args.request?.headers?.all();
      if (headers) trace.requestHeaders = headers.filter((h) => !h.disabled).map((h) => [h.key, String(h.value)] as const);
      if (err) {
        trace.requestError = { code: err.code ?? 'ERROR', message: err.message };
        return;
      }
      if (args.response) trace.response = responseRecord(args.response);
    });
    emitter.on('prerequest', (_err: unknown, args: EventArgs) => {
      const trace = traceOf(args);
      const scope = args.executions?.at(-1)?.result?._variables?.toObject?.();
      if (trace && scope) trace.localVariables = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, String(v)]));
    });
    emitter.on('assertion', (err: { message?: string } | null, args: EventArgs) => {
      const trace = traceOf(args);
      if (!trace || !args.assertion) return;
      trace.assertions.push({
        name: args.assertion,
        passed: !err,
        skipped: Boolean(args.skipped),
        ...(err ? { message: err.message ?? args.error?.message ?? '' } : {}),
      });
    });
    emitter.on('exception', (_err: unknown, args: { cursor?: Cursorish; error?: { message?: string } }) => {
      const ref = args.cursor?.ref;
      // Exceptions carry a cursor, not the item: attach to the item currently running.
      const trace = ref ? [...traces.values()].at(-1) : undefined;
      trace?.exceptions.push(args.error?.message ?? 'script error');
    });
    emitter.on('item', (_err: unknown, args: EventArgs) => {
      const trace = traceOf(args);
      if (!trace) return;
      const start = itemStarts.get(trace.id);
      if (start !== undefined) trace.durationMs = Math.round(performance.now() - start);
      options.onItem?.(trace);
    });
  });
}
