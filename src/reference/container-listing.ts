/**
 * GET Container: `GET /<container>/?prefix=&marker=&max-keys=` (the V3IO SDKs also send
 * `prefix-only=1` for directories only and `prefix-info=1` for attributes, which changes nothing
 * here). Lists objects, items, directories and the shard files of streams, as V3IO's file system
 * shows them.
 *
 * `prefix` names a directory, as in V3IO (not S3's "keys that start with"): with or without a
 * trailing `/`, with or without a leading one (v3io-py sends `/` for the root); a directory that
 * does not exist is a 404 "No such file or directory" (v3io-py's own tests expect both).
 * S3 clients' `list-type=2`, and a `delimiter=` that asks for none, get S3's listing instead
 * (s3-listing.ts): the V3IO SDKs never send either.
 */
import { DELIMITER, listBucketXml, pageListing, type ListedObject } from './listings.js';
import { validators } from './object-validators.js';
import type { RequestTarget } from './request-target.js';
import { errorResponse, xmlResponse, type ReferenceResponse } from './responses.js';
import { s3ErrorResponse } from './s3-errors.js';
import { cappedMaxKeys, s3ListObjects } from './s3-listing.js';
import type { Store } from './store.js';
import { shardSize } from './stream-model.js';

function listedObjects(store: Store, container: string, prefix: string): ListedObject[] {
  const objects: ListedObject[] = store
    .list(container, prefix)
    .map(([key, entry]) => ({ key, size: entry.body.length, lastModified: entry.lastModified, etag: validators(entry).ETag! }));
  // Every stream, not only those whose path starts with the prefix: `<stream>/1` lists a shard.
  for (const [path, stream] of store.streams(container, '')) {
    stream.shards.forEach((shard, id) => {
      const key = `${path}/${id}`;
      // A shard's file has no bytes of its own to hash: an opaque tag that changes with it.
      const etag = `"shard-${shardSize(shard)}-${shard.lastModified.getTime()}"`;
      if (shard.present && key.startsWith(prefix)) objects.push({ key, size: shardSize(shard), lastModified: shard.lastModified, etag });
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
  const listType = query.get('list-type');
  const delimiter = query.get('delimiter');
  // S3's listings: ListObjectsV2, and a v1 listing that asks for no delimiter (s3-listing.ts).
  if (listType !== null || delimiter === '') {
    if (listType !== null && listType !== '2') return s3ErrorResponse(400, 'InvalidArgument', 'list-type must be 2 (ListObjectsV2) or absent.');
    const source = (prefix: string) => ({ objects: listedObjects(store, container, prefix), directories: store.directories(container, '') });
    return s3ListObjects(container, query, listType === null ? 1 : 2, source);
  }
  // Above 1,000 is 1,000, as in S3 (rclone and others ask for more).
  const maxKeys = cappedMaxKeys(query.get('max-keys'));
  if (maxKeys === undefined) return errorResponse(400);
  if (delimiter !== null && delimiter !== DELIMITER) return errorResponse(400);
  const directory = directoryOf(query.get('prefix') ?? '');
  if (!store.isDirectory(container, directory)) return errorResponse(404);
  const listingQuery = {
    prefix: directory === '' ? '' : `${directory}${DELIMITER}`,
    marker: query.get('marker') ?? '',
    maxKeys,
    directoriesOnly: query.get('prefix-only') === '1',
  };
  const directories = [...store.directories(container, listingQuery.prefix), ...store.streams(container, listingQuery.prefix).map(([path]) => path)];
  const listing = pageListing(listedObjects(store, container, listingQuery.prefix), directories, listingQuery);
  return xmlResponse(listBucketXml(container, listingQuery, listing));
}
