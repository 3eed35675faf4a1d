/**
 * Parsers of `--only`, `--grep`, `--form`, `--level` and `--shard`. Each rejects bad input with
 * commander's InvalidArgumentError, so that the user gets one usage line and exit code 2.
 */
import { InvalidArgumentError } from 'commander';
import { FORMS, LEVELS, type Form, type Level } from '../cases/model.js';
import { HarnessError } from '../errors.js';
import { describeSelection, matchesFilters, selectionRecord, type CaseSelection, type SelectableCase, type Shard } from '../run/selection.js';
import { unknownIdError } from './case-ids.js';

/** `--only a,b`: exact case ids, in the order given, each once. */
export function parseOnly(value: string): string[] {
  const ids = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw new InvalidArgumentError('expected a comma-separated list of case ids (see the list command)');
  return ids;
}

/** Case-insensitive, matched against the id, the title and the family. */
export function parseGrep(value: string): RegExp {
  try {
    return new RegExp(value, 'i');
  } catch (error) {
    throw new InvalidArgumentError(`not a valid regular expression (${(error as Error).message})`);
  }
}

export function parseForms(value: string): Form[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${FORMS.join(', ')}`);
  const unknown = names.filter((n) => !(FORMS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown form ${unknown.join(', ')} (expected ${FORMS.join(', ')})`);
  return FORMS.filter((f) => names.includes(f));
}

export function parseLevel(value: string): Level {
  const level = value.trim().toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) throw new InvalidArgumentError(`expected one of ${LEVELS.join(', ')}`);
  return level as Level;
}

const SHARD = /^(\d+)\/(\d+)$/;

export function parseShard(value: string): Shard {
  const match = SHARD.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError('expected <i>/<n> with 1 <= i <= n, e.g. 2/4');
  }
  return { index, count };
}

/**
 * A usage error when an id of --only names no case of the profile, or when --only, --grep, --form
 * and --level together match no case (a typo, most likely).
 */
export function requireSomeMatch(cases: readonly SelectableCase[], selection: CaseSelection, scope?: { readonly catalogue: readonly SelectableCase[]; readonly profile: string }): void {
  const unknown = selection.ids?.find((id) => !cases.some((c) => c.id === id));
  if (unknown !== undefined) throw unknownIdError(unknown, cases, scope?.catalogue ?? cases, scope?.profile);
  const filters: CaseSelection = { ...selection, shard: undefined };
  if (cases.some((c) => matchesFilters(c, filters))) return;
  throw new HarnessError('usage', `no case matches ${describeSelection(selectionRecord(filters))} (see the list command)`);
}
