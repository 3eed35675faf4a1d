/**
 * The run's fixtures on the target, as the runner sees them: a failed setup step stops the run
 * with one line; the teardown is sent again by the runner itself (direct-teardown.ts) when an
 * engine did not get to it, or not surely; what is left behind is said, with where.
 */
import { HarnessError } from '../errors.js';
import { runVariables } from './direct-requests.js';
import { teardownDirectly } from './direct-teardown.js';
import type { Pacer } from './pacing.js';
import type { PreparedRun } from './prepare-run.js';
import { NOT_WAITED } from './retry-after.js';
import type { StepResult } from './results.js';

/** Per-request timeout of the teardown after the target went away: one short attempt. */
const BRIEF_TEARDOWN_MS = 2_000;

/** The one line for a fixture step that failed: the suite cannot judge a target it could not prepare. */
export function setupFailure(step: StepResult, container: string): HarnessError {
  const hint =
    step.status === 401 || step.status === 403
      ? ` (the access key must be allowed to write to container "${container}")`
      : step.status === 404
        ? ` (does container "${container}" exist?)`
        : step.status === 429
          ? ' (the target still asked to wait after the runner waited as long as it may: lower --concurrency, or run later)'
          : step.status === null && /TIMEDOUT/.test(step.message ?? '')
          ? ' (the target did not answer in time: check it, or raise --timeout)'
          : '';
  return new HarnessError('setup-failed', `fixture setup failed, no case was judged: ${step.title}: ${step.message ?? 'no answer'}${hint}`);
}

/** Where the fixtures are, for messages: `bigdata/conformance-20250114T093012Z-3f9a2c/`. */
export function fixtureFolder(variables: ReadonlyMap<string, string>): string {
  return `${variables.get('container') ?? ''}/${variables.get('runPrefix') ?? ''}/`;
}

export function teardownNote(teardown: readonly StepResult[], folder: string): string {
  const failed = teardown.find((s) => !s.ok);
  return failed
    ? `could not remove every fixture (${failed.title}: ${failed.message ?? 'failed'}): remove ${folder} on the target by hand`
    : `removed the fixtures under ${folder}`;
}

/**
 * The teardown sent by the runner itself. After the target went away (`briefly`) it is tried
 * once, briefly: it stops at the first request without an answer.
 */
export function removeFixtures(run: PreparedRun, briefly: boolean, pacer: Pacer): Promise<StepResult[]> {
  const direct = { baseUrl: run.baseUrl, timeoutMs: run.options.timeoutMs, ...run.tls };
  const waits = {
    ...(briefly ? { why: NOT_WAITED.briefTeardown } : {}),
    waited: (id: string) => pacer.recordWait(id),
    notWaited: (id: string, status: number, reason: string) => pacer.recordNotWaited(id, status, reason),
  };
  return teardownDirectly(run.profile.fixtures.teardown, runVariables(run.environment), briefly ? { ...direct, timeoutMs: Math.min(direct.timeoutMs, BRIEF_TEARDOWN_MS) } : direct, waits);
}

/**
 * The teardown's results: the engine's, or, when a step of it failed on a real target (a connection
 * reset, a step the engine never sent), those of the whole teardown sent again by the runner.
 */
export async function completeTeardown(fromEngine: StepResult[], realTarget: boolean, again: () => Promise<StepResult[]>): Promise<StepResult[]> {
  if (!realTarget || fromEngine.every((s) => s.ok)) return fromEngine;
  return again();
}
