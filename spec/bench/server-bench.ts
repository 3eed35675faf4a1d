/**
 * `npm run bench:server`: requests per second and p99 latency of the served reference over
 * loopback — an authenticated GET of a small object — next to a bare node:http server answering a
 * fixed response (the reference's own answer: same status, headers and body, so the load generator
 * parses the same bytes), driven the same way by autocannon (10 connections, keep-alive).
 * Each server runs in a process of its own; the load generator in this one. The machine may be
 * shared, so the three are measured in turn for BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS
 * each (default 2), and the medians are compared: a burst of other load then skews one round only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { REFERENCE_IDENTITIES } from '../../src/reference/identities.js';
import { BENCH_BODY, type BenchTarget } from './bench-target.js';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: string;
  readonly body?: Buffer;
}
interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p99: number; readonly average: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
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
  const child = fork(script, [kind, ...args], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
  return { child, url };
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
