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
import net, { type AddressInfo } from 'node:net';

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
];

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
      const end = buffered.indexOf('\r\n\r\n', 0, 'latin1');
      if (end < 0) {
        if (buffered.length > MAX_HEAD) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      const head = buffered.toString('latin1', 0, end + 4);
      const rest = buffered.subarray(end + 4);
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
