/**
 * A real HTTP server (node:http) on loopback that stands in front of a correct reference server,
 * the way a reverse proxy, an API gateway or a web framework's middleware stands in front of an
 * application: it reads each request, decides on its own — with code of its own, not the
 * reference's — whether to answer it or forward it (rewritten, e.g. with credentials it chose to
 * trust), and relays the answer. The broken servers of `independent-servers.ts` are such fronts,
 * each with one deviation, so they share none of the reference's code paths where they go wrong.
 *
 * A front keeps state per client connection (`connection`) and across connections if its decide
 * function closes over some: that is how a server that caches an authentication is written.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from '../support/loopback.js';

export type HeaderPairs = [name: string, value: string][];

export interface FrontRequest {
  readonly method: string;
  /** The request target as received: origin form, absolute form or `*`. */
  readonly url: string;
  readonly headers: HeaderPairs;
  readonly body: Buffer;
  /** State the front keeps for this client connection. */
  readonly connection: Map<string, unknown>;
}

export type FrontDecision =
  | {
      readonly kind: 'forward';
      readonly url?: string;
      readonly headers?: HeaderPairs;
      readonly body?: Buffer;
      /** Told the status the backend answered with. */
      readonly onStatus?: (status: number) => void;
    }
  | { readonly kind: 'answer'; readonly status: number; readonly contentType: string; readonly body: string };

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface FrontOptions {
  /** The front's own parser limit for the header section (node:http `maxHeaderSize`). */
  readonly maxHeaderSize?: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection', 'upgrade', 'te', 'trailer']);

export function pairsOf(rawHeaders: readonly string[]): HeaderPairs {
  const pairs: HeaderPairs = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

export function valuesNamed(headers: HeaderPairs, name: string): string[] {
  return headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

export function withoutHeaders(headers: HeaderPairs, names: readonly string[]): HeaderPairs {
  return headers.filter(([n]) => !names.includes(n.toLowerCase()));
}

const CREDENTIAL_HEADERS = ['x-v3io-session-key', 'authorization'];

/** The headers with their credentials replaced by this session key. */
export function actingWithKey(headers: HeaderPairs, accessKey: string): HeaderPairs {
  return [...withoutHeaders(headers, CREDENTIAL_HEADERS), ['X-v3io-session-key', accessKey]];
}

export function hasCredentials(headers: HeaderPairs): boolean {
  return headers.some(([n]) => CREDENTIAL_HEADERS.includes(n.toLowerCase()));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(bytes.length) });
  response.end(head ? undefined : bytes);
}

/** Starts the front on a free loopback port, forwarding to `backendUrl`. */
export async function startHttpFront(backendUrl: string, decide: (request: FrontRequest) => FrontDecision, options: FrontOptions = {}): Promise<RunningServer> {
  const backend = new URL(backendUrl);
  const memory = new WeakMap<Socket, Map<string, unknown>>();
  const server = http.createServer({ ...(options.maxHeaderSize ? { maxHeaderSize: options.maxHeaderSize } : {}) }, (request, response) => {
    void (async () => {
      const body = await readBody(request);
      const socket = request.socket;
      const connection = memory.get(socket) ?? new Map<string, unknown>();
      memory.set(socket, connection);
      const head = request.method === 'HEAD';
      const decision = decide({ method: request.method ?? 'GET', url: request.url ?? '/', headers: pairsOf(request.rawHeaders), body, connection });
      if (decision.kind === 'answer') return answer(response, decision.status, decision.contentType, decision.body, head);
      const sentBody = decision.body ?? body;
      const headers = withoutHeaders(decision.headers ?? pairsOf(request.rawHeaders), [...HOP_BY_HOP]);
      if (sentBody.length > 0 || request.headers['content-length'] !== undefined) headers.push(['Content-Length', String(sentBody.length)]);
      const upstream = http.request({ host: backend.hostname, port: Number(backend.port), method: request.method, path: decision.url ?? request.url, headers: headers.flat(), agent: false });
      upstream.on('response', (answered) => {
        void readBody(answered).then((answeredBody) => {
          decision.onStatus?.(answered.statusCode ?? 0);
          const relayed = withoutHeaders(pairsOf(answered.rawHeaders), [...HOP_BY_HOP]);
          response.writeHead(answered.statusCode ?? 502, [...relayed, ['Content-Length', String(head ? Number(answered.headers['content-length'] ?? 0) : answeredBody.length)]].flat());
          response.end(head ? undefined : answeredBody);
        });
      });
      upstream.on('error', () => answer(response, 502, 'application/json', '{"ErrorCode":-5,"ErrorMessage":"bad gateway"}', head));
      upstream.end(sentBody);
    })().catch(() => response.destroy());
  });
  // What the parser refuses (a header section over its limit, framing errors) gets a plain answer and
  // a half-close, not Node's default destroy, which resets a client still sending: the front's
  // deviation is its own, not a reset a correct server would not cause.
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    setTimeout(() => socket.destroy(), 2_000).unref();
  });
  return listenOnLoopback(server);
}
