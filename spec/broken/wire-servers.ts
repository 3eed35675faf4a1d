/**
 * Deliberately broken servers built on raw sockets: each is a node:net front that reads the
 * request head itself, with one documented framing bug, and then either answers on its own or
 * forwards the (possibly rewritten) request to a correct reference server behind it. Everything
 * the bug does not touch behaves as the reference does, so a run against the front fails the
 * cases that catch the bug and passes the rest.
 *
 * The front handles one request per connection: it forwards the head with `Connection: close`,
 * so the reference ends the connection after its answer and the client opens a new one.
 */
import { createHash } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';

/** What the front does with a request head (latin1 text, CRLF CRLF included). */
export type FrontAction = { readonly kind: 'forward'; readonly head: string } | { readonly kind: 'answer'; readonly response: string } | { readonly kind: 'crash' };

export interface BrokenWireServer {
  readonly id: string;
  /** The deviation, as a reader of auth-requirements.md would name it. */
  readonly deviation: string;
  /** The level of the requirement it breaks: a MUST deviation fails the run (exit 1). */
  readonly level: 'must' | 'should';
  /** Cases that must fail against it (at least these; others may fail too). */
  readonly caughtBy: readonly string[];
  /** `--grep` for the run against it: the cases worth sending, so that the run stays short. */
  readonly grep: string;
  /**
   * Set for a front that reads a chunked body whole before it decides: `onHead` is then given the
   * head and the body up to the end of its trailer section (a request without a chunked body: the head).
   */
  readonly readsChunkedBody?: true;
  readonly onHead: (head: string) => FrontAction;
}

const V3IO_500 = '{"ErrorCode":-5,"ErrorMessage":"Input/output error"}';

const forward = (head: string): FrontAction => ({ kind: 'forward', head });

/** Keeps the first line whose name matches and drops the others. */
function keepFirstLine(head: string, name: RegExp): string {
  let seen = false;
  return head
    .split('\r\n')
    .filter((line) => {
      if (!name.test(line)) return true;
      if (seen) return false;
      seen = true;
      return true;
    })
    .join('\r\n');
}

