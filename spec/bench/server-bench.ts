/**
 * `npm run bench:server`: requests per second and p99 latency of the served reference over
 * loopback — an authenticated GET of a small object — next to a bare node:http server answering a
 * fixed response (the reference's own answer: same status, headers and body, so the load generator
 * parses the same bytes), driven the same way by autocannon (10 connections, keep-alive).
 * Each server runs in a process of its own; the load generator in this one. The machine may be
 * shared, so the three are measured in turn for BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS
 * each (default 2), and the medians are compared: a burst of other load then skews one round only.
 * Then memory: RSS and heap of a fresh served reference after a forced GC, before and after
 * BENCH_MEMORY_REQUESTS requests (default 100,000; valid and rejected credentials).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { BENCH_BODY, type BenchTarget } from './bench-target.js';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: string;
  readonly body?: Buffer;
  /** Stop after this many requests (instead of `duration`). */
  readonly amount?: number;
}
interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p99: number; readonly average: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly '4xx': number;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const TARGET_RATIO = 0.7;
const OBJECT_PATH = '/bigdata/bench/object.json';
const AUTH = { 'X-v3io-session-key': REFERENCE_IDENTITIES.main.accessKey };

interface Target {
  readonly child: ChildProcess;
  readonly url: string;
}

/** The server process's CPU time so far, in µs. */
function cpuMicros(target: Target): Promise<number> {
  return new Promise((resolve) => {
    target.child.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros));
    target.child.send('cpu');
  });
}

