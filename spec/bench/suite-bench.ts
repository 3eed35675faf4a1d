/**
 * `npm run bench`: wall time of the whole suite in embedded mode (our CLI, nock) next to the plain
 * `newman run` CLI running the same committed collection against `serve` over a real socket.
 * Median of BENCH_RUNS runs (default 5). Both include process start-up, as a user sees them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const root = packageRoot();

/** Wall time of `node <script> <args>`; asynchronous, since this process serves the reference meanwhile. */
function timeChild(script: string, args: readonly string[]): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`${script} exited ${code}: ${stderr}`))));
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'v3io-bench-'));
  const cli = join(root, 'dist/src/cli.js');
  const newman = join(root, 'node_modules/newman/bin/newman.js');
  // The served reference runs in this process; the newman CLI is a child, as for a user.
  const server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
  const embedded: number[] = [];
  const plain: number[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      embedded.push(await timeChild(cli, ['run', '--out', out, '--no-color']));
      plain.push(await timeChild(newman, ['run', GENERATED_PATHS.collection, '-e', GENERATED_PATHS.referenceEnvironment, '--env-var', `baseUrl=${server.url}`, '--reporters', 'cli', '--reporter-cli-no-summary', '--reporter-cli-no-assertions', '--reporter-cli-no-console']));
    }
  } finally {
    await server.close();
  }
  const e = median(embedded);
  const n = median(plain);
  const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(9);
  process.stdout.write(
    [
      `median of ${runs} runs, whole suite, wall time including process start-up`,
      `  v3io-auth-conformance run (embedded reference, nock)  ${fmt(e)}`,
      `  newman run CLI against serve (real socket)            ${fmt(n)}`,
      `  ratio embedded / newman CLI                           ${(e / n).toFixed(2).padStart(9)}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