/** The value of the first header line of `head` with this name (lower case), or undefined. */
function headerValue(head: string, name: string): string | undefined {
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

/** The head with the lines of these names (lower case) dropped and `added` lines put before its end. */
function rewrittenHead(head: string, dropped: readonly string[], added: readonly string[]): string {
  const lines = head.slice(0, -4).split('\r\n').filter((line) => !dropped.some((name) => line.toLowerCase().startsWith(`${name}:`)));
  return `${[...lines, ...added].join('\r\n')}\r\n\r\n`;
}

/** The fields of a chunked message's trailer section (the lines after the last chunk), as header lines. */
function trailerLines(message: string): string[] {
  const headEnd = message.indexOf('\r\n\r\n') + 4;
  const last = message.indexOf('\r\n0\r\n', headEnd - 2);
  if (last < 0) return [];
  return message.slice(last + 5).split('\r\n').filter((line) => line !== '');
}

/** RFC 6455 §4.2.2: the Sec-WebSocket-Accept for a Sec-WebSocket-Key. */
const websocketAccept = (key: string): string => createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');

export const BROKEN_WIRE_SERVERS: readonly BrokenWireServer[] = [
  {
    id: 'obs-fold-lines-as-header-lines',
    deviation: 'reads a line that starts with whitespace (obs-fold, or right after the request line) as a header line of its own',
    level: 'must',
    caughtBy: ['session-key-wire-key-line-on-obs-fold', 'basic-wire-authorization-line-on-obs-fold', 'cross-wire-key-line-after-request-line-with-leading-space'],
    grep: '-wire-',
    onHead: (head) => forward(head.replace(/\r\n[ \t]+/g, '\r\n')),
  },
  {
    id: 'bare-cr-ends-a-line',
    deviation: 'takes a bare CR for the end of a header line',
    level: 'must',
    caughtBy: ['session-key-wire-key-line-behind-bare-cr'],
    grep: '-wire-',
    onHead: (head) => forward(head.replace(/\r(?!\n)/g, '\r\n')),
  },
  {
    id: 'trims-no-break-space',
    deviation: "trims header values with JavaScript's trim(), which also removes the byte 0xA0 (no-break space)",
    level: 'must',
    caughtBy: ['session-key-wire-nbsp-after-key'],
    grep: '-wire-',
    onHead: (head) => forward(head.replace(/\u00a0+\r\n/g, '\r\n')),
  },
  {
    id: '500-on-nul',
    deviation: 'answers 500 to a request with a NUL byte in its head',
    level: 'must',
    caughtBy: ['session-key-wire-nul-after-key', 'basic-wire-nul-after-token'],
    grep: '-wire-',
    onHead: (head) =>
      head.includes('\u0000')
        ? { kind: 'answer', response: `HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: ${V3IO_500.length}\r\nConnection: close\r\n\r\n${V3IO_500}` }
        : forward(head),
  },
  {
    id: 'crashes-on-nul',
    deviation: 'crashes (stops listening) on a request with a NUL byte in its head',
    level: 'must',
    caughtBy: ['session-key-wire-nul-after-key'],
    grep: '-wire-',
    onHead: (head) => (head.includes('\u0000') ? { kind: 'crash' } : forward(head)),
  },
  {
    id: 'first-authorization-line',
    deviation: 'takes the first of two Authorization lines and ignores the second (as Apache httpd does)',
    level: 'should',
    caughtBy: ['cross-two-authorization-valid-then-wrong', 'cross-two-authorization-wrong-then-valid'],
    grep: 'two-authorization|-wire-',
    onHead: (head) => forward(keepFirstLine(head, /^authorization[ \t]*:/i)),
  },
  {
    id: 'merges-trailer-fields',
    deviation: 'reads a chunked body whole and merges its trailer fields into the header section before authenticating (RFC 9110 §6.5.1 forbids authentication there)',
    level: 'must',
    caughtBy: ['session-key-wire-key-in-trailer', 'basic-wire-authorization-in-trailer', 'session-key-wire-denied-key-with-key-in-trailer'],
    grep: '-wire-',
    readsChunkedBody: true,
    onHead: (message) => {
      const head = message.slice(0, message.indexOf('\r\n\r\n') + 4);
      const trailers = trailerLines(message);
      if (trailers.length === 0) return forward(message);
      // The merged fields come first, as a front that adds what it read in front of the rest.
      const names = trailers.map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
      return forward(rewrittenHead(head, ['transfer-encoding', 'trailer', ...names], trailers));
    },
  },
  {
    id: 'switches-protocols-before-authenticating',
    deviation: 'answers a WebSocket upgrade with 101 Switching Protocols before it authenticates the request (RFC 9110 §7.8)',
    level: 'must',
    caughtBy: ['cross-wire-upgrade-websocket-without-credentials'],
    grep: '-wire-',
    onHead: (head) => {
      const key = headerValue(head, 'sec-websocket-key');
      if (headerValue(head, 'upgrade')?.toLowerCase() !== 'websocket' || key === undefined) return forward(head);
      return { kind: 'answer', response: `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n` };
    },
  },
  {
    id: 'expect-continue-skips-authentication',
    deviation: "hands a request with Expect: 100-continue to a continue handler that writes its body without the authentication the other requests get (as a node:http server's 'checkContinue' listener does when it bypasses the middleware)",
    level: 'must',
    caughtBy: ['cross-wire-expect-continue-put-without-credentials'],
    grep: '-wire-',
    onHead: (head) =>
      headerValue(head, 'expect')?.toLowerCase() === '100-continue'
        ? forward(rewrittenHead(head, ['expect', 'x-v3io-session-key', 'authorization'], [`X-v3io-session-key: ${REFERENCE_IDENTITIES.main.accessKey}`]))
        : forward(head),
  },
];

/** Where a message read whole ends: after the head, or after a chunked body's trailer section; -1 while incomplete. */
function messageEnd(buffered: Buffer, headEnd: number, readsChunkedBody: boolean): number {
  const head = buffered.toString('latin1', 0, headEnd);
  if (!readsChunkedBody || !/\r\ntransfer-encoding:[ \t]*chunked/i.test(head)) return headEnd;
  const last = buffered.indexOf('\r\n0\r\n', headEnd - 2, 'latin1');
  if (last < 0) return -1;
  const end = buffered.indexOf('\r\n\r\n', last + 3, 'latin1');
  return end < 0 ? -1 : end + 4;
}

/** The head with its Connection lines replaced by `Connection: close`. */
function closing(head: string): string {
  const lines = head.slice(0, -4).split('\r\n').filter((line) => !/^connection[ \t]*:/i.test(line));
  return `${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`;
}

/** Longest head the front buffers before it gives up on a connection. */
const MAX_HEAD = 1024 * 1024;

export interface RunningFront {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the broken front on a free port, forwarding to the reference at `backendUrl`. */
export async function startBrokenWireServer(variant: BrokenWireServer, backendUrl: string): Promise<RunningFront> {
  const backend = new URL(backendUrl);
  const sockets = new Set<net.Socket>();
  let crashed = false;
  const crash = (): void => {
    crashed = true;
    server.close();
    for (const socket of sockets) socket.destroy();
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const headEnd = buffered.indexOf('\r\n\r\n', 0, 'latin1');
      const end = headEnd < 0 ? -1 : messageEnd(buffered, headEnd + 4, variant.readsChunkedBody === true);
      if (end < 0) {
        if (buffered.length > MAX_HEAD) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      const head = buffered.toString('latin1', 0, end);
      const rest = buffered.subarray(end);
      const action = variant.onHead(head);
      if (action.kind === 'crash') return crash();
      if (action.kind === 'answer') {
        client.end(Buffer.from(action.response, 'latin1'));
        return;
      }
      const upstream = net.connect({ host: backend.hostname, port: Number(backend.port) });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      upstream.write(Buffer.concat([Buffer.from(closing(action.head), 'latin1'), rest]));
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (crashed) resolve();
        else server.close(() => resolve());
      }),
  };
}
