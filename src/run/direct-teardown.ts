/**
 * The collection's teardown, sent by the runner itself: after an interrupted run (SIGINT,
 * SIGTERM), a setup that failed, or a newman run that never finished, the fixtures a real target
 * holds must still go. The steps are the collection's own (its profile's teardown), in order, judged
 * the same way: 2xx is done, 404 is "already gone". A 429 or 503 with Retry-After is waited for
 * and the step sent again, within the engines' bound (retry-after.ts), unless told not to wait.
 */
import type { FixtureStep } from '../cases/operations.js';
import type { StepResult } from './results.js';
import { sendDirect, type DirectClientOptions } from './direct-requests.js';
import { resolveTemplate } from '../wire/template.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { nextWait, waitAsked } from './retry-after.js';

/** How the teardown treats answers asking to wait: `why` not to wait at all (briefly, after the target went away), else waits; each told. */
export interface TeardownWaits {
  readonly why?: string;
  readonly waited: (id: string) => void;
  readonly notWaited: (id: string, status: number, reason: string) => void;
}

/** Connection errors after which the target is taken as gone: the other steps are not sent. */
const GONE = /^(?:ECONNREFUSED|ETIMEDOUT|ESOCKETTIMEDOUT|ENOTFOUND|EAI_AGAIN)$/;

export async function teardownDirectly(steps: readonly FixtureStep[], variables: ReadonlyMap<string, string>, options: DirectClientOptions, waits?: TeardownWaits): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let gone: string | undefined;
  for (const step of steps) {
    const where = `${step.request.method} ${resolveTemplate(step.request.path, variables)}`;
    if (gone) {
      results.push({ id: step.id, title: step.title, ok: false, status: null, message: `not sent: the target stopped answering (${gone})` });
      continue;
    }
    let answer = await sendDirect(step.request, variables, options);
    for (let attempt = 0; waits && !('error' in answer); attempt++) {
      const asked = waitAsked(answer.status, answer.headers);
      if (!asked) break;
      const next = waits.why !== undefined ? { why: waits.why } : nextWait(asked, attempt);
      if ('why' in next) {
        waits.notWaited(step.id, answer.status, next.why);
        break;
      }
      waits.waited(step.id);
      await sleep(next.seconds * 1000);
      answer = await sendDirect(step.request, variables, options);
    }
    if ('error' in answer) {
      if (GONE.test(answer.error)) gone = answer.error;
      results.push({ id: step.id, title: step.title, ok: false, status: null, message: `connection error (${answer.error}) for ${where}` });
      continue;
    }
    const ok = (answer.status >= 200 && answer.status < 300) || answer.status === 404;
    results.push({ id: step.id, title: step.title, ok, status: answer.status, ...(ok ? {} : { message: `Expected 2xx, got ${answer.status} for ${where}` }) });
  }
  return results;
}
