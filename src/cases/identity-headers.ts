/**
 * Identity headers: the headers a reverse proxy sets once it has authenticated a client
 * (`X-Remote-User`, `X-Forwarded-User`, oauth2-proxy's `X-Auth-Request-User`, ...) and the ones
 * that name the client's address (`X-Forwarded-For`, `Forwarded`). A server that trusts them from
 * any client lets anyone in as anyone. The seed defines none of them: the correct answer is that
 * they change nothing — no credential is still 401, a denied identity still 403.
 *
 * Level (auth-requirements.md, "How a level is chosen"): MUST, a deviation lets a request in
 * without a valid credential of the identity it acts as.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type HeaderLine } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { request } from './operations.js';
import { UNKNOWN_KEY } from './credentials.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['identity-headers'] });

/** Headers that proxies, web servers and frameworks are known to pass or read an authenticated user in. */
const IDENTITY_HEADERS = [
  'X-Remote-User',
  'X-Forwarded-User',
  'X-Auth-Request-User',
  'Remote-User',
  'X-User',
  'X-Authenticated-User',
  'X-Forwarded-Preferred-Username',
  'X-WEBAUTH-USER',
  'X-Auth-User',
  'X-Remote-User-Id',
] as const;

/** Headers that claim the request came from the server itself (loopback). */
const SOURCE_HEADERS: readonly (readonly [id: string, line: HeaderLine])[] = [
  ['x-forwarded-for', ['X-Forwarded-For', '127.0.0.1']],
  ['x-real-ip', ['X-Real-IP', '127.0.0.1']],
  ['forwarded', ['Forwarded', 'for=127.0.0.1;proto=https']],
  ['x-client-ip', ['X-Client-IP', '127.0.0.1']],
  ['x-originating-ip', ['X-Originating-IP', '127.0.0.1']],
];

const kebab = (name: string): string => name.toLowerCase();

function identityHeaderCase(name: string): HttpCase {
  return httpCase({
    id: `cross-identity-header-${kebab(name)}`,
    profiles: EVERY_PROFILE,
    family: 'identity-header',
    title: `rejects a request without credentials that names the main user in ${name}`,
    requirement: 'identity',
    request: request('get-object', [[name, '{{username}}']]),
    expect: { outcome: 'unauthenticated' },
  });
}

function sourceHeaderCase([id, line]: readonly [string, HeaderLine]): HttpCase {
  return httpCase({
    id: `cross-source-header-${id}`,
    profiles: EVERY_PROFILE,
    family: 'forwarded-source',
    title: `rejects a request without credentials that claims to come from loopback in ${line[0]}`,
    requirement: 'source',
    request: request('get-object', [line]),
    expect: { outcome: 'unauthenticated' },
  });
}

function impersonationCase(name: string): HttpCase {
  return httpCase({
    id: `cross-identity-header-denied-key-${kebab(name)}`,
    family: 'identity-header',
    title: `rejects a valid access key of an identity without permission that names the main user in ${name}`,
    requirement: 'impersonation',
    request: request('get-object', [['X-v3io-session-key', '{{deniedAccessKey}}'], [name, '{{username}}']]),
    requires: ['deniedAccessKey'],
    expect: { outcome: 'forbidden' },
  });
}

export const IDENTITY_HEADER_CASES: readonly HttpCase[] = [
  ...IDENTITY_HEADERS.map(identityHeaderCase),
  httpCase({
    id: 'cross-identity-header-unknown-key-x-remote-user',
    family: 'identity-header',
    title: 'rejects an unknown access key that comes with the main user in X-Remote-User',
    requirement: 'identity',
    request: request('get-object', [['X-v3io-session-key', UNKNOWN_KEY], ['X-Remote-User', '{{username}}']]),
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'cross-identity-header-from',
    profiles: EVERY_PROFILE,
    family: 'identity-header',
    title: 'rejects a request without credentials that names the main user in From',
    requirement: 'identity',
    // RFC 9110 §10.1.2: From names who is responsible for the request, and is not for access control.
    sources: ['RFC 9110 §10.1.2', 'seed §HTTP User Authentication', 'RFC 9110 §15.5.2'],
    request: request('get-object', [['From', '{{username}}']]),
    expect: { outcome: 'unauthenticated' },
  }),
  ...['X-Remote-User', 'X-Forwarded-User', 'X-Auth-Request-User'].map(impersonationCase),
  ...SOURCE_HEADERS.map(sourceHeaderCase),
];
