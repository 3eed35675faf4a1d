/**
 * The S3-style XML listings of the V3IO web API (v3io-web-api.md, "Simple objects").
 */
import type { ContainerInfo, StoredEntry } from './store.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

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

export interface BucketListing {
  readonly container: string;
  readonly prefix: string;
  readonly marker: string;
  readonly maxKeys: number;
  /** Entries after the marker, sorted; one more than `maxKeys` means truncated. */
  readonly entries: ReadonlyArray<readonly [path: string, entry: StoredEntry]>;
}

/** `GET /<container>/`: the entries under a prefix, S3's `ListBucketResult`. */
export function listBucketXml(listing: BucketListing): string {
  const shown = listing.entries.slice(0, listing.maxKeys);
  const truncated = listing.entries.length > listing.maxKeys;
  const contents = shown
    .map(([key, entry]) => `<Contents>${element('Key', key)}${element('Size', entry.body.length)}${element('LastModified', entry.lastModified.toISOString())}</Contents>`)
    .join('');
  const last = shown[shown.length - 1];
  const nextMarker = truncated && last ? element('NextMarker', last[0]) : '';
  return (
    `${XML_DECLARATION}<ListBucketResult>${element('Name', listing.container)}${element('Prefix', listing.prefix)}` +
    `${element('Marker', listing.marker)}${nextMarker}${element('MaxKeys', listing.maxKeys)}${element('IsTruncated', truncated)}` +
    `${contents}</ListBucketResult>`
  );
}
