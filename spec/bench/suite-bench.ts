/**
 * `npm run bench`: wall time of the whole suite, process start-up included, as a user sees it —
 * the native engine, the newman engine, the plain `newman run` CLI of the committed collection and
 * the raw floor (the same number of requests from one keep-alive loop), embedded and against
 * `serve`; then, through a TCP proxy that delays what the client sends by 50 ms (loopback only),
 * each engine one case at a time and at its default concurrency. Median of BENCH_RUNS runs
 * (default 3; the latency runs once). A ratio compares runs made in turn (one, then the other,
 * BENCH_RUNS times, the median of the pairs' ratios): on a shared machine whose speed drifts by
 * tens of percent within minutes, two rows measured minutes apart are not comparable. Prints
 * times and ratios; targets are figures, not asserts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { DEFAULT_CONCURRENCY } from '../../src/run/run-suite.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const LATENCY_MS = 50;
const root = packageRoot();

/** Wall time of `node <args>`; asynchronous, since this process serves the reference meanwhile. */
function timeChild(args: readonly string[]): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function medianOf(times: number, measure: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < times; i += 1) values.push(await measure());
  return median(values);
}

/** `a` and `b` run in turn, `times` times: the median time of each and the median of the ratios a/b. */
async function inTurn(times: number, a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number; b: number; ratio: number }> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < times; i += 1) {
    as.push(await a());
    bs.push(await b());
  }
  return { a: median(as), b: median(bs), ratio: median(as.map((ms, i) => ms / bs[i]!)) };
}

/** A TCP proxy to `port` that holds each chunk the client sends for `delayMs` (in order). */
async function delayingProxy(port: number, delayMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => setTimeout(() => upstream.write(chunk), delayMs));
    client.on('end', () => setTimeout(() => upstream.end(), delayMs));
    upstream.pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', () => setTimeout(drop, delayMs));
    upstream.on('error', drop).on('close', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The raw floor: `count` GETs of `/` one after the other over one keep-alive connection, in a child process. */
function rawFloorScript(url: string, count: number): string {
  return [
    "const http = require('node:http');",
    'const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });',
    `let left = ${count};`,
    `const next = () => { if (left-- === 0) { agent.destroy(); return; } http.get(${JSON.stringify(`${url}/`)}, { agent }, (res) => { res.resume(); res.on('end', next); }); };`,
    'next();',
  ].join('\n');
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'v3io-bench-'));
  const cli = join(root, 'dist/src/cli.js');
  const newman = join(root, 'node_modules/newman/bin/newman.js');
  let requests = 0;
  const server = await startReferenceServer({ port: 0, host: '127.0.0.1', requestLog: () => (requests += 1), errorLog: () => {} });
  const proxy = await delayingProxy(Number(new URL(server.url).port), LATENCY_MS);
  const against = (url: string): string[] => ['--target', url, '--env', GENERATED_PATHS.referenceEnvironment];
  const run = (...args: string[]): string[] => [cli, 'run', '--quiet', '--no-color', '--out', out, ...args];
  const rows: [string, number][] = [];
  const record = (label: string, ms: number): void => {
    rows.push([label, ms]);
    process.stderr.write(`${label}: ${(ms / 1000).toFixed(2)} s\n`);
  };
  const measure = async (label: string, times: number, args: readonly string[]): Promise<number> => {
    const ms = await medianOf(times, () => timeChild(args));
    record(label, ms);
    return ms;
  };
  // Cheap runs, noisy ratio: at least 5 pairs.
  const servedPairs = Math.max(runs, 5);
  try {
    // One native run against serve counts the requests a run sends (HTTP cases, fixtures, wire cases, probes).
    requests = 0;
    await timeChild(run('--engine', 'native', ...against(server.url)));
    const count = requests;
    const nativeEmbedded = await measure('native engine, embedded', runs, run('--engine', 'native'));
    const newmanEmbedded = await measure('newman engine, embedded', runs, run());
    const served = await inTurn(
      servedPairs,
      () => timeChild(run('--engine', 'native', ...against(server.url))),
      () => timeChild(['-e', rawFloorScript(server.url, count)]),
    );
    record('native engine, against serve', served.a);
    const newmanVsCli = await inTurn(
      runs,
      () => timeChild(run(...against(server.url))),
      () =>
        timeChild([
          newman, 'run', GENERATED_PATHS.collection, '-e', GENERATED_PATHS.referenceEnvironment, '--env-var', `baseUrl=${server.url}`,
          '--reporters', 'cli', '--reporter-cli-no-summary', '--reporter-cli-no-assertions', '--reporter-cli-no-console',
        ]),
    );
    record('newman engine, against serve', newmanVsCli.a);
    record('plain newman run CLI, against serve', newmanVsCli.b);
    record(`raw floor: ${count} requests, one keep-alive loop`, served.b);
    const sequential = await measure(`native, +${LATENCY_MS} ms per request, --concurrency 1`, 1, run('--engine', 'native', '--concurrency', '1', ...against(proxy.url)));
    const parallel = await measure(`native, +${LATENCY_MS} ms per request, --concurrency ${DEFAULT_CONCURRENCY} (default)`, 1, run('--engine', 'native', ...against(proxy.url)));
    const newmanSequential = await measure(`newman, +${LATENCY_MS} ms per request, --concurrency 1`, 1, run('--concurrency', '1', ...against(proxy.url)));
    const newmanParallel = await measure(`newman, +${LATENCY_MS} ms per request, --concurrency ${DEFAULT_CONCURRENCY} (default)`, 1, run(...against(proxy.url)));
    const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(9);
    const ratio = (a: number, b: number, target: string): string => `${(a / b).toFixed(2).padStart(9)}  (target ${target})`;
    process.stdout.write(
      [
        `whole suite, wall time including process start-up; median of ${runs} runs (native against serve and the floor: ${servedPairs}; latency rows: 1 run); ${count} requests per run`,
        ...rows.map(([label, ms]) => `  ${label.padEnd(62)}${fmt(ms)}`),
        '',
        `  native vs serve / raw floor (runs in turn)                    ${(served.ratio.toFixed(2)).padStart(9)}  (target ≤ 3)`,
        `  native embedded, seconds                                      ${ratio(nativeEmbedded, 1000, '< 1.5')}`,
        `  newman engine vs serve / plain newman CLI (runs in turn)      ${(newmanVsCli.ratio.toFixed(2)).padStart(9)}  (target ≤ 0.8)`,
        `  native vs newman engine, embedded                             ${ratio(nativeEmbedded, newmanEmbedded, '-')}`,
        `  native vs newman engine, against serve                        ${ratio(served.a, newmanVsCli.a, '-')}`,
        `  +${LATENCY_MS} ms: native, default concurrency / concurrency 1         ${ratio(parallel, sequential, '≤ 0.25')}`,
        `  +${LATENCY_MS} ms: newman, default concurrency / concurrency 1         ${ratio(newmanParallel, newmanSequential, '-')}`,
        '',
      ].join('\n'),
    );
  } finally {
    await proxy.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
