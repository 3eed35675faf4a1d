/**
 * A server for `server-bench.ts`, in a process of its own so that it does not share an event loop
 * with the load generator: `reference` (the served reference, quiet), `reference-logged` (with its
 * request log on stdout) or `bare` (node:http answering a fixed response: the reference's own
 * answer to the benchmark's GET, headers given as JSON in the next argument, so that the client
 * parses the same bytes from both). Sends its URL over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { batchedSink } from '../../src/reference/request-log.js';
import { startReferenceServer } from '../../src/reference/server.js';

export type BenchTarget = 'reference' | 'reference-logged' | 'bare';

/** The object the benchmark reads, and what the bare server answers. */
export const BENCH_BODY = Buffer.from('{"hello": "v3io", "size": "small"}\n');

async function start(kind: BenchTarget): Promise<string> {
  if (kind === 'bare') {
    const headers = JSON.parse(process.argv[3] ?? '{}') as Record<string, string>;
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, headers);
      res.end(BENCH_BODY);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const server = await startReferenceServer({ port: 0, ...(kind === 'reference-logged' ? { requestLog: batchedSink((text) => process.stdout.write(text)) } : {}) });
  return server.url;
}

const kind = process.argv[2] as BenchTarget;
void start(kind).then((url) => process.send?.({ url }));
// CPU time used so far (user + system, µs), asked for before and after each measurement; or, for
// 'memory', RSS and heap after a full garbage collection (the process runs with --expose-gc).
process.on('message', (message: unknown) => {
  if (message === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) for (let i = 0; i < 3; i += 1) gc();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed, collected: Boolean(gc) });
    return;
  }
  const { user, system } = process.cpuUsage();
  process.send?.({ cpuMicros: user + system });
});
