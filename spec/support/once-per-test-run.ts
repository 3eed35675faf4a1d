/**
 * Work several spec files need (a whole-suite run), done once per `npm test` rather than once per
 * mocha worker: the workers are separate processes, so a memo in one is not seen by the others.
 * With the directory the global fixture makes (spec/support/mocha-fixtures.ts), the first worker
 * to ask takes a lock file there, does the work and writes its result as JSON; the others wait for
 * that file and read it. Without it (a spec file run alone) the work is memoised in the process.
 * Nothing here is about time: a worker waits as long as the work takes (the test's own timeout).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from './cli.js';

/** The environment variable naming the directory shared by the workers of one mocha run. */
export const SHARED_WORK_DIR_ENV = 'CONFORMANCE_SPEC_SHARED_WORK';

/** How a result crosses processes: to JSON and back (e.g. reviving an error's class). */
export interface Codec<T> {
  readonly toJson: (value: T) => unknown;
  readonly fromJson: (json: unknown) => T;
}

/** Plain data: JSON as it is. */
const asIs = <T>(): Codec<T> => ({ toJson: (value) => value, fromJson: (json) => json as T });

interface Stored {
  readonly value?: unknown;
  readonly error?: string;
}

/** Is the process that took a lock still there? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function shared<T>(root: string, name: string, make: (dir: string) => Promise<T>, codec: Codec<T>): Promise<T> {
  const dir = join(root, name);
  const lock = join(root, `${name}.lock`);
  const result = join(root, `${name}.json`);
  let fd: number | undefined;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (fd !== undefined) {
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
    mkdirSync(dir, { recursive: true });
    let stored: Stored;
    let value: T | undefined;
    try {
      value = await make(dir);
      stored = { value: codec.toJson(value) };
    } catch (error) {
      stored = { error: error instanceof Error ? error.message : String(error) };
    }
    // Written whole, then renamed: a waiting worker never reads half a file.
    writeFileSync(`${result}.part`, JSON.stringify(stored));
    renameSync(`${result}.part`, result);
    if (stored.error !== undefined) throw new Error(`${name}: ${stored.error}`);
    return value as T;
  }
  for (;;) {
    if (existsSync(result)) {
      const stored = JSON.parse(readFileSync(result, 'utf8')) as Stored;
      if (stored.error !== undefined) throw new Error(`${name} (made by another worker): ${stored.error}`);
      return codec.fromJson(stored.value);
    }
    const owner = Number(readFileSync(lock, 'utf8'));
    if (owner > 0 && !alive(owner) && !existsSync(result)) throw new Error(`${name}: the worker making it (pid ${owner}) ended without a result`);
    await sleep(100);
  }
}

/**
 * `make` run once per mocha run (or once per process without the shared directory); `make` gets a
 * directory of its own for files the result names (removed with the shared directory at the end).
 */
export function oncePerTestRun<T>(name: string, make: (dir: string) => Promise<T>, codec: Codec<T> = asIs<T>()): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    const root = process.env[SHARED_WORK_DIR_ENV];
    made ??= root && existsSync(root) ? shared(root, name, make, codec) : make(tempDir(`v3io-${name}-`));
    return made;
  };
}
