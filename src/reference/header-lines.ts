/**
 * Reading header fields from Node's flat raw form `[name, value, name, value, ...]`, which keeps
 * every field line as sent: duplicate lines stay visible (Node's `req.headers` joins or drops them).
 */

/** The values of every line whose name equals `name`, case-insensitively (RFC 9110 §5.1), in order. */
export function headerValues(rawHeaders: readonly string[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const candidate = rawHeaders[i]!;
    // Length first: it runs for every line on every lookup, and lower-casing never shortens a string.
    if (candidate.length === wanted.length && candidate.toLowerCase() === wanted) values.push(rawHeaders[i + 1]!);
  }
  return values;
}

/** Size of the header section as Node's limit counts it: the sum of the names' and values' lengths. */
export function headerSectionSize(rawHeaders: readonly string[]): number {
  let size = 0;
  for (const part of rawHeaders) size += part.length;
  return size;
}

/** Turns name/value pairs into the flat raw form. */
export function flattenHeaderLines(lines: Iterable<readonly [string, string]>): string[] {
  const flat: string[] = [];
  for (const [name, value] of lines) flat.push(name, value);
  return flat;
}
