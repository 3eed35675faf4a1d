/**
 * The validators of a stored entry: `ETag`, the quoted MD5 of the body (what S3 clients expect of
 * an object written in one PUT), and `Last-Modified`.
 */
import { createHash } from 'node:crypto';
import type { StoredEntry } from './store.js';

export function entityTag(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

// Entries are immutable, so their validators are computed once, not on every GET (an MD5 of the
// body and a date string per request cost more than the rest of the handler).
const validatorCache = new WeakMap<StoredEntry, Readonly<Record<string, string>>>();

export function validators(entry: StoredEntry): Readonly<Record<string, string>> {
  let cached = validatorCache.get(entry);
  if (!cached) {
    cached = { ETag: entityTag(entry.body), 'Last-Modified': entry.lastModified.toUTCString() };
    validatorCache.set(entry, cached);
  }
  return cached;
}
