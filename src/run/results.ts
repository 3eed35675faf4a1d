/**
 * The fixture steps' records judged by status (a case's record goes to case-result.ts). The
 * results vocabulary itself lives in src/results/.
 */
import type { StepResult } from '../results/results.js';
import type { ItemRecord } from './engine.js';

export * from '../results/results.js';

/**
 * Judges fixture steps by status: 2xx is done. For teardown, `alreadyGone` also takes 404 (a case
 * may have deleted the object already; what matters is that it is not left behind).
 */
export function stepResults(
  steps: readonly { id: string; title: string }[],
  traces: ReadonlyMap<string, ItemRecord>,
  alreadyGone = false,
): StepResult[] {
  return steps.map((step) => {
    const trace = traces.get(step.id);
    const status = trace?.response?.status ?? null;
    const where = trace?.method ? ` for ${trace.method} ${trace.path ?? ''}` : '';
    if (trace?.requestError) return { id: step.id, title: step.title, ok: false, status, message: `connection error (${trace.requestError.code})${where}` };
    if (status === null) return { id: step.id, title: step.title, ok: false, status, message: 'not run' };
    const ok = (status >= 200 && status < 300) || (alreadyGone && status === 404);
    return { id: step.id, title: step.title, ok, status, ...(ok ? {} : { message: `Expected 2xx, got ${status}${where}` }) };
  });
}


