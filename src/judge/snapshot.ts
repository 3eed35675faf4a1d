/**
 * "The rejected request changed nothing": the before- and after-snapshots (the last read's answer
 * each time) compared as the proof says. Node's evaluation and the collection's rendering.
 */
import type { SnapshotComparison } from '../cases/operations.js';
import type { RecordedResponse } from './exchange.js';
import { js } from './script-literal.js';

/** The snapshot as compared: status and body text. */
export interface Snapshot {
  readonly status: number;
  readonly body: string;
}

export function snapshotOf(response: RecordedResponse): Snapshot {
  return { status: response.status, body: response.body.toString('utf8') };
}

/** A dotted member of a JSON value; absent: null. */
function member(value: unknown, path: string): unknown {
  const found = path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), value);
  return found ?? null;
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * What differs between the snapshots, in words that quote no value (`the status (200, then 404)`,
 * `the body`, `Item.note`); `''` when nothing does. `undefined` when the snapshots cannot be
 * compared (a body that is not JSON where members are compared): the check is then inconclusive.
 */
export function snapshotDifference(before: Snapshot, after: Snapshot, comparison: SnapshotComparison): string | undefined {
  if (before.status !== after.status) return `the status (${before.status}, then ${after.status})`;
  if (comparison.kind === 'status') return '';
  if (comparison.kind === 'status-and-body') return before.body === after.body ? '' : 'the body';
  const a = parsed(before.body);
  const b = parsed(after.body);
  if (!a.ok || !b.ok) return undefined;
  const changed = comparison.members.filter((path) => JSON.stringify(member(a.value, path)) !== JSON.stringify(member(b.value, path)));
  return changed.join(', ');
}

/** Defines `snapshotDifference(before, after)` in the sandbox, for recorded steps `{ code, body }` (step-runner.ts). */
export function snapshotScriptLines(comparison: SnapshotComparison): string[] {
  return [
    `const comparison = ${js(comparison)};`,
    'const snapshotDifference = (before, after) => {',
    "  if (before.code !== after.code) return 'the status (' + before.code + ', then ' + after.code + ')';",
    "  if (comparison.kind === 'status') return '';",
    "  if (comparison.kind === 'status-and-body') return before.body === after.body ? '' : 'the body';",
    '  let a; let b;',
    '  try { a = JSON.parse(before.body); b = JSON.parse(after.body); } catch (e) { return undefined; }',
    "  const member = (v, path) => path.split('.').reduce((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), v) ?? null;",
    "  return comparison.members.filter((path) => JSON.stringify(member(a, path)) !== JSON.stringify(member(b, path))).join(', ');",
    '};',
  ];
}
