/**
 * Broken servers written apart from the reference's code paths, one per row of
 * docs/threat-model.md that the reference-based variants (variants.ts) do not already break: each
 * is a real HTTP server on loopback (`http-front.ts`) in front of a correct reference, with its
 * own request handling where it goes wrong — a proxy that trusts an identity header, an
 * authentication layer that matches the raw path while the router normalises it, application
 * code that fails on a few KiB, a cache of the last good credential per connection, ...
 *
 * The deviations are what real servers do: they are written from the attacker's side of the
 * threat model, not from the suite's cases.
 */
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { V3IO_FUNCTIONS } from '../../src/reference/functions.js';
import {
  actingWithKey,
  hasCredentials,
  startHttpFront,
  valuesNamed,
  withoutHeaders,
  type FrontOptions,
  type FrontDecision,
  type FrontRequest,
  type HeaderPairs,
  type RunningServer,
} from './http-front.js';
import type { Identity } from '../../src/cases/reference-identities.js';

export interface IndependentBrokenServer {
  readonly id: string;
  /** The deviation, as a reader of auth-requirements.md would name it. */
  readonly deviation: string;
  readonly level: 'must' | 'should';
  /** Cases that must fail against it at its level (at least these; others may fail too). */
  readonly caughtBy: readonly string[];
  /** Starts it in front of the correct reference served at `backendUrl`. */
  readonly start: (backendUrl: string) => Promise<RunningServer>;
}

const IDENTITIES: readonly Identity[] = Object.values(REFERENCE_IDENTITIES);
const MAIN = REFERENCE_IDENTITIES.main;
const FORWARD: FrontDecision = { kind: 'forward' };
const SERVER_ERROR = (what: string): FrontDecision => ({ kind: 'answer', status: 500, contentType: 'application/json', body: JSON.stringify({ ErrorCode: -5, ErrorMessage: what }) });

const front =
  (decide: (request: FrontRequest) => FrontDecision, options: FrontOptions = {}) =>
  (backendUrl: string): Promise<RunningServer> =>
    startHttpFront(backendUrl, decide, options);

/** The identity a Basic value names with the right password, decoded the simple way. */
function basicUser(value: string): { user: string; password: string } | undefined {
  const match = /^\s*basic\s+(\S+)\s*$/i.exec(value);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The path and query of a target, for a router that takes what it can from the raw text. */
function splitTarget(url: string): { path: string; query: string } {
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at) };
}

/**
 * An authentication layer that protects the paths spelt `/<container>/…` (as a prefix rule in a
 * gateway does) in front of a router that normalises a path before it looks it up: a path the
 * rule does not recognise but the router resolves to the container is served without
 * authentication (CWE-22-style confusion, OWASP "path confusion").
 */
const PROTECTED_PREFIX = `/${REFERENCE_CONTAINER}`;
/** Whether a path, as written, is under the protected container. */
const isProtected = (path: string): boolean => path === PROTECTED_PREFIX || path.startsWith(`${PROTECTED_PREFIX}/`);

function normalisingRouter(normalise: (path: string) => string) {
  return front(({ url, headers }) => {
    const { path, query } = splitTarget(url);
    if (!path.startsWith('/') || isProtected(path)) return FORWARD;
    const routed = normalise(path);
    if (!isProtected(routed)) return FORWARD;
    // Not under the protected prefix as written: the layer lets it through, the router serves it.
    return { kind: 'forward', url: `${routed}${query}`, headers: actingWithKey(headers, MAIN.accessKey) };
  });
}

const mergeSlashes = (path: string): string => path.replace(/\/{2,}/g, '/');

