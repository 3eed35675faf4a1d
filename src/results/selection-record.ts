/** A run's case selection as reports record and describe it (plain JSON). */
import type { Form, Level } from '../cases/model.js';

export interface Shard {
  /** 1-based: `--shard 2/4` is index 2 of count 4. */
  readonly index: number;
  readonly count: number;
}

/** The selection as the report records it (plain JSON). */
export interface SelectionRecord {
  /** Exact case ids (`--only`). */
  readonly only?: readonly string[];
  readonly grep?: string;
  readonly forms?: readonly Form[];
  readonly level?: Level;
  readonly shard?: Shard;
}

/** One line describing a selection, e.g. `--form basic --shard 2/4`. */
export function describeSelection(record: SelectionRecord): string {
  const parts: string[] = [];
  if (record.only) parts.push(`--only ${record.only.join(',')}`);
  if (record.grep !== undefined) parts.push(`--grep ${record.grep}`);
  if (record.forms) parts.push(`--form ${record.forms.join(',')}`);
  if (record.level) parts.push(`--level ${record.level}`);
  if (record.shard) parts.push(`--shard ${record.shard.index}/${record.shard.count}`);
  return parts.join(' ');
}
