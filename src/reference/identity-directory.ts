/**
 * Looks identities up by access key or by username and password without comparing raw secrets:
 * both sides are hashed with SHA-256 and the equal-length digests compared with
 * `crypto.timingSafeEqual`, against every identity, so that the time taken does not depend on how
 * much of a secret matched nor on which identity matched.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../cases/reference-identities.js';

export interface IdentityDirectory {
  /** The identity whose access key is exactly `accessKey`, if any. */
  findByAccessKey(accessKey: string): Identity | undefined;
  /** The identity with exactly this username and password, if any; a wrong password and an unknown user look the same. */
  findByUsernamePassword(username: string, password: string): Identity | undefined;
}

interface Entry {
  readonly identity: Identity;
  readonly accessKey: Buffer;
  readonly username: Buffer;
  readonly password: Buffer;
}

function digest(text: string): Buffer {
  // One-shot `hash` (Node 20.12+): less than half the cost of a `createHash` object per request.
  return hash('sha256', text, 'buffer');
}

/** Builds a directory; two identities sharing an access key or a username is a configuration error. */
export function createIdentityDirectory(identities: readonly Identity[]): IdentityDirectory {
  rejectDuplicates(identities, (identity) => identity.accessKey, 'access key');
  rejectDuplicates(identities, (identity) => identity.username, 'username');
  const entries: readonly Entry[] = identities.map((identity) => ({
    identity,
    accessKey: digest(identity.accessKey),
    username: digest(identity.username),
    password: digest(identity.password),
  }));

  return {
    findByAccessKey(accessKey) {
      const presented = digest(accessKey);
      let found: Identity | undefined;
      // No early exit: every entry is compared whatever matched.
      for (const entry of entries) {
        if (timingSafeEqual(entry.accessKey, presented)) found = entry.identity;
      }
      return found;
    },
    findByUsernamePassword(username, password) {
      const presentedUser = digest(username);
      const presentedPassword = digest(password);
      let found: Identity | undefined;
      for (const entry of entries) {
        // Both comparisons always run, so a known user with a wrong password costs the same as an unknown user.
        const userMatches = timingSafeEqual(entry.username, presentedUser);
        const passwordMatches = timingSafeEqual(entry.password, presentedPassword);
        if (userMatches && passwordMatches) found = entry.identity;
      }
      return found;
    },
  };
}

function rejectDuplicates(identities: readonly Identity[], key: (identity: Identity) => string, what: string): void {
  const seen = new Set<string>();
  for (const identity of identities) {
    const value = key(identity);
    if (seen.has(value)) throw new Error(`identity "${identity.name}" repeats the ${what} of another identity`);
    seen.add(value);
  }
}
