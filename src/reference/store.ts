/**
 * The reference's in-memory data: containers of entries, directories and streams. As in V3IO, a
 * NoSQL item is an entry like an object, with attributes: PutItem writes attributes, PUT writes
 * the body, DELETE removes both. Directories are a file system's: writing an entry or a stream
 * creates its missing parents (`mkdir -p`), `PUT <dir>/` creates one, and a directory stays when
 * what was in it is deleted, until it is deleted itself. A stream is kept apart, by its
 * directory's path (stream-model.ts); its shards list like objects.
 */
import type { Stream } from './stream-model.js';

/** A typed attribute value (v3io-web-api.md, "NoSQL"). */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly B: string }
  /** A timestamp, `<seconds>:<nanoseconds>` since the epoch (what v3io-py sends for a datetime). */
  | { readonly TS: string };

export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface StoredEntry {
  readonly body: Buffer;
  readonly contentType: string;
  readonly attributes: Attributes;
  readonly lastModified: Date;
}

export interface ContainerInfo {
  readonly name: string;
  /** V3IO also addresses containers by numeric id. */
  readonly id: number;
  readonly createdAt: Date;
}

export interface Store {
  containers(): readonly ContainerInfo[];
  container(name: string): ContainerInfo | undefined;
  get(container: string, path: string): StoredEntry | undefined;
  put(container: string, path: string, entry: StoredEntry): void;
  /** Whether there was something to delete. */
  delete(container: string, path: string): boolean;
  /** Entries whose path starts with `prefix`, sorted by path. */
  list(container: string, prefix: string): ReadonlyArray<readonly [path: string, entry: StoredEntry]>;
  stream(container: string, path: string): Stream | undefined;
  putStream(container: string, path: string, stream: Stream): void;
  /** Whether there was a stream to delete. */
  deleteStream(container: string, path: string): boolean;
  /** Streams whose path starts with `prefix`, sorted by path. */
  streams(container: string, prefix: string): ReadonlyArray<readonly [path: string, stream: Stream]>;
  /** Whether `path` is a directory: the container's root (`''`), one made or implied by a write, or a stream's. */
  isDirectory(container: string, path: string): boolean;
  /** Creates the directory and its missing parents. */
  makeDirectory(container: string, path: string): void;
  /** Whether there was a directory (not a stream's) to remove; what is under it is the caller's concern. */
  removeDirectory(container: string, path: string): boolean;
  /** Directories (streams' excluded) whose path starts with `prefix`, sorted. */
  directories(container: string, prefix: string): readonly string[];
}

/** `a/b/c` → `a`, `a/b` (the parents of an entry or of a directory). */
function parentsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

const byPath = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

export function createStore(containerNames: readonly string[]): Store {
  const createdAt = new Date();
  const infos = containerNames.map((name, index) => ({ name, id: index + 1, createdAt }));
  const data = new Map<string, Map<string, StoredEntry>>(containerNames.map((name) => [name, new Map()]));
  const streamData = new Map<string, Map<string, Stream>>(containerNames.map((name) => [name, new Map()]));
  const directoryData = new Map<string, Map<string, true>>(containerNames.map((name) => [name, new Map()]));
  const inContainer = <T>(maps: Map<string, Map<string, T>>, container: string): Map<string, T> => {
    const found = maps.get(container);
    if (!found) throw new Error(`no container "${container}"`);
    return found;
  };
  const entries = (container: string): Map<string, StoredEntry> => inContainer(data, container);
  const streams = (container: string): Map<string, Stream> => inContainer(streamData, container);
  const directories = (container: string): Map<string, true> => inContainer(directoryData, container);
  const makeDirectories = (container: string, paths: readonly string[]): void => {
    const made = directories(container);
    for (const path of paths) if (path !== '') made.set(path, true);
  };

  return {
    containers: () => infos,
    container: (name) => infos.find((info) => info.name === name),
    get: (container, path) => entries(container).get(path),
    put: (container, path, entry) => {
      makeDirectories(container, parentsOf(path));
      entries(container).set(path, entry);
    },
    delete: (container, path) => entries(container).delete(path),
    list: (container, prefix) => [...entries(container)].filter(([path]) => path.startsWith(prefix)).sort(byPath),
    stream: (container, path) => streams(container).get(path),
    putStream: (container, path, stream) => {
      makeDirectories(container, parentsOf(path));
      streams(container).set(path, stream);
    },
    deleteStream: (container, path) => streams(container).delete(path),
    streams: (container, prefix) => [...streams(container)].filter(([path]) => path.startsWith(prefix)).sort(byPath),
    isDirectory: (container, path) => path === '' || directories(container).has(path) || streams(container).has(path),
    makeDirectory: (container, path) => makeDirectories(container, [...parentsOf(path), path]),
    removeDirectory: (container, path) => directories(container).delete(path),
    directories: (container, prefix) => [...directories(container).keys()].filter((path) => path.startsWith(prefix)).sort(),
  };
}
