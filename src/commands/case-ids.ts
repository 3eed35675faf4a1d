/** Case ids given on the command line (`run --only`, `explain`): an unknown one is a usage error that suggests the nearest. */
import { HarnessError } from '../errors.js';

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known id nearest to `id`, when it is near enough to be a typo (a third of its length at most). */
export function nearestId(id: string, known: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(id.toLowerCase(), candidate);
    if (!best || distance < best.distance) best = { id: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? best.id : undefined;
}

/**
 * The one-line error for an id that is not among `cases` (the profile's): it names the profile's
 * limit when the catalogue has the id, else the nearest id when there is one.
 */
export function unknownIdError(id: string, cases: readonly { readonly id: string }[], catalogue: readonly { readonly id: string }[], profileId = 'selected'): HarnessError {
  const elsewhere = catalogue.find((c) => c.id === id);
  if (elsewhere) return new HarnessError('usage', `case ${id} is not in the ${profileId} profile (see the list command with --profile)`);
  const nearest = nearestId(id, cases.map((c) => c.id));
  return new HarnessError('usage', `unknown case id ${id}${nearest ? ` (did you mean ${nearest}?)` : ''} (see the list command)`);
}