async function startTarget(kind: BenchTarget, args: readonly string[] = []): Promise<Target> {
  const script = fileURLToPath(new URL('./bench-target.js', import.meta.url));
  const child = fork(script, [kind, ...args], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
  return { child, url };
}

interface MemoryFigures {
  readonly rss: number;
  readonly heapUsed: number;
  readonly collected: boolean;
}

/** The server's RSS and heap after a forced full GC. */
function memoryOf(target: Target): Promise<MemoryFigures> {
  return new Promise((resolve) => {
    target.child.once('message', (message: MemoryFigures) => resolve(message));
    target.child.send('memory');
  });
}

const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
/** Heap growth after GC over MEMORY_REQUESTS requests that would show a leak (issue #14). */
const MAX_HEAP_GROWTH_MB = 10;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/**
 * Memory of a fresh served reference before and after MEMORY_REQUESTS requests: half with valid
 * credentials (the object read), half rejected (unknown keys, wrong Basic passwords, no credential).
 */
async function measureMemory(): Promise<boolean> {
  const target = await startTarget('reference');
  try {
    const put = await fetch(`${target.url}${OBJECT_PATH}`, { method: 'PUT', headers: AUTH, body: BENCH_BODY });
    if (put.status !== 200) throw new Error(`cannot store the benchmark object: ${put.status}`);
    await autocannon({ url: `${target.url}${OBJECT_PATH}`, connections: CONNECTIONS, duration: 1, headers: AUTH });
    const before = await memoryOf(target);
    const quarter = Math.ceil(MEMORY_REQUESTS / 4);
    const loads: [Readonly<Record<string, string>>, 'ok' | 'rejected'][] = [
      [AUTH, 'ok'],
      [{ 'X-v3io-session-key': '00000000-0000-4000-8000-000000000000' }, 'rejected'],
      [{ Authorization: `Basic ${Buffer.from(`${REFERENCE_IDENTITIES.main.username}:wrong`).toString('base64')}` }, 'rejected'],
      [AUTH, 'ok'],
    ];
    let sent = 0;
    for (const [headers, expected] of loads) {
      const result = await autocannon({ url: `${target.url}${OBJECT_PATH}`, connections: CONNECTIONS, amount: quarter, headers });
      if (result.errors || result.timeouts) throw new Error(`memory run: ${result.errors} errors, ${result.timeouts} timeouts`);
      if ((expected === 'ok' ? result.non2xx : result['2xx']) > 0) throw new Error(`memory run: unexpected answers to ${expected} requests`);
      sent += result.requests.total;
    }
    const after = await memoryOf(target);
    const growth = after.heapUsed - before.heapUsed;
    console.log(
      `memory of serve after a forced GC${before.collected ? '' : ' (no GC available)'}: before RSS ${mb(before.rss)}, heap ${mb(before.heapUsed)}; after ${sent} requests (half rejected) RSS ${mb(after.rss)}, heap ${mb(after.heapUsed)}; heap growth ${mb(growth)} (target < ${MAX_HEAP_GROWTH_MB} MB)`,
    );
    return growth < MAX_HEAP_GROWTH_MB * 2 ** 20;
  } finally {
    target.child.kill();
  }
}

interface Measurement {
  readonly result: AutocannonResult;
  /** Server CPU time per request, µs: unlike the rate, barely moved by other load on the machine. */
  readonly cpuPerRequest: number;
}

async function measure(target: Target, url: string, headers: Readonly<Record<string, string>>, duration = seconds): Promise<Measurement> {
  const before = await cpuMicros(target);
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  const after = await cpuMicros(target);
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return { result, cpuPerRequest: (after - before) / result.requests.total };
}

/** The median of each figure over the rounds. */
interface Figures {
  readonly rps: number;
  readonly p99: number;
  readonly cpuPerRequest: number;
  readonly total: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarize(measurements: readonly Measurement[]): Figures {
  return {
    rps: median(measurements.map((m) => m.result.requests.average)),
    p99: median(measurements.map((m) => m.result.latency.p99)),
    cpuPerRequest: median(measurements.map((m) => m.cpuPerRequest)),
    total: measurements.reduce((sum, m) => sum + m.result.requests.total, 0),
  };
}

function row(name: string, figures: Figures): string {
  const rate = `${figures.rps.toFixed(0).padStart(7)} req/s`;
  return `${name.padEnd(34)} ${rate}   p99 ${String(figures.p99).padStart(2)} ms   server CPU ${figures.cpuPerRequest.toFixed(1).padStart(5)} µs/request   (${figures.total} requests)`;
}

async function main(): Promise<void> {
  const kinds: readonly BenchTarget[] = ['bare', 'reference', 'reference-logged'];
  const targets = new Map<BenchTarget, Target>();
  try {
    for (const kind of ['reference', 'reference-logged'] as const) {
      const target = await startTarget(kind);
      targets.set(kind, target);
      const response = await fetch(`${target.url}${OBJECT_PATH}`, { method: 'PUT', headers: AUTH, body: BENCH_BODY });
      if (response.status !== 200) throw new Error(`cannot store the benchmark object: ${response.status}`);
    }
    // The bare server answers what the reference answers, minus what Node adds by itself.
    const answer = await fetch(`${targets.get('reference')!.url}${OBJECT_PATH}`, { headers: AUTH });
    await answer.arrayBuffer();
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)));
    targets.set('bare', await startTarget('bare', [JSON.stringify(headers)]));
    console.log(`autocannon, ${CONNECTIONS} connections, keep-alive, over loopback; ${rounds} rounds of ${seconds} s per server after a 1 s warm-up; medians`);
    const run = (kind: BenchTarget, duration = seconds): Promise<Measurement> => {
      const target = targets.get(kind)!;
      return kind === 'bare' ? measure(target, `${target.url}/`, {}, duration) : measure(target, `${target.url}${OBJECT_PATH}`, AUTH, duration);
    };
    for (const kind of kinds) await run(kind, 1);
    const results = new Map<BenchTarget, Measurement[]>(kinds.map((kind) => [kind, []]));
    for (let round = 0; round < rounds; round += 1) {
      for (const kind of kinds) results.get(kind)!.push(await run(kind));
    }
    const bare = summarize(results.get('bare')!);
    const reference = summarize(results.get('reference')!);
    const logged = summarize(results.get('reference-logged')!);
    console.log(row('bare node:http, fixed response', bare));
    console.log(row('reference, authenticated GET', reference));
    console.log(row('reference, same, request log on', logged));
    const ratio = reference.rps / bare.rps;
    console.log(`ratio reference / bare: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}); with the request log: ${(logged.rps / bare.rps).toFixed(2)}`);
    console.log(`ratio of server CPU per request, bare / reference: ${(bare.cpuPerRequest / reference.cpuPerRequest).toFixed(2)}; with the request log: ${(bare.cpuPerRequest / logged.cpuPerRequest).toFixed(2)}`);
    if (ratio < TARGET_RATIO) process.exitCode = 1;
    if (!(await measureMemory())) process.exitCode = 1;
  } finally {
    for (const { child } of targets.values()) child.kill();
  }
}

// Exits explicitly: fetch's kept-alive connections and autocannon's timers would hold the process open.
void main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  })
  .finally(() => process.exit());
