/**
 * The query parameters S3 gives a meaning of their own (its sub-resources and their companions),
 * and which of them `serve` implements, by the method and by what the request addresses (a
 * container, S3's bucket, or an object). Before this table a request such as
 * `PUT /bigdata/key?acl` ran as a plain PUT of the key and emptied it: every name below that a
 * request carries must be implemented for that method, or the request is refused with 501
 * NotImplemented and changes nothing. Parameters S3 does not know (`x-id`, which the AWS SDK for
 * JavaScript v3 adds, V3IO's own) keep their meaning.
 *
 * Sources: the S3 API reference (docs.aws.amazon.com/AmazonS3/latest/API), one page per operation,
 * and the sub-resources a SigV2 string-to-sign includes.
 */

export type S3Scope = 'bucket' | 'object';

/** Every S3 sub-resource, and the parameters that only exist beside one. */
export const S3_SUBRESOURCES = [
  'abac',
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'location',
  'logging',
  'metadataConfiguration',
  'metadataInventoryTable',
  'metadataJournalTable',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'partNumber',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'renameObject',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'select-type',
  'session',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
  // Companions of the listing operations: of ListObjectsV2 (implemented, container-listing.ts) and
  // of ListObjectVersions, ListMultipartUploads and ListParts (refused with their sub-resource).
  'list-type',
  'continuation-token',
  'start-after',
  'fetch-owner',
  'encoding-type',
  'key-marker',
  'version-id-marker',
  'upload-id-marker',
  'max-uploads',
  'max-parts',
  'part-number-marker',
  // GetObject's overrides of the response's headers.
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
] as const;

export type S3Subresource = (typeof S3_SUBRESOURCES)[number];

/** The operations `serve` implements that a sub-resource selects (CopyObject is selected by its header). */
export type S3Operation =
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'DeleteObjects'
  | 'GetBucketLocation'
  | 'GetObjectTagging';

/** Parameters that modify an operation without selecting another: allowed beside it. */
const MODIFIERS: Readonly<Record<string, readonly S3Subresource[]>> = {
  'object GET': ['response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language', 'response-content-type', 'response-expires'],
  'bucket GET': ['list-type', 'continuation-token', 'start-after', 'fetch-owner', 'encoding-type'],
};

/** `<scope> <method> <sub-resources, sorted, joined by &>` → the operation. */
const OPERATIONS: Readonly<Record<string, S3Operation>> = {
  'object POST uploads': 'CreateMultipartUpload',
  'object PUT partNumber&uploadId': 'UploadPart',
  'object POST uploadId': 'CompleteMultipartUpload',
  'object DELETE uploadId': 'AbortMultipartUpload',
  'bucket POST delete': 'DeleteObjects',
  'bucket GET location': 'GetBucketLocation',
  // Objects have no tags here (PutObjectTagging and x-amz-tagging are refused): the empty set is
  // the truth, and `aws s3 mv` of a large object asks for it before it copies.
  'object GET tagging': 'GetObjectTagging',
};

const KNOWN = new Set<string>(S3_SUBRESOURCES);

export type SubresourceDecision =
  /** No sub-resource but the allowed modifiers: the plain operation of the method. */
  | { readonly kind: 'plain' }
  | { readonly kind: 'operation'; readonly operation: S3Operation }
  | { readonly kind: 'refused'; readonly names: readonly string[] };

/** What a request's query selects; `method` is GET for HEAD. */
export function selectSubresource(scope: S3Scope, method: string, query: URLSearchParams): SubresourceDecision {
  const modifiers = MODIFIERS[`${scope} ${method}`] ?? [];
  const names = [...new Set([...query.keys()].filter((name) => KNOWN.has(name)))].sort();
  const selecting = names.filter((name) => !(modifiers as readonly string[]).includes(name));
  if (selecting.length === 0) return { kind: 'plain' };
  const operation = OPERATIONS[`${scope} ${method} ${selecting.join('&')}`];
  return operation ? { kind: 'operation', operation } : { kind: 'refused', names: selecting };
}

/** The copy headers: `x-amz-copy-source` and its conditions, range and keys, and the metadata directive. */
export function copyHeaderNames(rawHeaders: readonly string[]): string[] {
  const names = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (name.startsWith('x-amz-copy-source') || name === 'x-amz-metadata-directive') names.add(name);
  }
  return [...names].sort();
}
