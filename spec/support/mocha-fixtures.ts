/**
 * mocha's global fixtures (`require` in .mocharc.json), run once in the main process around the
 * whole run: a directory the workers share for work done once per run (once-per-test-run.ts),
 * named to them by an environment variable (mocha starts its workers after the setup, with the
 * main process's environment), and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_WORK_DIR_ENV } from './once-per-test-run.js';

export function mochaGlobalSetup(): void {
  process.env[SHARED_WORK_DIR_ENV] = mkdtempSync(join(tmpdir(), 'v3io-spec-shared-'));
}

export function mochaGlobalTeardown(): void {
  const dir = process.env[SHARED_WORK_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
