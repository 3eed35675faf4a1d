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
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || segment.includes('/')) return undefined;
    segments.push(segment);
  }
  const [container, ...rest] = segments;
  return {
    ...(container === undefined ? {} : { container }),
    path: rest.join('/'),
    isDirectory: rawPath.endsWith('/'),
    query,
  };
}

function absoluteToOriginForm(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return undefined;
  }
}
