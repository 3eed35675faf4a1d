/**
 * The S3-style XML listings of the V3IO web API (v3io-web-api.md, "Simple objects"), and the
 * directory-style paging of a container's contents.
 *
 * A V3IO container is a file system: GET Container lists one directory level. Keys under the
 * prefix that have a further `/` roll up into one `CommonPrefixes` entry per sub-directory (S3's
 * `delimiter=/`), which is why V3IO answers with `<Delimiter>/</Delimiter>` even when the request
 * named none. `/` is therefore the default and only delimiter. Contents and common prefixes page
 * together in name order: `max-keys` counts both, `marker` is the last name of the previous page.
 */
import type { ContainerInfo } from './store.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const DELIMITER = '/';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function element(name: string, content: string | number | boolean): string {
  return `<${name}>${typeof content === 'string' ? escapeXml(content) : String(content)}</${name}>`;
}

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

/** One page of the directory under `query.prefix`; `objects` sorted by key. */
export function pageListing(objects: readonly ListedObject[], query: ListingQuery): Listing {
  const rows: Row[] = [];
  for (const object of objects) {
    if (!object.key.startsWith(query.prefix)) continue;
    const slash = object.key.indexOf(DELIMITER, query.prefix.length);
    const row: Row = slash < 0 ? { name: object.key, object } : { name: object.key.slice(0, slash + 1) };
    if (row.object && query.directoriesOnly) continue;
    // Sorted keys: the keys of one directory are adjacent, so a repeated prefix is the previous row.
    if (rows[rows.length - 1]?.name === row.name) continue;
    if (row.name > query.marker) rows.push(row);
  }
  const page = rows.slice(0, query.maxKeys);
  const truncated = rows.length > query.maxKeys;
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
    .map((o) => `<Contents>${element('Key', o.key)}${element('Size', o.size)}${element('LastModified', o.lastModified.toISOString())}</Contents>`)
    .join('');
  const prefixes = listing.commonPrefixes.map((p) => `<CommonPrefixes>${element('Prefix', p)}</CommonPrefixes>`).join('');
  const nextMarker = listing.nextMarker === undefined ? '' : element('NextMarker', listing.nextMarker);
  return (
    `${XML_DECLARATION}<ListBucketResult>${element('Name', container)}${element('Prefix', query.prefix)}${element('Marker', query.marker)}` +
    `${element('Delimiter', DELIMITER)}${nextMarker}${element('MaxKeys', query.maxKeys)}${element('IsTruncated', listing.truncated)}` +
    `${contents}${prefixes}</ListBucketResult>`
  );
}