function resolveDotSegments(path: string): string {
  const out: string[] = [];
  for (const segment of path.replace(/%2e/gi, '.').split('/').slice(1)) {
    if (segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

const windowsStyle = (path: string): string =>
  mergeSlashes(path.replace(/\\/g, '/'))
    .split('/')
    .map((segment) => segment.replace(/;.*$/, '').replace(/\.+$/, ''))
    .join('/');

function percentDecoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Every normalisation above at once, as a lenient router applies them. */
const normalisedEveryWay = (path: string): string => windowsStyle(resolveDotSegments(percentDecoded(path)));

/** Headers a proxy-style front takes an authenticated user from. */
const TRUSTED_IDENTITY_HEADERS = ['x-remote-user', 'x-forwarded-user', 'x-auth-request-user', 'remote-user', 'x-user', 'x-webauth-user'];
const LOOPBACK = /(^|[\s,;=])(127\.0\.0\.1|::1|localhost)\b/i;
const SOURCE_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-client-ip'];

/** The canonical name of a function the router matches without regard to case. */
const FUNCTION_NAMES = new Map(Object.keys(V3IO_FUNCTIONS).map((name) => [name.toLowerCase(), name]));

/** A credential per connection, once one was accepted (`connection.get('credentials')`). */
function cachingPerConnection(request: FrontRequest): FrontDecision {
  const remembered = request.connection.get('credentials') as HeaderPairs | undefined;
  if (remembered) return { kind: 'forward', headers: [...withoutHeaders(request.headers, ['x-v3io-session-key', 'authorization']), ...remembered] };
  const credentials = request.headers.filter(([n]) => ['x-v3io-session-key', 'authorization'].includes(n.toLowerCase()));
  return {
    kind: 'forward',
    onStatus: (status) => {
      // The connection is "authenticated" from now on: later requests on it skip the check.
      if (status >= 200 && status < 300 && credentials.length > 0) request.connection.set('credentials', credentials);
    },
  };
}

/** Usernames that once authenticated with Basic: the password is not checked again (a login cache keyed by user). */
function memoisingBasicUsers(): (request: FrontRequest) => FrontDecision {
  const known = new Set<string>();
  return ({ headers }) => {
    const pair = valuesNamed(headers, 'authorization').map(basicUser).find((p) => p !== undefined);
    if (!pair) return FORWARD;
    const identity = IDENTITIES.find((i) => i.username === pair.user);
    if (identity && known.has(pair.user)) return { kind: 'forward', headers: actingWithKey(headers, identity.accessKey) };
    return { kind: 'forward', onStatus: (status) => (status >= 200 && status < 300 ? void known.add(pair.user) : undefined) };
  };
}

/** The access key a form-encoded or JSON body carries, as a framework's "request parameters" merge them. */
function keyInBody(body: Buffer): string | undefined {
  const text = body.toString('utf8');
  const form = new URLSearchParams(text);
  const fromForm = form.get('access_key') ?? form.get('X-v3io-session-key');
  if (fromForm && IDENTITIES.some((i) => i.accessKey === fromForm)) return fromForm;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const fromJson = json['AccessKey'] ?? json['X-v3io-session-key'];
    return typeof fromJson === 'string' ? fromJson : undefined;
  } catch {
    return undefined;
  }
}

function traceEcho({ method, url, headers }: FrontRequest): FrontDecision {
  const head = [`${method} ${url} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)].join('\r\n');
  return { kind: 'answer', status: 200, contentType: 'message/http', body: `${head}\r\n\r\n` };
}

export const INDEPENDENT_BROKEN_SERVERS: readonly IndependentBrokenServer[] = [
  {
    id: 'trusts-identity-header',
    deviation: 'a proxy-style front that acts as the user named in X-Remote-User, X-Forwarded-User, X-Auth-Request-User, Remote-User, X-User or X-WEBAUTH-USER, from any client',
    level: 'must',
    caughtBy: ['cross-identity-header-x-remote-user', 'cross-identity-header-x-forwarded-user', 'cross-identity-header-x-auth-request-user', 'cross-identity-header-remote-user', 'cross-identity-header-denied-key-x-remote-user'],
    start: front(({ headers }) => {
      const named = TRUSTED_IDENTITY_HEADERS.flatMap((name) => valuesNamed(headers, name)).map((v) => v.trim());
      const identity = IDENTITIES.find((i) => named.includes(i.username));
      return identity ? { kind: 'forward', headers: actingWithKey(headers, identity.accessKey) } : FORWARD;
    }),
  },
  {
    id: 'trusts-from-header',
    deviation: 'acts as the user the From header names (RFC 9110 §10.1.2: From is not for access control), from any client without credentials',
    level: 'must',
    caughtBy: ['cross-identity-header-from'],
    start: front(({ headers }) => {
      const named = valuesNamed(headers, 'from').map((v) => v.trim());
      const identity = hasCredentials(headers) ? undefined : IDENTITIES.find((i) => named.includes(i.username));
      return identity ? { kind: 'forward', headers: actingWithKey(headers, identity.accessKey) } : FORWARD;
    }),
  },
  {
    id: 'trusts-loopback-source',
    deviation: 'lets in without credentials a request whose X-Forwarded-For, X-Real-IP, Forwarded or X-Client-IP says it comes from loopback ("internal traffic")',
    level: 'must',
    caughtBy: ['cross-source-header-x-forwarded-for', 'cross-source-header-x-real-ip', 'cross-source-header-forwarded'],
    start: front(({ headers }) =>
      !hasCredentials(headers) && SOURCE_HEADERS.some((name) => valuesNamed(headers, name).some((v) => LOOPBACK.test(v))) ? { kind: 'forward', headers: actingWithKey(headers, MAIN.accessKey) } : FORWARD,
    ),
  },
  {
    id: 'authenticates-origin-form-only',
    deviation: 'authenticates only origin-form request targets: an absolute-form target (RFC 9112 §3.2.2) goes to the router unchecked',
    level: 'must',
    caughtBy: ['cross-wire-absolute-form-without-credentials', 'cross-wire-absolute-form-other-host-without-credentials'],
    start: front(({ url, headers }) => {
      if (!/^https?:\/\//i.test(url)) return FORWARD;
      const target = new URL(url);
      return { kind: 'forward', url: `${target.pathname}${target.search}`, headers: actingWithKey(headers, MAIN.accessKey) };
    }),
  },
  {
    id: 'userinfo-as-credentials',
    deviation: 'reads the userinfo of an absolute-form target (http://user:password@host/…) as Basic credentials',
    level: 'must',
    caughtBy: ['cross-wire-absolute-form-userinfo'],
    start: front(({ url, headers }) => {
      const match = /^https?:\/\/([^@/]*)@/i.exec(url);
      if (!match || hasCredentials(headers)) return FORWARD;
      const target = new URL(url);
      const token = Buffer.from(decodeURIComponent(match[1] ?? ''), 'utf8').toString('base64');
      return { kind: 'forward', url: `${target.pathname}${target.search}`, headers: [...headers, ['Authorization', `Basic ${token}`]] };
    }),
  },
  {
    id: 'merges-slashes-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router merges repeated slashes: //<container>/ is served without credentials',
    level: 'must',
    caughtBy: ['cross-wire-path-double-slash'],
    start: normalisingRouter(mergeSlashes),
  },
  {
    id: 'resolves-dot-segments-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router resolves dot segments, %2e included: /./<container>/ is served without credentials',
    level: 'must',
    caughtBy: ['cross-wire-path-dot-segment', 'cross-wire-path-dot-dot-segment', 'cross-wire-path-encoded-dot-segment'],
    start: normalisingRouter(resolveDotSegments),
  },
  {
    id: 'decodes-path-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router percent-decodes the path: /<container>%2F is served without credentials',
    level: 'must',
    caughtBy: ['cross-wire-path-encoded-slash'],
    start: normalisingRouter(percentDecoded),
  },
  {
    id: 'authorizes-the-path-as-spelt',
    deviation:
      'authenticates every request, but checks permissions on the container the path names as spelt, while its router normalises the path (slashes, dot segments, %2e, percent-encoding, trailing dots, ;parameters, backslashes): an identity without permission lists the container through another spelling',
    level: 'must',
    caughtBy: ['cross-wire-path-double-slash-denied-key', 'cross-wire-path-dot-segment-denied-key', 'cross-wire-path-encoded-slash-denied-key', 'cross-wire-path-backslash-denied-key'],
    start: front(({ url, headers }) => {
      const { path, query } = splitTarget(url);
      const routed = normalisedEveryWay(path);
      if (!path.startsWith('/') || isProtected(path) || !isProtected(routed)) return FORWARD;
      // A known key passes authentication; no container as spelt, so no permission is checked.
      const known = valuesNamed(headers, 'x-v3io-session-key').some((v) => IDENTITIES.some((i) => i.accessKey === v.trim()));
      return known ? { kind: 'forward', url: `${routed}${query}`, headers: actingWithKey(headers, MAIN.accessKey) } : FORWARD;
    }),
  },
  {
    id: 'windows-style-path-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router reads backslashes as slashes and drops trailing dots and ;parameters of segments',
    level: 'must',
    caughtBy: ['cross-wire-path-trailing-dot', 'cross-wire-path-path-parameter', 'cross-wire-path-backslash'],
    start: normalisingRouter(windowsStyle),
  },
  {
    id: '500-on-4-kib-session-key',
    deviation: 'answers 500 when application code gets an X-v3io-session-key of 4 KiB or more, while its parser (64 KiB limit) answers 431 to the 64 KiB value',
    level: 'must',
    caughtBy: ['cross-size-session-key-4-kib', 'cross-size-session-key-8-kib', 'cross-size-session-key-16-kib'],
    start: front(({ headers }) => (valuesNamed(headers, 'x-v3io-session-key').some((v) => v.length >= 4096) ? SERVER_ERROR('key buffer overflow') : FORWARD), {
      maxHeaderSize: 60 * 1024,
    }),
  },
  {
    id: '500-on-long-authorization',
    deviation: 'answers 500 when it decodes an Authorization value longer than 1.5 KiB into its fixed buffer, while its parser (64 KiB limit) answers 431 to 64 KiB',
    level: 'must',
    caughtBy: ['cross-size-basic-2-kib', 'cross-size-sigv4-2-kib', 'cross-size-sigv2-2-kib', 'cross-size-basic-8-kib'],
    start: front(({ headers }) => (valuesNamed(headers, 'authorization').some((v) => v.length > 1536) ? SERVER_ERROR('credential buffer overflow') : FORWARD), {
      maxHeaderSize: 60 * 1024,
    }),
  },
  {
    id: 'caches-credentials-per-connection',
    deviation: 'remembers the first accepted credentials of a keep-alive connection and authenticates every later request on it with them',
    level: 'must',
    caughtBy: ['cross-wire-valid-key-then-no-credentials', 'cross-wire-valid-key-then-changed-key', 'cross-wire-valid-basic-then-wrong-password', 'cross-wire-valid-basic-then-no-credentials', 'cross-wire-main-key-then-denied-key'],
    start: front(cachingPerConnection),
  },
  {
    id: 'memoises-basic-users',
    deviation: 'remembers the usernames that authenticated with Basic and accepts them later with any password',
    level: 'must',
    caughtBy: ['cross-wire-valid-basic-then-wrong-password'],
    start: (backendUrl) => startHttpFront(backendUrl, memoisingBasicUsers()),
  },
  {
    id: 'key-in-body',
    deviation: 'takes the access key from a form-encoded or JSON request body (access_key, AccessKey) when the headers carry none',
    level: 'must',
    caughtBy: ['cross-carrier-form-body', 'cross-carrier-json-body'],
    start: front(({ headers, body }) => {
      const key = hasCredentials(headers) ? undefined : keyInBody(body);
      return key ? { kind: 'forward', headers: actingWithKey(headers, key) } : FORWARD;
    }),
  },
  {
    id: 'authenticates-exact-function-names-only',
    deviation: 'authenticates only requests whose X-v3io-function it knows as spelt, while its router matches function names in any letter case',
    level: 'must',
    caughtBy: ['cross-function-lower-case', 'cross-function-upper-case'],
    start: front(({ headers }) => {
      const names = valuesNamed(headers, 'x-v3io-function').map((v) => v.trim());
      const [name] = names;
      if (names.length !== 1 || name === undefined || Object.hasOwn(V3IO_FUNCTIONS, name)) return FORWARD;
      const routed = FUNCTION_NAMES.get(name.toLowerCase());
      if (!routed) return FORWARD;
      return { kind: 'forward', headers: [...actingWithKey(withoutHeaders(headers, ['x-v3io-function']), MAIN.accessKey), ['X-v3io-function', routed]] };
    }),
  },
  {
    id: 'asterisk-target-as-root',
    deviation: 'reads the asterisk-form target (GET *) as the root path, which its authentication layer does not recognise as a resource to protect, and lists the containers',
    level: 'must',
    caughtBy: ['cross-wire-asterisk-form-get'],
    start: front(({ url, method, headers }) => (url === '*' && method !== 'OPTIONS' ? { kind: 'forward', url: '/', headers: actingWithKey(headers, MAIN.accessKey) } : FORWARD)),
  },
  {
    id: 'refuses-absolute-form',
    deviation: 'answers 400 to every absolute-form request target, valid credentials or not (RFC 9112 §3.2.2: a server must accept it)',
    level: 'should',
    caughtBy: ['cross-wire-absolute-form-valid-key'],
    start: front(({ url }) =>
      /^https?:\/\//i.test(url) ? { kind: 'answer', status: 400, contentType: 'application/json', body: '{"ErrorCode":-201326592,"ErrorMessage":"InvalidArgumentException"}' } : FORWARD,
    ),
  },
  {
    id: 'trace-before-authentication',
    deviation: 'answers TRACE itself before authentication, echoing the request (as web servers with TRACE enabled do)',
    level: 'must',
    caughtBy: ['cross-method-trace'],
    start: front((request) => (request.method === 'TRACE' ? traceEcho(request) : FORWARD)),
  },
];
