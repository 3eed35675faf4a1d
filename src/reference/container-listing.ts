/**
 * GET Container: `GET /<container>/?prefix=&marker=&max-keys=` (the SDKs also send
 * `prefix-only=1` for directories only and `prefix-info=1` for attributes, which changes nothing
 * here). Lists objects, items, directories and the shard files of streams, as V3IO's file system
 * shows them.
 *
 * `prefix` names a directory, as in V3IO (not S3's "keys that start with"): with or without a
 * trailing `/`, with or without a leading one (v3io-py sends `/` for the root); a directory that
 * does not exist is a 404 "No such file or directory" (v3io-py's own tests expect both).
 */
import { DELIMITER, listBucketXml, pageListing, type ListedObject } from './listings.js';
import type { RequestTarget } from './request-target.js';
import { errorResponse, xmlResponse, type ReferenceResponse } from './responses.js';
import type { Store } from './store.js';
import { shardSize } from './stream-model.js';

export const MAX_KEYS = 1000;

function listedObjects(store: Store, container: string, prefix: string): ListedObject[] {
  const objects: ListedObject[] = store.list(container, prefix).map(([key, entry]) => ({ key, size: entry.body.length, lastModified: entry.lastModified }));
  // Every stream, not only those whose path starts with the prefix: `<stream>/1` lists a shard.
  for (const [path, stream] of store.streams(container, '')) {
    stream.shards.forEach((shard, id) => {
      const key = `${path}/${id}`;
      if (shard.present && key.startsWith(prefix)) objects.push({ key, size: shardSize(shard), lastModified: shard.lastModified });
    });
  }
  return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The directory a `prefix` names: its segments without empty ones (`/a//b/` → `a/b`). */
function directoryOf(prefix: string): string {
  return prefix
    .split(DELIMITER)
    .filter((segment) => segment !== '')
    .join(DELIMITER);
}

export function listContainer(store: Store, container: string, target: RequestTarget): ReferenceResponse {
  const { query } = target;
  const maxKeysText = query.get('max-keys') ?? String(MAX_KEYS);
  const delimiter = query.get('delimiter');
  if (!/^[0-9]{1,4}$/.test(maxKeysText) || Number(maxKeysText) > MAX_KEYS) return errorResponse(400);
  if (delimiter !== null && delimiter !== DELIMITER) return errorResponse(400);
  const directory = directoryOf(query.get('prefix') ?? '');
  if (!store.isDirectory(container, directory)) return errorResponse(404);
  const listingQuery = {
    prefix: directory === '' ? '' : `${directory}${DELIMITER}`,
    marker: query.get('marker') ?? '',
    maxKeys: Number(maxKeysText),
    directoriesOnly: query.get('prefix-only') === '1',
  };
  const directories = [...store.directories(container, listingQuery.prefix), ...store.streams(container, listingQuery.prefix).map(([path]) => path)];
  const listing = pageListing(listedObjects(store, container, listingQuery.prefix), directories, listingQuery);
  return xmlResponse(listBucketXml(container, listingQuery, listing));
}
