/**
 * Clients for the reference's socket and nock tests.
 *
 * `httpRequest` goes through node:http (as newman does), so nock's interceptor sees it when nock
 * is loaded. `RawConnection` writes bytes on a TCP socket, which no interceptor touches: the tests
 * of the server's wire behaviour use it, since another spec file of the process may load nock.
 */
// `http.request` looked up at call time: nock's interceptor replaces it on the CommonJS module
// object, and a named ESM import of a builtin does not follow such changes.
import http, { type Agent } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface HttpResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** Sends header lines exactly as given (an array keeps two lines of one name apart). */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: ReadonlyArray<readonly [string, string]>; body?: string | Buffer; agent?: Agent } = {},
): Promise<HttpResult> {
  // With header lines given as an array, Node adds no Host of its own.
  const lines = [['Host', new URL(url).host] as const, ...(options.headers ?? [])];
  return new Promise<HttpResult>((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: lines.flat(), agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface RawResponse {
  readonly statusLine: string;
  readonly status: number;
  /** Lower-case names; the last line wins. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * One TCP connection to 127.0.0.1 on which requests are written byte for byte, one after the
 * other (keep-alive). A response is delimited by its Content-Length, which must be there.
 */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  private ended = false;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiting?.();
    });
    this.closed = new Promise<void>((resolve) =>
      socket.on('close', () => {
        this.ended = true;
        this.waiting?.();
        resolve();
      }),
    );
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise<RawConnection>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /**
   * Writes `method target HTTP/1.1`, a Host line, `lines` (CRLF added, taken as latin1 bytes) and
   * `body` (with its Content-Length), then reads one response.
   */
  async exchange(method: string, target: string, lines: readonly string[] = [], body?: Buffer): Promise<RawResponse> {
    const length = body ? [`Content-Length: ${body.length}`] : [];
    const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...lines, ...length, '', ''].join('\r\n');
    this.socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body ?? Buffer.alloc(0)]));
    return this.readResponse(method === 'HEAD');
  }

  /** Writes bytes as they are (a request, or part of one); `read` then takes its response. */
  write(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Reads the next response (after `write`). */
  read(isHead = false): Promise<RawResponse> {
    return this.readResponse(isHead);
  }

  close(): void {
    this.socket.destroy();
  }

  private async readResponse(isHead: boolean): Promise<RawResponse> {
    let end = -1;
    while ((end = this.buffered.indexOf('\r\n\r\n')) < 0) await this.more();
    const [statusLine = '', ...headerLines] = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const declared = headers['content-length'];
    if (declared === undefined) {
      // Only a response that ends the connection can go without a length (Node's own 400 and 431).
      if (headers['connection'] !== 'close') throw new Error(`response without Content-Length: ${statusLine}`);
      await this.closed;
    }
    const length = isHead ? 0 : declared === undefined ? this.buffered.length - end - 4 : Number(declared);
    while (this.buffered.length < end + 4 + length) await this.more();
    const body = this.buffered.subarray(end + 4, end + 4 + length);
    this.buffered = this.buffered.subarray(end + 4 + length);
    return { statusLine, status: Number(statusLine.split(' ')[1]), headers, body };
  }

  private more(): Promise<void> {
    if (this.ended) return Promise.reject(new Error('connection closed before a whole response'));
    return new Promise<void>((resolve) => {
      this.waiting = () => {
        this.waiting = undefined;
        resolve();
      };
    });
  }
}
