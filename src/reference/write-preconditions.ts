/**
 * S3's conditional writes: `If-None-Match: *` writes only when the key holds no object, `If-Match:
 * <ETag>` only when it holds that object (412 PreconditionFailed otherwise; 404 NoSuchKey when
 * there is none). S3 offers no other `If-None-Match` on a write: one is refused 501 rather than
 * ignored. Checked by PUT (and its POST alias), CopyObject and CompleteMultipartUpload.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import { headerValues } from './header-lines.js';
import { validators } from './object-validators.js';
import type { ReferenceResponse } from './responses.js';
import { notImplemented, s3ErrorResponse } from './s3-errors.js';
import type { StoredEntry } from './store.js';

/** `"a", W/"b"` → the tags without quotes or weakness; `*` stays `*`. */
function entityTags(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((tag) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
}

/** Whether a list of entity tags names `etag` (quoted) or is `*`. */
export function tagListMatches(values: readonly string[], etag: string): boolean {
  const bare = etag.replace(/^"(.*)"$/, '$1');
  return entityTags(values).some((tag) => tag === '*' || tag === bare);
}

const PRECONDITION_FAILED = (): ReferenceResponse => s3ErrorResponse(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');

/** The refusal of a write to a key holding `existing`, or `undefined` when it may go ahead. */
export function writePreconditionFailure(rawHeaders: readonly string[], existing: StoredEntry | undefined): ReferenceResponse | undefined {
  const ifNoneMatch = headerValues(rawHeaders, 'if-none-match');
  const ifMatch = headerValues(rawHeaders, 'if-match');
  if (ifNoneMatch.length > 0) {
    if (!entityTags(ifNoneMatch).every((tag) => tag === '*')) return notImplemented('If-None-Match other than * on a write');
    if (existing) return PRECONDITION_FAILED();
  }
  if (ifMatch.length > 0) {
    if (!existing) return s3ErrorResponse(404, 'NoSuchKey', 'The specified key does not exist.');
    if (!tagListMatches(ifMatch, validators(existing).ETag!)) return PRECONDITION_FAILED();
  }
  return undefined;
}
