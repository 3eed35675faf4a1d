/**
 * The `same-response` comparison, written once: Node's judge calls it, the collection's script
 * runs its own source (the `compare` helper). It refers to nothing outside its parameters.
 */

/** A response as compared: the body as text that is equal exactly when the bytes are (Node: Latin-1). */
export interface ComparedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [name: string, value: unknown])[];
  readonly body: string;
}

/**
 * Where `theirs` differs from `mine`, in words that quote no value: `the status (<theirs>)`,
 * `header <names>` (lower-case `name: value` lines compared as multisets, the `perRequest`
 * headers left out), `the body`. Empty: the same response.
 */
export function responseDifferences(mine: ComparedResponse, theirs: ComparedResponse, perRequest: readonly string[]): string[] {
  const differences: string[] = [];
  if (theirs.status !== mine.status || theirs.statusText !== mine.statusText) differences.push(`the status (${theirs.status})`);
  const headerLines = (response: ComparedResponse): string[] =>
    response.headers.filter(([name]) => !perRequest.includes(name.toLowerCase())).map(([name, value]) => `${name.toLowerCase()}: ${value}`);
  const a = headerLines(mine);
  const b = headerLines(theirs);
  const count = (lines: string[], line: string): number => lines.filter((l) => l === line).length;
  const names = [...new Set([...a, ...b].filter((l) => count(a, l) !== count(b, l)).map((l) => l.slice(0, l.indexOf(':'))))];
  if (names.length > 0) differences.push(`header ${names.join(', ')}`);
  if (theirs.body !== mine.body) differences.push('the body');
  return differences;
}
