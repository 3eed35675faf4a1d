/**
 * `npm run bench:server`: requests per second and p99 latency of the served reference over
 * loopback — an authenticated GET of a small object — next to a bare node:http server answering a
 * fixed body, driven the same way by autocannon (10 connections, keep-alive), in the same run.
 * Each server runs in a process of its own; the load generator in this one. BENCH_SECONDS sets the
 * duration of each measurement (default 5).
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
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const TARGET_RATIO = 0.7;
const OBJECT_PATH = '/bigdata/bench/object.json';
const AUTH = { 'X-v3io-session-key': REFERENCE_IDENTITIES.main.accessKey };

async function startTarget(kind: BenchTarget): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./bench-target.js', import.meta.url));
  const child = fork(script, [kind], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
  return { child, url };
}

async function measure(url: string, headers: Readonly<Record<string, string>>, duration = seconds): Promise<AutocannonResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return result;
}

function row(name: string, result: AutocannonResult): string {
  return `${name.padEnd(34)} ${result.requests.average.toFixed(0).padStart(8)} req/s   p99 ${String(result.latency.p99).padStart(3)} ms   (${result.requests.total} requests)`;
}

async function main(): Promise<void> {
  const kinds: readonly BenchTarget[] = ['bare', 'reference', 'reference-logged'];
  const targets = new Map<BenchTarget, { child: ChildProcess; url: string }>();
  try {
    for (const kind of kinds) targets.set(kind, await startTarget(kind));
    for (const kind of ['reference', 'reference-logged'] as const) {
      const response = await fetch(`${targets.get(kind)!.url}${OBJECT_PATH}`, { method: 'PUT', headers: AUTH, body: BENCH_BODY });
      if (response.status !== 200) throw new Error(`cannot store the benchmark object: ${response.status}`);
    }
    console.log(`autocannon, ${CONNECTIONS} connections, ${seconds} s each, over loopback; a warm-up of 1 s first`);
    const results = new Map<BenchTarget, AutocannonResult>();
    for (const kind of kinds) {
      const { url } = targets.get(kind)!;
      const target = kind === 'bare' ? `${url}/` : `${url}${OBJECT_PATH}`;
      const headers = kind === 'bare' ? {} : AUTH;
      await measure(target, headers, 1);
      results.set(kind, await measure(target, headers));
    }
    const bare = results.get('bare')!;
    const reference = results.get('reference')!;
    const logged = results.get('reference-logged')!;
    console.log(row('bare node:http, fixed body', bare));
    console.log(row('reference, authenticated GET', reference));
    console.log(row('reference, same, request log on', logged));
    const ratio = reference.requests.average / bare.requests.average;
    console.log(`ratio reference / bare: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}); with the request log: ${(logged.requests.average / bare.requests.average).toFixed(2)}`);
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
