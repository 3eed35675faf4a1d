/**
 * Which cases a run covers: by exact id (`--only`), by id, title or family (`--grep`), credential
 * form (`--form`), level (`--level`: that level and the stronger ones) and shard (`--shard i/n`).
 * `list --grep` selects with the same matcher.
 *
 * A case's shard is a function of its id alone (a hash), so every job of a CI matrix computes the
 * same partition without talking to the others, the shards' union is the whole selection, no case
 * is in two shards, and adding a case never moves another one to a different shard.
 */
import { createHash } from 'node:crypto';
import { LEVELS, type ConformanceCase, type Form, type Level } from '../cases/model.js';
import type { SelectionRecord, Shard } from '../results/selection-record.js';

export type { SelectionRecord, Shard } from '../results/selection-record.js';
export { describeSelection } from '../results/selection-record.js';


export interface CaseSelection {
  /** Exact case ids (`--only`). */
  readonly ids?: readonly string[];
  /** Matched against the id, the title and the family; a case is selected when any matches. */
  readonly grep?: RegExp;
  readonly forms?: readonly Form[];
  /** The weakest level selected: `should` selects MUST and SHOULD cases. */
  readonly level?: Level;
  readonly shard?: Shard;
}

/** The 0-based shard a case id falls in, out of `count`. */
export function shardOf(id: string, count: number): number {
  return createHash('sha256').update(id, 'utf8').digest().readUInt32BE(0) % count;
}

/** True when the selection restricts anything. */
export function isRestricted(selection: CaseSelection): boolean {
  return Boolean(selection.ids || selection.grep || selection.forms || selection.level || selection.shard);
}

/** The case fields `--grep` and `--only` read. */
export type SelectableCase = Pick<ConformanceCase, 'id' | 'title' | 'family' | 'form' | 'level'>;

/** Whether `--grep`'s expression matches the case: its id, its title or its family. */
export function grepMatches(grep: RegExp, testCase: SelectableCase): boolean {
  return grep.test(testCase.id) || grep.test(testCase.title) || grep.test(testCase.family);
}

/** The filters other than the shard: what `--only`, `--grep`, `--form` and `--level` keep. */
export function matchesFilters(testCase: SelectableCase, selection: CaseSelection): boolean {
  const { ids, grep, forms, level } = selection;
  if (ids && !ids.includes(testCase.id)) return false;
  if (grep && !grepMatches(grep, testCase)) return false;
  if (forms && !forms.includes(testCase.form)) return false;
  if (level && LEVELS.indexOf(testCase.level) > LEVELS.indexOf(level)) return false;
  return true;
}

/** The selected cases, in catalogue order. */
export function selectCases(cases: readonly ConformanceCase[], selection: CaseSelection): ConformanceCase[] {
  const { shard } = selection;
  return cases.filter((c) => matchesFilters(c, selection) && (!shard || shardOf(c.id, shard.count) === shard.index - 1));
}

export function selectionRecord(selection: CaseSelection): SelectionRecord {
  return {
    ...(selection.ids ? { only: selection.ids } : {}),
    ...(selection.grep ? { grep: selection.grep.source } : {}),
    ...(selection.forms ? { forms: selection.forms } : {}),
    ...(selection.level ? { level: selection.level } : {}),
    ...(selection.shard ? { shard: selection.shard } : {}),
  };
}
