/**
 * The command line run in the test process (`runProgram`, what main.ts runs), for tests of what a
 * command prints and the exit code it ends with, without a node start-up per command: stdout and
 * stderr are captured, `process.exit` ends the command instead of the process, and nothing written
 * after it counts (the process would be gone). The process's own contract — the early signal
 * handlers, a closed pipe, flushing before exit — is cli.ts's, and keeps tests that spawn it
 * (support/cli.ts). Commands that keep running (`serve`) are spawned.
 */
import { runProgram } from '../../src/program.js';
import type { CliResult } from './cli.js';
import { suspendNock } from './observed-reference.js';

/** What `process.exit` throws here: the command ends, its code recorded. */
class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Mocha runs one test at a time in a process: one command at a time owns the process's streams. */
let running = false;

/**
 * Runs `v3io-auth-conformance <args>` in this process, as support/cli.ts's runCli runs the built
 * CLI: no V3IO_* variable of the test process, plus `env`; relative paths from the package root
 * (the working directory of npm test).
 */
export async function runCliInProcess(args: readonly string[], options: { env?: Readonly<Record<string, string>> } = {}): Promise<CliResult> {
  if (running) throw new Error('runCliInProcess: one command at a time');
  running = true;
  let stdout = '';
  let stderr = '';
  let code: number | undefined;
  const { exit } = process;
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void): boolean => {
      if (code === undefined) append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
      if (callback) queueMicrotask(() => callback(null));
      return true;
    };
  const saved = Object.entries(process.env).filter(([name]) => name.startsWith('V3IO_'));
  for (const [name] of saved) delete process.env[name];
  const added = Object.entries(options.env ?? {}).filter(([name]) => process.env[name] === undefined);
  const replaced = Object.entries(options.env ?? {}).flatMap(([name]) => (process.env[name] === undefined ? [] : [[name, process.env[name]!] as const]));
  Object.assign(process.env, options.env ?? {});
  // Piped, as a spawned CLI's streams are: no terminal, whatever the test process has.
  const terminals = { out: process.stdout.isTTY, err: process.stderr.isTTY };
  process.stdout.isTTY = false;
  process.stderr.isTTY = false;
  process.stdout.write = capture((text) => (stdout += text)) as typeof process.stdout.write;
  process.stderr.write = capture((text) => (stderr += text)) as typeof process.stderr.write;
  // As in-process-run.ts: nock, if another spec file of this process loaded it, must not take the command's requests.
  const resumeNock = suspendNock();
  process.exit = ((exitCode?: number) => {
    code ??= exitCode ?? 0;
    throw new Exited(code);
  }) as typeof process.exit;
  try {
    await runProgram(['node', 'v3io-auth-conformance', ...args]);
  } catch (error) {
    if (!(error instanceof Exited)) throw error;
  } finally {
    process.exit = exit;
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.stdout.isTTY = terminals.out;
    process.stderr.isTTY = terminals.err;
    for (const [name] of added) delete process.env[name];
    for (const [name, value] of [...replaced, ...saved]) process.env[name] = value;
    resumeNock();
    running = false;
  }
  return { code: code ?? 0, stdout, stderr };
}
