/**
 * Correct targets that are slow or ask to be slowed down, as deployed servers are: the reference
 * over HTTP behind a bounded pool of "hashing" workers (a bcrypt-style password check that takes
 * its time, a few at once), or behind a rate limiter that answers 429 with Retry-After to every
 * n-th request. They count what they saw, so that tests assert on what happened, not on how long.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { listenOnLoopback, type TestServer } from './loopback.js';

export interface SlowTarget extends TestServer {
  /** Requests answered, and the most that were waiting for or holding a worker at once. */
  readonly stats: { answered: number; mostQueued: number; limited: number };
}

/** Whether a request carries a credential the server must check (the slow part). */
function carriesCredential(req: IncomingMessage): boolean {
  return req.rawHeaders.some((value, i) => i % 2 === 0 && /^(authorization|x-v3io-session-key)$/i.test(value));
}

/**
 * The reference, each request that carries a credential checked by one of `workers` workers that
 * each take `checkMs` per check (the others wait their turn): latency grows with the requests in
 * flight, as a server hashing passwords on a few cores does. Requests without one are answered at once.
 */
export async function startHashingServer(workers: number, checkMs: number): Promise<SlowTarget> {
  const reference = createReference();
  const stats = { answered: 0, mostQueued: 0, limited: 0 };
  let busy = 0;
  let queued = 0;
  const waiting: (() => void)[] = [];
  const worker = async (): Promise<void> => {
    if (busy >= workers) await new Promise<void>((resolve) => waiting.push(resolve));
    busy += 1;
    await new Promise((resolve) => setTimeout(resolve, checkMs));
    busy -= 1;
    waiting.shift()?.();
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        if (carriesCredential(req)) {
          queued += 1;
          stats.mostQueued = Math.max(stats.mostQueued, queued);
          await worker();
          queued -= 1;
        }
        const response = reference.handle({ method: req.method ?? 'GET', url: req.url ?? '/', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
        stats.answered += 1;
        if (!res.destroyed) {
          res.writeHead(response.status, response.headers);
          res.end(response.body);
        }
      })();
    });
  });
  return { ...(await listenOnLoopback(server)), stats };
}

/**
 * The reference as `serve` serves it (its parser limits and framing-error answers: the wire cases
 * judged as against `serve`), behind a rate limiter that answers every `nth` request that reaches
 * it 429 with `Retry-After: <retryAfter>`.
 */
export async function startRateLimitedServer(nth: number, retryAfter = '1'): Promise<SlowTarget> {
  const inner = createReference();
  const stats = { answered: 0, mostQueued: 0, limited: 0 };
  let count = 0;
  const body = Buffer.from('slow down\n');
  const reference: Reference = {
    handle: (request) => {
      count += 1;
      stats.answered += 1;
      if (count % nth !== 0) return inner.handle(request);
      stats.limited += 1;
      return { status: 429, headers: { 'Retry-After': retryAfter, 'Content-Type': 'text/plain', 'Content-Length': String(body.length) }, body };
    },
  };
  const served = await startReferenceServer({ port: 0, host: '127.0.0.1', reference, shutdownGraceMs: 500 });
  return { url: served.url, close: () => served.close(), stats };
}

/** Header lines a client may change from one sending of a request to the next (tokens, connection handling). */
const VOLATILE = /^(postman-token|user-agent|connection|keep-alive|host|accept|accept-encoding|cache-control)$/i;

/**
 * The reference as `serve` serves it, behind a greylisting limiter: every request is answered 429
 * with `Retry-After: <retryAfter>` the first time it comes (the same method, target, header lines
 * and body), and let through when it comes again. Only a client that sends every request again
 * after the wait gets a single answer from the reference.
 */
export async function startGreylistingServer(retryAfter = '0'): Promise<SlowTarget> {
  const inner = createReference();
  const stats = { answered: 0, mostQueued: 0, limited: 0 };
  const seen = new Set<string>();
  const body = Buffer.from('slow down\n');
  const reference: Reference = {
    handle: (request) => {
      stats.answered += 1;
      const lines = [];
      for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) if (!VOLATILE.test(request.rawHeaders[i]!)) lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      const key = `${request.method} ${request.url}\n${lines.join('\n')}\n\n${request.body.toString('latin1')}`;
      if (seen.has(key)) return inner.handle(request);
      seen.add(key);
      stats.limited += 1;
      return { status: 429, headers: { 'Retry-After': retryAfter, 'Content-Type': 'text/plain', 'Content-Length': String(body.length) }, body };
    },
  };
  const served = await startReferenceServer({ port: 0, host: '127.0.0.1', reference, shutdownGraceMs: 500 });
  return { url: served.url, close: () => served.close(), stats };
}
