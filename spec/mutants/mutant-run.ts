/**
 * Runs the suite against one deliberately broken server (a mutant of the reference), served over
 * real HTTP, and says whether the suite caught it: a MUST deviation must fail the run (exit 1) with
 * each case the variant names failing at MUST level; a SHOULD deviation must leave the run
 * conformant (exit 0, no MUST failure: the suite does not overstate it) with each named case
 * failing at SHOULD level. The correct reference, run the same way, must pass.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROFILE, type ProfileId } from '../../src/cases/model.js';
import { packageRoot, PROFILE_PATHS } from '../../src/package-info.js';
import type { Reference } from '../../src/reference/handler.js';
import { startReferenceServer } from '../../src/reference/server.js';
import type { RunReport } from '../../src/report/run-report.js';
import type { BrokenServer } from '../broken/all.js';
import type { RunningServer } from '../broken/http-front.js';
import { runCli, tempDir } from '../support/cli.js';
import { runInProcess } from '../support/in-process-run.js';
import { readReport } from '../support/report.js';

/** What judging needs of a broken server. */
export type JudgedServer = Pick<BrokenServer, 'id' | 'deviation' | 'level' | 'caughtBy'>;

export interface MutantOutcome {
  readonly variant: JudgedServer;
  readonly exitCode: number | null;
  /** Every case that failed, with the level of its strongest failed check. */
  readonly failed: ReadonlyMap<string, 'must' | 'should' | 'may'>;
  /** Cases of `caughtBy` that did not fail at the variant's level. */
  readonly missed: readonly string[];
  readonly caught: boolean;
  /** Why it counts as not caught, when it does not. */
  readonly problem?: string;
  readonly stderr: string;
}

/** How a mutant run is made: a CLI child (the mutants script: one core each) or in the test process. */
export type RunMode = 'cli' | 'in-process';

export interface MutantRun {
  readonly exitCode: number | null;
  readonly report: RunReport | undefined;
  readonly stderr: string;
}

/**
 * Runs the suite (JSON report only) against a server answering with `reference`: the whole
 * catalogue of the profile, or only the cases `onlyIds` names (with the fixture setup and teardown).
 */
export async function runAgainst(
  reference: Reference,
  onlyIds?: readonly string[],
  profile: ProfileId = DEFAULT_PROFILE,
  mode: RunMode = 'cli',
): Promise<MutantRun> {
  return runAgainstServer(() => startReferenceServer({ port: 0, reference, errorLog: () => {} }), onlyIds, profile, mode);
}

/** The same, against a server `start` brings up (and the run closes). */
export async function runAgainstServer(
  start: () => Promise<RunningServer>,
  onlyIds?: readonly string[],
  profile: ProfileId = DEFAULT_PROFILE,
  mode: RunMode = 'cli',
): Promise<MutantRun> {
  const server = await start();
  const out = tempDir('v3io-mutant-');
  const grep = onlyIds ? `^(${onlyIds.join('|')})$` : undefined;
  const environment = PROFILE_PATHS[profile].referenceEnvironment;
  try {
    if (mode === 'in-process') {
      // The native engine: the engine equivalence test shows newman gives every broken server the same verdict.
      const run = await runInProcess({ profile, target: server.url, envFile: join(packageRoot(), environment), out, reporters: ['json'], quiet: true, engine: 'native', ...(grep ? { selection: { grep: new RegExp(grep, 'i') } } : {}) });
      return { exitCode: run.code, report: run.report, stderr: run.error ? `v3io-auth-conformance: ${run.error.message}\n` : '' };
    }
    const selection = grep ? ['--grep', grep] : [];
    const result = await runCli(['run', '--profile', profile, '--target', server.url, '--env', environment, '--out', out, '--reporter', 'json', '--quiet', ...selection]);
    let report: RunReport | undefined;
    try {
      report = readReport(out);
    } catch {
      report = undefined;
    }
    return { exitCode: result.code, report, stderr: result.stderr };
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

export function judgeMutant(variant: JudgedServer, run: MutantRun): MutantOutcome {
  const failed = new Map((run.report?.cases ?? []).flatMap((c) => (c.outcome === 'fail' && c.failedLevel ? [[c.id, c.failedLevel] as const] : [])));
  const missed = variant.caughtBy.filter((id) => failed.get(id) !== variant.level);
  // A SHOULD deviation leaves the run without a MUST failure: conformant, or inconclusive where the
  // server keeps no connection open (a raw-socket front: the connection-reuse cases are not tested).
  const expectedExits = variant.level === 'must' ? [1] : [0, 2];
  const problem = !run.report
    ? `no report (exit ${String(run.exitCode)}: ${run.stderr.trim().split('\n').at(-1) ?? ''})`
    : !expectedExits.includes(run.exitCode ?? -1)
      ? `exit ${String(run.exitCode)}, expected ${expectedExits.join(' or ')}`
      : missed.length > 0
        ? `not failed at ${variant.level.toUpperCase()} level: ${missed.join(', ')}`
        : undefined;
  return { variant, exitCode: run.exitCode, failed, missed, caught: problem === undefined, ...(problem ? { problem } : {}), stderr: run.stderr };
}

/** The broken server against the whole suite, or (`onlyCaughtBy`) against the cases it names only. */
export async function runMutant(variant: BrokenServer, options: { onlyCaughtBy?: boolean; mode?: RunMode } = {}): Promise<MutantOutcome> {
  return judgeMutant(variant, await runAgainstServer(variant.start, options.onlyCaughtBy ? variant.caughtBy : undefined, DEFAULT_PROFILE, options.mode));
}

/** Runs `jobs` with at most `concurrency` at a time, results in the order of `jobs`. */
export async function inPool<T>(jobs: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next;
      next += 1;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}
