/**
 * Captures requests to the embedded reference exactly as sent, for nock's reply function.
 *
 * Why: nock 14 hands its reply function a ClientRequest rebuilt from a Fetch `Request`, whose
 * `Headers` join duplicate lines into one comma-separated value (two `Authorization` lines arrive
 * as `Basic a, Basic b`), and a body that is JSON-parsed or hex-encoded. Two lines of a credential
 * header must stay two lines (a 400, auth-requirements.md), so this listens one step earlier, on
 * the interceptors of @mswjs/interceptors that nock runs: for `node:http` clients their HTTP parser
 * records the raw lines on the request's `Headers`. The listener goes first, copies lines and body,
 * and tags the request with a header of a random name whose value is the capture's id; nock copies
 * that header into what the reply function sees, which takes the capture back.
 *
 * This reads undocumented internals (the interceptors' global instances, the `kRawHeaders`
 * symbol): `spec/reference/embedded.spec.ts` sends two `Authorization` lines through node:http to
 * catch a nock upgrade that breaks it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { flattenHeaderLines } from './header-lines.js';

export interface CapturedRequest {
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface RequestCapture {
  /** Lower-case name of the header that carries a capture's id into nock's reply function. */
  readonly tagHeader: string;
  /** Removes and returns the capture with this id. */
  take(id: string | undefined): CapturedRequest | undefined;
  /** Stops capturing and forgets every capture. */
  dispose(): void;
}

type RequestListener = (event: { readonly request: Request }) => Promise<void>;

/** The part of an interceptor's event emitter (strict-event-emitter) used here. */
interface InterceptorEmitter {
  prependListener(event: 'request', listener: RequestListener): unknown;
  removeListener(event: 'request', listener: RequestListener): unknown;
}

/**
 * The interceptors nock applies, by their global symbol, with how each one's header lines are read:
 * `node:http` sends every line as given; `fetch` joins duplicate names before sending, so its
 * joined lines are what a server would see.
 */
const INTERCEPTORS: ReadonlyArray<{ readonly symbol: symbol; readonly required: boolean; readonly lines: (headers: Headers) => string[] }> = [
  { symbol: Symbol.for('client-request-interceptor'), required: true, lines: recordedLines },
  { symbol: Symbol.for('fetch-interceptor'), required: false, lines: joinedLines },
];

function emitterOf(symbol: symbol): InterceptorEmitter | undefined {
  const instance: unknown = Reflect.get(globalThis, symbol);
  const emitter: unknown = typeof instance === 'object' && instance !== null ? Reflect.get(instance, 'emitter') : undefined;
  const usable =
    typeof emitter === 'object' && emitter !== null && typeof Reflect.get(emitter, 'prependListener') === 'function' && typeof Reflect.get(emitter, 'removeListener') === 'function';
  return usable ? (emitter as InterceptorEmitter) : undefined;
}

/** The raw lines the http interceptor's parser recorded; joined lines when there is no record. */
function recordedLines(headers: Headers): string[] {
  const symbol = Object.getOwnPropertySymbols(headers).find((s) => s.description === 'kRawHeaders');
  const recorded: unknown = symbol === undefined ? undefined : Reflect.get(headers, symbol);
  const isLines = Array.isArray(recorded) && recorded.every((line) => Array.isArray(line) && typeof line[0] === 'string' && typeof line[1] === 'string');
  return isLines ? flattenHeaderLines(recorded as Array<[string, string]>) : joinedLines(headers);
}

function joinedLines(headers: Headers): string[] {
  return flattenHeaderLines(headers.entries());
}

/** Starts capturing the requests to `origin`. Nock must be active. */
export function captureRequests(origin: string): RequestCapture {
  const tagHeader = `x-v3io-reference-capture-${randomBytes(8).toString('hex')}`;
  const captures = new Map<string, CapturedRequest>();
  const subscriptions: Array<() => void> = [];

  for (const { symbol, required, lines } of INTERCEPTORS) {
    const emitter = emitterOf(symbol);
    if (!emitter) {
      if (required) throw new Error(`the embedded reference cannot read raw request headers: nock's ${symbol.description} is not running`);
      continue;
    }
    const listener: RequestListener = async ({ request }) => {
      if (new URL(request.url).origin !== origin) return;
      const rawHeaders = lines(request.headers);
      const body = request.body === null ? Buffer.alloc(0) : Buffer.from(await request.clone().arrayBuffer());
      const id = randomUUID();
      captures.set(id, { rawHeaders, body });
      request.headers.set(tagHeader, id);
    };
    emitter.prependListener('request', listener);
    subscriptions.push(() => emitter.removeListener('request', listener));
  }

  return {
    tagHeader,
    take(id) {
      if (id === undefined) return undefined;
      const captured = captures.get(id);
      captures.delete(id);
      return captured;
    },
    dispose() {
      for (const unsubscribe of subscriptions) unsubscribe();
      captures.clear();
    },
  };
}
