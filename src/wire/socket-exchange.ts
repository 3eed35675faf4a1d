/**
 * One exchange over a raw socket (node:net, or node:tls for https://): connect, write the bytes
 * as they are, read one response with the strict parser. Whatever the server does is a result,
 * never an exception: an answer, a connection it closed or reset without one, a response that is
 * not HTTP, silence until the timeout, or a connection that could not be opened.
 */
import net from 'node:net';
import tls from 'node:tls';
import { parseResponse, type WireResponse } from './response-parser.js';

export interface WireTarget {
  /** `http://` or `https://` base URL; only its scheme, host and port are used. */
  readonly baseUrl: string;
  /** Extra trusted CA certificates (`--ca`), added to the default ones. */
  readonly ca?: readonly (string | Buffer)[];
  /** `--insecure`: no certificate verification. */
  readonly insecure?: boolean;
  /** Client certificate and key (`--cert`/`--key`), PEM, for a target that asks for one. */
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** Milliseconds from connecting to the end of the response. */
  readonly timeoutMs: number;
}

export type WireOutcome =
  | { readonly kind: 'response'; readonly response: WireResponse }
  /** The server ended the connection (FIN) before a byte of a response. */
  | { readonly kind: 'closed' }
  /** The connection was reset (or broke while writing) before a complete response. */
  | { readonly kind: 'reset'; readonly code: string }
  /** Bytes came back, but not an HTTP/1.1 response. */
  | { readonly kind: 'malformed'; readonly reason: string }
  /** Neither a response nor a close within the timeout. */
  | { readonly kind: 'timeout'; readonly receivedBytes: number }
  /** No connection at all (refused, DNS, TLS handshake). */
  | { readonly kind: 'connect-failed'; readonly code: string }
  /**
   * Several requests on one connection, and the server closed it after an earlier answer
   * (`Connection: close` on it, or its FIN or reset before a byte of the next): the later
   * request never went over a reused connection. `reason` says how.
   */
  | { readonly kind: 'not-reused'; readonly reason: string };

/** Whether a response ends its connection: `Connection: close`, or HTTP/1.0 without keep-alive (RFC 9112 §9.3). */
function closesConnection(response: WireResponse): boolean {
  const options = response.headers.filter(([name]) => name.toLowerCase() === 'connection').flatMap(([, value]) => value.split(',').map((o) => o.trim().toLowerCase()));
  return options.includes('close') || (response.version === '1.0' && !options.includes('keep-alive'));
}

/** The host and port of a base URL, with the scheme's default port. */
export function endpointOf(baseUrl: string): { host: string; port: number; secure: boolean } {
  const url = new URL(baseUrl);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port ? Number(url.port) : secure ? 443 : 80, secure };
}

/** The `Host` field value for a base URL: its authority as the URL writes it (RFC 9110 §7.2). */
export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/**
 * One TLS context per target, made on its first connection: building one parses every trusted
 * certificate (the default roots beside `--ca`), some 20 ms of CPU, which a context per
 * connection paid again for each of the run's hundreds of raw-socket cases.
 */
const secureContexts = new WeakMap<WireTarget, tls.SecureContext>();

function secureContextOf(target: WireTarget): tls.SecureContext {
  let context = secureContexts.get(target);
  if (!context) {
    context = tls.createSecureContext({
      ...(target.ca ? { ca: [...tls.rootCertificates, ...target.ca] } : {}),
      ...(target.cert && target.key ? { cert: target.cert, key: target.key } : {}),
    });
    secureContexts.set(target, context);
  }
  return context;
}

function connect(target: WireTarget): net.Socket {
  const { host, port, secure } = endpointOf(target.baseUrl);
  if (!secure) return net.connect({ host, port });
  return tls.connect({
    host,
    port,
    // SNI takes a host name, never an address (RFC 6066 §3).
    ...(net.isIP(host) ? {} : { servername: host }),
    rejectUnauthorized: !target.insecure,
    secureContext: secureContextOf(target),
    ALPNProtocols: ['http/1.1'],
  });
}

