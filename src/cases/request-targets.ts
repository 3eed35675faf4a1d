/**
 * Wire cases on the request target: the forms HTTP/1.1 servers must accept beside the origin form
 * (RFC 9112 §3.2: absolute-form, and asterisk-form), and spellings of a path that a router may
 * normalise after an authentication layer matched the raw text (`//`, dot segments, `%2e`, an
 * encoded slash, a trailing dot, a path parameter; RFC 9110 §4.2.3, RFC 3986 §5.2.4, §6.2.2).
 * HTTP client libraries rewrite these targets, so they are sent over a raw socket.
 *
 * None carries a credential of an identity that may list the container: whatever a server makes
 * of the target, the answer is a rejection (401 without credentials, 403 for the identity without
 * permission, or 400 or 404 where it refuses the spelling) — never the listing. Level MUST.
 *
 * "Let in" on evidence (`letInOnEvidence`) where the target does not name the container's listing
 * unambiguously: a path spelling (a server may read `//bigdata/` as a protocol-relative URL, as
 * `new URL(target, base)` does, and serve its root), another host in the absolute form (a server
 * may serve another virtual host), the asterisk form (no resource at all). A 2xx there is a MUST
 * failure only when it shows the container (its listing, or its name in a listing of containers:
 * the asterisk form without credentials listing the containers); any other 2xx (a root listing of
 * no container, a health page) is a SHOULD failure. The absolute form of this server's own URL (with or without
 * userinfo) and a lower-case method name the listing itself: any 2xx there is let in.
 */
import { V3IO_ONLY, type WireCase, type WirePart } from './model.js';
import { OPERATIONS } from './operations.js';
import { CLOSE, END, HOST, OPERATION, header } from './wire.js';
import { wireCaseBuilder } from './case-builder.js';
import type { RequirementName } from './requirements.js';
import { SEED_HTTP_AUTH as HTTP_AUTH_SEED } from './credentials.js';

const LISTING = OPERATIONS[OPERATION];
/** The listing's path after the container, query included: `/?prefix=…/`. */
const AFTER_CONTAINER = LISTING.path.slice('/{{container}}'.length);

const crossWire = wireCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['request-targets'] });

function lines(target: string, extra: readonly WirePart[] = []): readonly WirePart[] {
  return [{ kind: 'request-line', method: LISTING.method, target }, HOST, ...extra, CLOSE, END];
}

/** Whether a target names the listing canonically (any 2xx let in) or not (a 2xx judged on evidence). */
type Naming = 'canonical' | 'on-evidence';

/** `sources`: the RFC sections of a target form the requirement does not cite, before the seed's. */
function noCredentials(name: string, family: string, title: string, requirement: RequirementName<'request-targets'>, target: string, naming: Naming, sources?: readonly string[]): WireCase {
  return crossWire({
    name,
    family,
    title,
    requirement,
    ...(sources ? { sources: [...sources, HTTP_AUTH_SEED] } : {}),
    parts: lines(target),
    // A server may refuse the spelling itself (400, or 404 for a path it does not resolve).
    expect: { outcome: 'reject', statuses: [401, 400, 404], ...(naming === 'on-evidence' ? { letInOnEvidence: true } : {}) },
    validCredential: false,
  });
}

/** Path spellings of the listing: [id, what, target]. */
const PATH_SPELLINGS: readonly (readonly [string, string, string])[] = [
  ['double-slash', 'a doubled leading slash (//<container>/)', `//{{container}}${AFTER_CONTAINER}`],
  ['dot-segment', 'a dot segment before the container (/./<container>/)', `/./{{container}}${AFTER_CONTAINER}`],
  ['dot-dot-segment', 'a dot-dot segment before the container (/x/../<container>/)', `/v3io-auth-conformance/../{{container}}${AFTER_CONTAINER}`],
  ['encoded-dot-segment', 'a percent-encoded dot segment (/%2e/<container>/)', `/%2e/{{container}}${AFTER_CONTAINER}`],
  ['encoded-slash', 'a percent-encoded slash after the container (/<container>%2F)', `/{{container}}%2F${AFTER_CONTAINER.slice(1)}`],
  ['trailing-dot', 'a trailing dot on the container name (/<container>./)', `/{{container}}.${AFTER_CONTAINER}`],
  ['path-parameter', 'a path parameter on the container name (/<container>;x/)', `/{{container}};v3io${AFTER_CONTAINER}`],
  ['backslash', 'a backslash before the container (/\\<container>/)', `/\\{{container}}${AFTER_CONTAINER}`],
];

