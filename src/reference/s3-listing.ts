/**
 * S3's listing of a container, for S3 clients: ListObjectsV2 (`list-type=2`) and a ListObjects
 * (v1) that asks for no delimiter (`delimiter=`, empty). Unlike V3IO's one-level listing
 * (container-listing.ts), `prefix` is a string prefix and, without a delimiter, every key under it
 * is listed (what `aws s3 sync` and `rclone` read); with a delimiter, keys roll up at its first
 * occurrence after the prefix, and directories show as common prefixes (an empty directory is
 * not an S3 object: listed only as a common prefix). Pages follow `continuation-token` (opaque:
 * the last name of the previous page, base64url) or `start-after` (v2), `marker` (v1);
 * `max-keys` above 1,000 is 1,000, as in S3. `encoding-type=url` encodes the names as S3 does.
 * `fetch-owner=true` is refused 501: entries carry no owner.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
import type { ListedObject } from './listings.js';
import { xmlResponse, type ReferenceResponse } from './responses.js';
import { notImplemented, s3ErrorResponse } from './s3-errors.js';
import { element, XML_DECLARATION } from './s3-xml.js';

export const S3_MAX_KEYS = 1000;

export interface S3ListingSource {
  /** Objects whose key starts with the prefix, sorted by key. */
  readonly objects: readonly ListedObject[];
  /** Directories (without a trailing `/`) whose path starts with the prefix. */
  readonly directories: readonly string[];
}

type Row = { readonly name: string; readonly object?: ListedObject };

function invalid(message: string): ReferenceResponse {
  return s3ErrorResponse(400, 'InvalidArgument', message);
}

/** The `max-keys` of a listing: a whole number, at most `S3_MAX_KEYS`; `undefined` when it is not a number. */
export function cappedMaxKeys(text: string | null): number | undefined {
  if (text === null) return S3_MAX_KEYS;
  if (!/^[0-9]+$/.test(text)) return undefined;
  return Math.min(Number(text), S3_MAX_KEYS);
}

export function s3ListObjects(container: string, query: URLSearchParams, version: 1 | 2, source: (prefix: string) => S3ListingSource): ReferenceResponse {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = cappedMaxKeys(query.get('max-keys'));
  if (maxKeys === undefined) return invalid('max-keys must be a whole number.');
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') return invalid('Invalid Encoding Method specified in Request');
  const fetchOwner = query.get('fetch-owner');
  if (version === 2 && fetchOwner !== null && fetchOwner !== 'false') return notImplemented('fetch-owner=true (entries carry no owner)');
  let after: string;
  const token = query.get('continuation-token');
  if (version === 2 && token !== null) {
    const decoded = /^[A-Za-z0-9_-]*$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : undefined;
    if (decoded === undefined || decoded === '' || Buffer.from(decoded, 'utf8').toString('base64url') !== token) return invalid('The continuation token provided is incorrect');
    after = decoded;
  } else after = (version === 2 ? query.get('start-after') : query.get('marker')) ?? '';

  const { objects, directories } = source(prefix);
  const rows = new Map<string, Row>();
  const rollUp = (name: string): string | undefined => {
    if (delimiter === '') return undefined;
    const at = name.indexOf(delimiter, prefix.length);
    return at < 0 ? undefined : name.slice(0, at + delimiter.length);
  };
  for (const object of objects) {
    if (!object.key.startsWith(prefix)) continue;
    const common = rollUp(object.key);
    if (common === undefined) rows.set(object.key, { name: object.key, object });
    else rows.set(common, { name: common });
  }
  for (const directory of directories) {
    const common = rollUp(`${directory}/`);
    if (common !== undefined && directory.startsWith(prefix)) rows.set(common, { name: common });
  }
  const sorted = [...rows.values()].filter((row) => row.name > after).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = sorted.slice(0, maxKeys);
  const truncated = sorted.length > maxKeys;
  const last = page[page.length - 1];

  const encode = (name: string): string => (encodingType === 'url' ? encodeURIComponent(name).replace(/%2F/g, '/') : name);
  const contents = page
    .flatMap((row) => (row.object ? [row.object] : []))
    .map(
      (o) =>
        `<Contents>${element('Key', encode(o.key))}${element('LastModified', o.lastModified.toISOString())}${element('ETag', o.etag)}${element('Size', o.size)}${element('StorageClass', 'STANDARD')}</Contents>`,
    )
    .join('');
  const prefixes = page
    .flatMap((row) => (row.object ? [] : [row.name]))
    .map((p) => `<CommonPrefixes>${element('Prefix', encode(p))}</CommonPrefixes>`)
    .join('');
  const common = `${element('Name', container)}${element('Prefix', encode(prefix))}${delimiter === '' ? '' : element('Delimiter', encode(delimiter))}${element('MaxKeys', maxKeys)}${encodingType === null ? '' : element('EncodingType', encodingType)}${element('IsTruncated', truncated)}`;
  const paging =
    version === 2
      ? `${element('KeyCount', page.length)}${token === null ? '' : element('ContinuationToken', token)}${truncated && last ? element('NextContinuationToken', Buffer.from(last.name, 'utf8').toString('base64url')) : ''}${query.get('start-after') === null ? '' : element('StartAfter', encode(query.get('start-after')!))}`
      : `${element('Marker', encode(after))}${truncated && last ? element('NextMarker', encode(last.name)) : ''}`;
  return xmlResponse(`${XML_DECLARATION}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${common}${paging}${contents}${prefixes}</ListBucketResult>`);
}
