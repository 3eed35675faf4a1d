/**
 * The request target split the V3IO way: `/<container>/<path>?<query>`.
 */

export interface RequestTarget {
  /** Absent for the service root `/`. */
  readonly container?: string;
  /** Path inside the container, percent-decoded, without leading or trailing `/`; `''` for the container itself. */
  readonly path: string;
  /** Whether the URL path ends in `/`: a directory (e.g. a NoSQL table) rather than an object. */
  readonly isDirectory: boolean;
  readonly query: URLSearchParams;
}

/**
 * Parses an origin-form (or absolute-form) target. `undefined` when a segment is not valid
 * percent-encoding, encodes a `/`, or is a dot segment: such paths are answered 400.
 */
export function parseRequestTarget(url: string): RequestTarget | undefined {
  const originForm = url.startsWith('/') ? url : absoluteToOriginForm(url);
  if (originForm === undefined) return undefined;
  const question = originForm.indexOf('?');
  const rawPath = question < 0 ? originForm : originForm.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : originForm.slice(question + 1));
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      // Without a `%` there is nothing to decode: skipping the call saves most of the parse.
      segment = raw.includes('%') ? decodeURIComponent(raw) : raw;
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || segment.includes('/')) return undefined;
    segments.push(segment);
  }
  // Written out rather than destructured and spread: this runs on every request, and the spread
  // form costs several times the rest of the parse (measured with `npm run bench:server`).
  const container = segments[0];
  const path = segments.slice(1).join('/');
  const isDirectory = rawPath.endsWith('/');
  return container === undefined ? { path, isDirectory, query } : { container, path, isDirectory, query };
}

function absoluteToOriginForm(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return undefined;
  }
}