export const REQUEST_TARGET_CASES: readonly WireCase[] = [
  noCredentials(
    'absolute-form-without-credentials',
    'request-target',
    'rejects an absolute-form request without credentials',
    'targetForm',
    `{{origin}}${LISTING.path}`,
    'canonical',
    ['RFC 9112 §3.2.2', 'RFC 9112 §3.2'],
  ),
  noCredentials(
    'absolute-form-other-host-without-credentials',
    'request-target',
    'rejects an absolute-form request for another host without credentials',
    'targetForm',
    `http://v3io-auth-conformance.invalid${LISTING.path}`,
    'on-evidence',
    ['RFC 9112 §3.2.2', 'RFC 9112 §3.2'],
  ),
  // The user and password percent-encoded, as userinfo must be (RFC 3986 §3.2.1): any password fits.
  {
    ...noCredentials(
      'absolute-form-userinfo',
      'request-target',
      'rejects an absolute-form request that carries the main user and password as userinfo',
      'userinfo',
      `{{scheme}}://{{userinfoUser}}:{{userinfoPassword}}@{{host}}${LISTING.path}`,
      'canonical',
    ),
    derive: [
      { name: 'userinfoUser', from: '{{username}}', apply: [{ op: 'percent-encode' }] },
      { name: 'userinfoPassword', from: '{{password}}', apply: [{ op: 'percent-encode' }] },
    ],
  },
  noCredentials('asterisk-form-get', 'request-target', 'rejects GET with the asterisk-form target (*) without credentials', 'targetForm', '*', 'on-evidence', ['RFC 9112 §3.2.4', 'RFC 9112 §3.2']),
  crossWire({
    name: 'absolute-form-valid-key',
    family: 'request-target',
    title: 'accepts a valid access key with an absolute-form request target',
    requirement: 'absoluteValid',
    parts: lines(`{{origin}}${LISTING.path}`, [header('X-v3io-session-key', '{{accessKey}}')]),
    expect: { outcome: 'accept' },
    validCredential: true,
  }),
  crossWire({
    name: 'lower-case-method-without-credentials',
    family: 'method',
    title: 'rejects a request without credentials whose method is spelt in lower case (get)',
    requirement: 'methodCase',
    parts: [{ kind: 'request-line', method: 'get', target: LISTING.path }, HOST, CLOSE, END],
    // An unknown method may be refused before authentication (400, 405).
    expect: { outcome: 'reject', statuses: [401, 400, 405] },
    validCredential: false,
  }),
  ...PATH_SPELLINGS.map(([id, what, target]) =>
    noCredentials(`path-${id}`, 'path-spelling', `rejects a request without credentials whose path has ${what}`, 'pathSpelling', target, 'on-evidence'),
  ),
  // The same spellings with a valid key of the identity without permission: a server whose
  // permission check reads the path as spelt, and whose router normalises it, lets it list.
  ...PATH_SPELLINGS.map(([id, what, target]) =>
    crossWire({
      name: `path-${id}-denied-key`,
      family: 'path-spelling',
      title: `rejects a valid access key of an identity without permission whose path has ${what}`,
      requirement: 'pathSpellingPermission',
      parts: lines(target, [header('X-v3io-session-key', '{{deniedAccessKey}}')]),
      requires: ['deniedAccessKey'],
      // A server may refuse the spelling itself (400, or 404 for a path it does not resolve).
      expect: { outcome: 'reject', statuses: [403, 400, 404], letInOnEvidence: true },
      validCredential: true,
    }),
  ),
];
