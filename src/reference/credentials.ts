/**
 * What a credential header says once parsed, before any identity is looked up.
 */

/** The four credential forms of the seed. */
export type CredentialForm = 'session-key' | 'aws-sigv4' | 'aws-sigv2' | 'basic';

/** A rejection: its status and a fixed description for logs, which never contains the credential. */
export interface Rejection {
  readonly kind: 'rejected';
  readonly status: 400 | 401 | 431;
  readonly reason: string;
}

/** A header value parsed into the secret it presents, or a rejection. */
export type ParsedCredential =
  | { readonly kind: 'access-key'; readonly form: Exclude<CredentialForm, 'basic'>; readonly accessKey: string }
  | { readonly kind: 'username-password'; readonly form: 'basic'; readonly username: string; readonly password: string }
  | Rejection;

/** A syntax error: 400. */
export function malformed(reason: string): Rejection {
  return { kind: 'rejected', status: 400, reason };
}

/** No usable credential, or one that names nobody: 401. */
export function unauthenticated(reason: string): Rejection {
  return { kind: 'rejected', status: 401, reason };
}
