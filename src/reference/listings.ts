/**
 * The S3-style XML listings of the V3IO web API (v3io-web-api.md, "Simple objects"), and the
 * directory-style paging of a container's contents.
 *
 * A V3IO container is a file system: GET Container lists one directory level, empty
 * sub-directories included. Keys under the
 * prefix that have a further `/` roll up into one `CommonPrefixes` entry per sub-directory (S3's
 * `delimiter=/`), which is why V3IO answers with `<Delimiter>/</Delimiter>` even when the request
 * named none. `/` is therefore the default and only delimiter. Contents and common prefixes page
 * together in name order: `max-keys` counts both, `marker` is the last name of the previous page.
 */
import { element, XML_DECLARATION } from './s3-xml.js';
import type { ContainerInfo } from './store.js';

export const DELIMITER = '/';

/** `GET /`: the containers the caller may use; the owner is the identity's display name, never a secret. */
export function listAllMyBucketsXml(owner: string, containers: readonly ContainerInfo[]): string {
  const buckets = containers
    .map((c) => `<Bucket>${element('Name', c.name)}${element('CreationDate', c.createdAt.toISOString())}${element('Id', c.id)}</Bucket>`)
    .join('');
  return `${XML_DECLARATION}<ListAllMyBucketsResult><Owner>${element('ID', owner)}${element('DisplayName', owner)}</Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`;
}

/** Something a listing can show as `Contents`: an object, an item, a stream shard's file. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  /** Quoted, as S3 clients expect it (s3cmd's sync reads it). */
  readonly etag: string;
}

export interface ListingQuery {
  readonly prefix: string;
  readonly marker: string;
  readonly maxKeys: number;
  /** V3IO's `prefix-only=1`: directories only. */
  readonly directoriesOnly: boolean;
}

export interface Listing {
  readonly contents: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
  readonly truncated: boolean;
  /** The last name of this page, when there is a next one. */
  readonly nextMarker?: string;
}

type Row = { readonly name: string; readonly object?: ListedObject };

/**
 * One page of the directory `query.prefix` (`''` or a path ending in `/`): `objects` and
 * `directories` (paths without a trailing `/`) anywhere under it, rolled up to one level.
 */
export function pageListing(objects: readonly ListedObject[], directories: readonly string[], query: ListingQuery): Listing {
  const rows = new Map<string, Row>();
  const addDirectory = (path: string): void => {
    const slash = path.indexOf(DELIMITER, query.prefix.length);
    const name = slash < 0 ? `${path}${DELIMITER}` : path.slice(0, slash + 1);
    if (!rows.has(name)) rows.set(name, { name });
  };
  for (const object of objects) {
    if (!object.key.startsWith(query.prefix)) continue;
    if (object.key.indexOf(DELIMITER, query.prefix.length) < 0) {
      if (!query.directoriesOnly) rows.set(object.key, { name: object.key, object });
    } else addDirectory(object.key);
  }
  for (const directory of directories) if (directory.startsWith(query.prefix) && directory.length > query.prefix.length) addDirectory(directory);
  const sorted = [...rows.values()].filter((row) => row.name > query.marker).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = sorted.slice(0, query.maxKeys);
  const truncated = sorted.length > query.maxKeys;
  const last = page[page.length - 1];
  return {
    contents: page.flatMap((row) => (row.object ? [row.object] : [])),
    commonPrefixes: page.flatMap((row) => (row.object ? [] : [row.name])),
    truncated,
    ...(truncated && last ? { nextMarker: last.name } : {}),
  };
}

/** `GET /<container>/`: S3's `ListBucketResult`. */
export function listBucketXml(container: string, query: ListingQuery, listing: Listing): string {
  const contents = listing.contents
    .map((o) => `<Contents>${element('Key', o.key)}${element('Size', o.size)}${element('LastModified', o.lastModified.toISOString())}${element('ETag', o.etag)}</Contents>`)
    .join('');
  const prefixes = listing.commonPrefixes.map((p) => `<CommonPrefixes>${element('Prefix', p)}</CommonPrefixes>`).join('');
  // Always there, empty on the last page: v3io-py reads it unconditionally (output.py, GetContainerContentsOutput).
  const nextMarker = element('NextMarker', listing.nextMarker ?? '');
  return (
    `${XML_DECLARATION}<ListBucketResult>${element('Name', container)}${element('Prefix', query.prefix)}${element('Marker', query.marker)}` +
    `${element('Delimiter', DELIMITER)}${nextMarker}${element('MaxKeys', query.maxKeys)}${element('IsTruncated', listing.truncated)}` +
    `${contents}${prefixes}</ListBucketResult>`
  );
}
