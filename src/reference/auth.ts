/**
 * The reference's authentication, as a pure function of the request's header lines: which identity
 * the request acts as, or why it is rejected. Normative basis: /work/shared/spec/auth-requirements.md.
 *
 * Credentials come from `Authorization` and `X-v3io-session-key` only: never from
 * `Proxy-Authorization`, look-alike names (`X_v3io_session_key`), the query string or cookies.
 */
import type { CredentialForm, ParsedCredential, Rejection } from './credentials.js';
import { malformed, unauthenticated } from './credentials.js';
import { headerSectionSize, headerValues } from './header-lines.js';
import type { Identity } from '../cases/reference-identities.js';
import type { IdentityDirectory } from './identity-directory.js';
import { MAX_HEADER_SECTION_SIZE } from './limits.js';
import { parseAuthorization, parseSessionKey } from './parse-authorization.js';

export type { CredentialForm, Rejection } from './credentials.js';

/** What authentication looks at. `rawHeaders` is Node's flat form, so duplicate lines stay visible. */
export interface AuthRequest {
  readonly method: string;
  /** Origin-form target (`/path?query`); never a source of credentials. */
  readonly url: string;
  readonly rawHeaders: readonly string[];
}

export interface Authenticated {
  readonly kind: 'authenticated';
  readonly identity: Identity;
  /** The form that authenticated; with both credential headers, the `Authorization` one. */
  readonly form: CredentialForm;
}

export type AuthDecision = Authenticated | Rejection;

/** The signature the handler calls; tests plug deliberately broken ones in. */
export type AuthFn = (request: AuthRequest, directory: IdentityDirectory) => AuthDecision;

export { MAX_HEADER_SECTION_SIZE };

export function authenticate(request: AuthRequest, directory: IdentityDirectory): AuthDecision {
  if (headerSectionSize(request.rawHeaders) > MAX_HEADER_SECTION_SIZE) {
    return { kind: 'rejected', status: 431, reason: 'header section too large' };
  }
  const authorizations = headerValues(request.rawHeaders, 'authorization');
  const sessionKeys = headerValues(request.rawHeaders, 'x-v3io-session-key');
  // Two lines of one credential header: parsers that take the first and those that take the last disagree.
  if (authorizations.length > 1) return malformed('more than one Authorization line');
  if (sessionKeys.length > 1) return malformed('more than one X-v3io-session-key line');

  const [authorization] = authorizations;
  const [sessionKey] = sessionKeys;
  if (authorization === undefined && sessionKey === undefined) return unauthenticated('no credentials');
  const byAuthorization = authorization === undefined ? undefined : resolve(parseAuthorization(authorization), directory);
  const bySessionKey = sessionKey === undefined ? undefined : resolve(parseSessionKey(sessionKey), directory);
  if (byAuthorization === undefined) return bySessionKey!;
  if (bySessionKey === undefined) return byAuthorization;

  // Both headers: one mechanism per request, unless both name the same identity.
  if (byAuthorization.kind === 'authenticated' && bySessionKey.kind === 'authenticated' && byAuthorization.identity === bySessionKey.identity) {
    return byAuthorization;
  }
  return malformed('Authorization and X-v3io-session-key do not authenticate the same identity');
}

/** Looks the parsed credential's secret up. Unknown key, unknown user and wrong password are one answer. */
function resolve(credential: ParsedCredential, directory: IdentityDirectory): AuthDecision {
  switch (credential.kind) {
    case 'rejected':
      return credential;
    case 'access-key': {
      const identity = directory.findByAccessKey(credential.accessKey);
      return identity ? { kind: 'authenticated', identity, form: credential.form } : unauthenticated('unknown access key');
    }
    case 'username-password': {
      const identity = directory.findByUsernamePassword(credential.username, credential.password);
      return identity ? { kind: 'authenticated', identity, form: credential.form } : unauthenticated('invalid username or password');
    }
  }
}