/**
 * `request` is the bytes of one request, or of several sent one after the other on the same
 * connection: each is written once the answer to the one before it is complete, the way a client
 * reuses a keep-alive connection. The answers to the earlier ones are read and passed over; the
 * outcome is that of the last request (a server that closes the connection before answering it
 * has `closed` it).
 */
export function exchangeBytes(target: WireTarget, request: Buffer | readonly Buffer[], options: { headRequest?: boolean } = {}): Promise<WireOutcome> {
  const requests = Buffer.isBuffer(request) ? [request] : request;
  return new Promise<WireOutcome>((resolve) => {
    const socket = connect(target);
    const received: Buffer[] = [];
    let connected = false;
    let settled = false;
    /** Where the judged response starts, once the earlier ones are read. */
    let start = 0;
    let toSkip = requests.length - 1;
    const finish = (outcome: WireOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const data = (): Buffer => Buffer.concat(received);
    /** Why the connection was not reused, once an earlier answer announced its close. */
    let closedAfterEarlier: string | undefined;
    /** Parses the response at `start`, passing over the earlier ones (which are never HEAD). */
    const parseNext = (bytes: Buffer, ended: boolean): ReturnType<typeof parseResponse> => {
      for (;;) {
        const skipping = toSkip > 0;
        const parsed = parseResponse(bytes, { headRequest: skipping ? false : options.headRequest, ended, start });
        if (parsed.kind !== 'complete' || !skipping) return parsed;
        toSkip -= 1;
        start = parsed.end;
        // A client sends nothing more on a connection the server said it closes (RFC 9112 §9.6).
        if (closesConnection(parsed.response)) {
          closedAfterEarlier = `the answer to request ${requests.length - toSkip - 1} of ${requests.length} on the connection (${parsed.response.status}) closed it (Connection: close)`;
          return { kind: 'incomplete' };
        }
        // The earlier request is answered: the next goes out on the same connection.
        if (!ended) socket.write(requests[requests.length - 1 - toSkip]!);
        if (start >= bytes.length) return { kind: 'incomplete' };
      }
    };
    /** What the bytes so far amount to once the connection is over. */
    const ended = (noResponse: () => WireOutcome): WireOutcome => {
      const bytes = data();
      if (closedAfterEarlier) return { kind: 'not-reused', reason: closedAfterEarlier };
      // An earlier request was answered, and nothing of the next answer came before the end.
      if (start > 0 && bytes.length <= start) return { kind: 'not-reused', reason: `the server ended the connection after answering request ${requests.length - toSkip - 1} of ${requests.length}, before a byte of the next answer` };
      if (bytes.length <= start) return noResponse();
      const parsed = parseNext(bytes, true);
      if (parsed.kind === 'incomplete' || (parsed.kind === 'complete' && toSkip > 0)) return noResponse();
      return parsed.kind === 'complete' ? { kind: 'response', response: parsed.response } : { kind: 'malformed', reason: parsed.kind === 'malformed' ? parsed.reason : 'an incomplete response' };
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', receivedBytes: data().length - start }), target.timeoutMs);

    socket.once(target.baseUrl.startsWith('https:') ? 'secureConnect' : 'connect', () => {
      connected = true;
      // Not `end()`: some servers take a half-closed connection as an aborted request.
      socket.write(requests[0]!);
    });
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const parsed = parseNext(data(), false);
      if (closedAfterEarlier) finish({ kind: 'not-reused', reason: closedAfterEarlier });
      else if (parsed.kind === 'complete') finish({ kind: 'response', response: parsed.response });
      else if (parsed.kind === 'malformed') finish({ kind: 'malformed', reason: parsed.reason });
    });
    socket.on('end', () => finish(ended(() => ({ kind: 'closed' }))));
    socket.on('close', () => finish(ended(() => ({ kind: 'closed' }))));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      if (!connected) finish({ kind: 'connect-failed', code });
      // A server that answers and closes while the request is still being written breaks the write (EPIPE, ECONNRESET): its answer counts.
      else finish(ended(() => ({ kind: 'reset', code })));
    });
  });
}
