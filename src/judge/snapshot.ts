/**
 * "The rejected request changed nothing": the before- and after-snapshots (the last read's answer
 * each time) compared as the proof says: one function, Node's evaluation and, from its own source,
 * the collection's.
 */
import type { SnapshotComparison } from '../cases/operations.js';
import type { RecordedResponse } from './exchange.js';
import { functionLines } from './script-function.js';
import { js } from './script-literal.js';

/** The snapshot as compared: status and body text. */
export interface Snapshot {
  readonly status: number;
  readonly body: string;
}

export function snapshotOf(response: RecordedResponse): Snapshot {
  return { status: response.status, body: response.body.toString('utf8') };
}

/**
 * What differs between the snapshots, in words that quote no value (`the status (200, then 404)`,
 * `the body`, `Item.note`); `''` when nothing does. `undefined` when the snapshots cannot be
 * compared (a body that is not JSON where members are compared): the check is then inconclusive.
 * It refers to nothing outside its parameters: the scripts run its source.
 */
export function snapshotDifference(before: Snapshot, after: Snapshot, comparison: SnapshotComparison): string | undefined {
  if (before.status !== after.status) return `the status (${before.status}, then ${after.status})`;
  if (comparison.kind === 'status') return '';
  if (comparison.kind === 'status-and-body') return before.body === after.body ? '' : 'the body';
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(before.body);
    b = JSON.parse(after.body);
  } catch {
    return undefined;
  }
  // A dotted member of a JSON value; absent: null.
  const member = (value: unknown, path: string): unknown =>
    path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), value) ?? null;
  return comparison.members.filter((path) => JSON.stringify(member(a, path)) !== JSON.stringify(member(b, path))).join(', ');
}

/**
 * Defines `snapshotDifference(before, after, comparison)` in the sandbox, with `comparison` (the
 * proof's) and `snapshotOf(step)` for a recorded step `{ code, body }` (step-runner.ts).
 */
export function snapshotScriptLines(comparison: SnapshotComparison): string[] {
  return [`const comparison = ${js(comparison)};`, 'const snapshotOf = (step) => ({ status: step.code, body: step.body });', ...functionLines(snapshotDifference)];
}
