/**
 * The reference as a real target for CLI runs: its identities as V3IO_* variables, a look at
 * what a run left in the container (listed over HTTP with valid credentials), and a CLI child
 * process the test can send signals to.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { httpRequest } from '../reference/http-client.js';
import { CLI, cliEnvironment, type CliResult } from './cli.js';
import { packageRoot } from '../../src/package-info.js';

/** The variables that make the reference served at `url` the run's target, as an operator would set them. */
export function sdkEnvironment(url: string): Record<string, string> {
  const main = REFERENCE_IDENTITIES.main;
  return {
    V3IO_API: url,
    V3IO_CONTAINER: REFERENCE_CONTAINER,
    V3IO_ACCESS_KEY: main.accessKey,
    V3IO_USERNAME: main.username,
    V3IO_PASSWORD: main.password,
  };
}

/** A GET with the main access key, over HTTP or HTTPS (trusting `caFile`). */
function listing(url: string, caFile?: string): Promise<{ status: number; body: Buffer }> {
  const headers: [string, string][] = [['X-v3io-session-key', REFERENCE_IDENTITIES.main.accessKey]];
  if (!url.startsWith('https:')) return httpRequest(url, { headers });
  return new Promise((resolve, reject) => {
    const request = https.get(url, { headers: Object.fromEntries(headers), agent: false, ...(caFile ? { ca: readFileSync(caFile) } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Keys and folders at the top of the container, and under every folder (one level of V3IO listing each). */
export async function containerContents(url: string, caFile?: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (prefix: string): Promise<void> => {
    const query = prefix ? `?prefix=${encodeURIComponent(prefix)}` : '';
    const response = await listing(`${url}/${REFERENCE_CONTAINER}/${query}`, caFile);
    if (response.status !== 200) throw new Error(`listing ${prefix || 'the container'} got ${response.status}`);
    const xml = response.body.toString('utf8');
    found.push(...[...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!));
    for (const folder of [...xml.matchAll(/<CommonPrefixes><Prefix>([^<]*)<\/Prefix><\/CommonPrefixes>/g)].map((m) => m[1]!)) {
      found.push(folder);
      if (folder !== prefix) await visit(folder);
    }
  };
  await visit('');
  return found;
}

export interface CliChild {
  readonly child: ChildProcessWithoutNullStreams;
  readonly result: Promise<CliResult & { readonly signal: NodeJS.Signals | null }>;
  /** Resolves when stderr has matched. */
  readonly stderrMatches: (pattern: RegExp) => Promise<void>;
}

/** The CLI as a child process that stays reachable (for signals). */
export function spawnCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): CliChild {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: packageRoot(), env: cliEnvironment(env) });
  let stdout = '';
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiting.filter((w) => w.pattern.test(stderr))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const result = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const stderrMatches = (pattern: RegExp): Promise<void> =>
    pattern.test(stderr) ? Promise.resolve() : new Promise((resolve) => waiting.push({ pattern, resolve }));
  return { child, result, stderrMatches };
}
