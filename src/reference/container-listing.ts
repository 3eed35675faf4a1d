/**
 * GET Container: `GET /<container>/?prefix=&marker=&max-keys=` (v3io-go also sends
 * `prefix-only=1` for directories only and `prefix-info=1` for attributes, which changes nothing
 * here). Lists objects, items and the shard files of streams, as V3IO's file system shows them.
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

export function listContainer(store: Store, container: string, target: RequestTarget): ReferenceResponse {
  const { query } = target;
  const maxKeysText = query.get('max-keys') ?? String(MAX_KEYS);
  const delimiter = query.get('delimiter');
  if (!/^[0-9]{1,4}$/.test(maxKeysText) || Number(maxKeysText) > MAX_KEYS) return errorResponse(400);
  if (delimiter !== null && delimiter !== DELIMITER) return errorResponse(400);
  const listingQuery = {
    prefix: query.get('prefix') ?? '',
    marker: query.get('marker') ?? '',
    maxKeys: Number(maxKeysText),
    directoriesOnly: query.get('prefix-only') === '1',
  };
  const listing = pageListing(listedObjects(store, container, listingQuery.prefix), listingQuery);
  return xmlResponse(listBucketXml(container, listingQuery, listing));
}
