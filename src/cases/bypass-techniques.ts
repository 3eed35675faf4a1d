/**
 * The field's 403/401-bypass toolbox, judged: every technique of the default sets of nomore403,
 * byp4xx and 4-ZERO-3 (the lists are in bypass-payloads.ts, with their sources), sent to the
 * container listing without credentials and with a valid key of the identity without permission.
 * Those tools print status codes for a person to triage; here each attempt is a case with a
 * verdict. One family per technique class:
 *
 * - `bypass-method`: every method of the tools' lists on the listing;
 * - `bypass-method-case`: methods in another letter case (RFC 9110 §9.1: case-sensitive);
 * - `bypass-http-version`: HTTP/1.0 (with and without Host) and versions no server implements;
 * - `bypass-path-case`: the container's name in the other letter case;
 * - `bypass-end-path`: a suffix after the container's name (`..;/`, `%20`, `;`, `.json`, `?`, `#`, ...);
 * - `bypass-mid-path`: an insertion before it (`..;/`, `%2e/`, `;/`, `%ef%bc%8f`, ...);
 * - `bypass-client-address`: every client-address header with every address value, as the
 *   tools send them (one case per value with all the headers, one per header with 127.0.0.1);
 * - `bypass-host`: a Host line naming the server itself (also with a port, a trailing dot, in
 *   upper case), and two Host lines, the target's and `localhost`, in both orders;
 * - `bypass-url-override`: X-Original-URL and kin naming the container on a request for `/`;
 * - `bypass-simple-header`: a claimed method, port, scheme, content type, an empty body.
 *
 * All are wire cases: HTTP clients normalise paths, refuse lower-case or unregistered methods and
 * set their own Host and version. Levels (auth-requirements.md, "How a level is chosen"): MUST —
 * a deviation lets a request in without a valid credential of an identity with permission.
 * Refusing the technique itself (400, 404, 405, 501, 505, or closing the connection) is as good a
 * rejection. A request that does not name the listing canonically (a path spelling, another URL
 * in a header, another Host) is `letInOnEvidence`: its 2xx is a bypass when the answer shows the
 * container.
 */
import { EVERY_PROFILE, V3IO_ONLY, type Derivation, type WireCase, type WirePart } from './model.js';
import { OPERATIONS } from './operations.js';
import { CLOSE, END, HOST, OPERATION, header } from './wire.js';
import { wireCaseBuilder } from './case-builder.js';
import type { RequirementName } from './requirements.js';
import { SEED_HTTP_AUTH } from './credentials.js';
import { REQUEST_TARGET_CASES } from './request-targets.js';
import { IDENTITY_HEADER_CASES } from './identity-headers.js';
import {
  BYP4XX,
  CLIENT_ADDRESS_HEADERS,
  CLIENT_ADDRESSES,
  END_PATHS,
  FOUR_ZERO_3,
  HOST_SPELLINGS,
  HOST_VALUES,
  METHOD_CASINGS,
  METHOD_CASINGS_LONG_TAIL,
  METHODS,
  MID_PATHS_JOINED,
  MID_PATHS_SEGMENT,
  NOMORE403,
  SIMPLE_HEADERS,
  URL_OVERRIDE_HEADERS,
  VERSIONS,
} from './bypass-payloads.js';

const crossWire = wireCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['bypass-techniques'] });
const LISTING = OPERATIONS[OPERATION];
/** The listing's path after the container, query included: `/?max-keys=1`. */
const AFTER_CONTAINER = LISTING.path.slice('/{{container}}'.length);
const FORBIDDEN = 'RFC 9110 §15.5.4';
const UNAUTHORIZED = 'RFC 9110 §15.5.2';
const WSTG_AUTHORIZATION = 'OWASP WSTG 4.5.2 Testing for Bypassing Authorization Schema';

/** One technique: what it sends, and the statuses besides 401/403 that refuse it. */
interface Technique {
  readonly family: string;
  /** After `bypass-` in the id. */
  readonly name: string;
  /** Completes "whose …" / "with …" in titles. */
  readonly what: string;
  readonly requirement: RequirementName<'bypass-techniques'>;
  readonly sources: readonly string[];
  readonly method?: string;
  readonly target?: string;
  readonly version?: string;
  /** Header lines after Host (or instead of it, see `host`). */
  readonly headers?: readonly (readonly [string, string])[];
  /** The Host line's value, or the values of several Host lines in order; `null` for none. Default: the target's authority. */
  readonly host?: string | readonly string[] | null;
  readonly derive?: readonly Derivation[];
  readonly refusals: readonly number[];
  /** The request names the listing canonically: any 2xx lets it in. */
  readonly canonical: boolean;
  /**
   * One of the two cases only. `without-credentials`: the request does not ask for the container
   * (its name comes after a `?` or `#`, or only in a header, the request line asking for the list
   * of containers), which the denied identity may read (an empty list). `denied-key`: the case
   * without credentials is identity-headers.ts's.
   */
  readonly only?: 'without-credentials' | 'denied-key';
}

function parts(t: Technique, credential: readonly WirePart[]): readonly WirePart[] {
  const host = t.host === undefined ? [HOST] : t.host === null ? [] : (typeof t.host === 'string' ? [t.host] : t.host).map((value) => header('Host', value));
  return [
    { kind: 'request-line', method: t.method ?? LISTING.method, target: t.target ?? LISTING.path, ...(t.version ? { version: t.version } : {}) },
    ...host,
    ...credential,
    ...(t.headers ?? []).map(([name, value]) => header(name, value)),
    CLOSE,
    END,
  ];
}

/** The technique without credentials, and with the key of the identity without permission. */
function bothWays(t: Technique): readonly WireCase[] {
  const common = { family: t.family, requirement: t.requirement, ...(t.derive ? { derive: t.derive } : {}) } as const;
  // The listing's own method and target: a generic Basic server's protected URL takes the technique too.
  const plain = t.method === undefined && t.target === undefined;
  const onEvidence = t.canonical ? {} : { letInOnEvidence: true as const };
  const cases = [
    crossWire({
      ...common,
      profiles: plain ? EVERY_PROFILE : V3IO_ONLY,
      name: `bypass-${t.name}`,
      title: `rejects a request without credentials ${t.what}`,
      sources: [...t.sources, UNAUTHORIZED, SEED_HTTP_AUTH],
      parts: parts(t, []),
      expect: { outcome: 'reject', statuses: [401, ...t.refusals], ...onEvidence },
      validCredential: false,
    }),
    crossWire({
      ...common,
      // V3IO only: a generic Basic server has no permissions model.
      profiles: V3IO_ONLY,
      name: `bypass-${t.name}-denied-key`,
      title: `rejects a valid access key of an identity without permission ${t.what}`,
      sources: [...t.sources, FORBIDDEN, SEED_HTTP_AUTH],
      parts: parts(t, [header('X-v3io-session-key', '{{deniedAccessKey}}')]),
      requires: ['deniedAccessKey'],
      expect: { outcome: 'reject', statuses: [403, ...t.refusals], ...onEvidence },
      validCredential: true,
    }),
  ];
  return t.only === 'without-credentials' ? cases.slice(0, 1) : t.only === 'denied-key' ? cases.slice(1) : cases;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  '.': 'dot',
  '/': 'slash',
  ';': 'semi',
  '?': 'q',
  '#': 'hash',
  '\\': 'bslash',
  '&': 'amp',
  '~': 'tilde',
  '*': 'star',
  '=': 'eq',
  '-': 'dash',
};

/** A stable kebab-case name for a payload: `..;/` → `dot-dot-semi-slash`, `%2e` → `pct2e`. */
export function payloadSlug(payload: string): string {
  const tokens = payload.match(/%[0-9A-Fa-f]{2}|%|[A-Za-z0-9]+|./g) ?? [];
  return tokens
    .map((token) => {
      if (/^%[0-9A-Fa-f]{2}$/.test(token)) return `pct${token.slice(1).toLowerCase()}`;
      if (token === '%') return 'pct';
      if (/^[A-Za-z0-9]+$/.test(token)) return token.toLowerCase();
      const name = SYMBOLS[token];
      if (!name) throw new Error(`no slug for ${JSON.stringify(token)} in ${JSON.stringify(payload)}`);
      return name;
    })
    .join('-');
}

/** Targets other modules already send (request-targets.ts's path spellings): not sent twice. */
const SENT_ELSEWHERE: ReadonlySet<string> = new Set(
  REQUEST_TARGET_CASES.flatMap((c) => c.wire.parts.flatMap((p) => (p.kind === 'request-line' ? [p.target] : []))),
);

/** Path techniques: one per distinct target, in list order, none that another module sends. */
function pathTechniques(
  family: string,
  prefix: string,
  entries: readonly (readonly [payload: string, target: string])[],
  what: (payload: string) => string,
  sources: readonly string[],
  sentBefore: readonly Technique[] = [],
): Technique[] {
  const seen = new Set<string>([...SENT_ELSEWHERE, ...sentBefore.flatMap((t) => (t.target === undefined ? [] : [t.target]))]);
  const names = new Set<string>();
  const out: Technique[] = [];
  for (const [payload, target] of entries) {
    if (seen.has(target)) continue;
    seen.add(target);
    let name = `${prefix}-${payloadSlug(payload)}`;
    // Payloads that differ only in the letter case of a hex digit or a word (%0A, %0a/) keep both.
    while (names.has(name)) name = `${name}-alt`;
    names.add(name);
    const beforeContainer = target.slice(0, target.indexOf('{{container}}'));
    out.push({
      family,
      name,
      what: what(payload),
      requirement: 'pathSpelling',
      sources,
      target,
      refusals: [400, 404],
      canonical: false,
      ...(/[?#]/.test(beforeContainer) ? { only: 'without-credentials' as const } : {}),
    });
  }
  return out;
}

const shown = (payload: string): string => JSON.stringify(payload);

/** A header name in an id: `X-Forwarded-For` → `x-forwarded-for`, `CF-Connecting_IP` → `cf-connecting-underscore-ip`. */
const headerSlug = (name: string): string => name.toLowerCase().replace(/_/g, '-underscore-');

const END_PATH_TECHNIQUES = pathTechniques(
  'bypass-end-path',
  'end-path',
  END_PATHS.map((suffix) => [suffix, `/{{container}}${suffix}${suffix.endsWith('/') ? '' : '/'}${AFTER_CONTAINER.slice(1)}`]),
  (suffix) => `whose path puts ${shown(suffix)} after the container name`,
  [NOMORE403, BYP4XX, 'RFC 3986 §3.3', 'RFC 9110 §4.2.3', WSTG_AUTHORIZATION],
);

const MID_PATH_TECHNIQUES = pathTechniques(
  'bypass-mid-path',
  'mid-path',
  MID_PATHS_JOINED.map((mid) => [mid, `/${mid}{{container}}${AFTER_CONTAINER}`]),
  (mid) => `whose path puts ${shown(mid)} right before the container name`,
  [NOMORE403, BYP4XX, 'RFC 3986 §5.2.4', 'RFC 9110 §4.2.3', WSTG_AUTHORIZATION],
);

const PATH_CASE: Technique = {
  family: 'bypass-path-case',
  name: 'path-case-container',
  what: 'whose path spells the container name in the other letter case',
  requirement: 'pathCase',
  sources: [NOMORE403, BYP4XX, 'RFC 3986 §6.2.2.1', WSTG_AUTHORIZATION],
  target: `/{{otherCaseContainer}}${AFTER_CONTAINER}`,
  derive: [{ name: 'otherCaseContainer', from: '{{container}}', apply: [{ op: 'other-case' }] }],
  refusals: [400, 404],
  canonical: false,
};

const METHOD_TECHNIQUES: readonly Technique[] = METHODS.map((method) => ({
  family: 'bypass-method',
  name: `method-${method.toLowerCase()}`,
  what: `on the container listing by ${method}`,
  requirement: 'method',
  sources: [NOMORE403, BYP4XX, FOUR_ZERO_3, 'RFC 9110 §9.1', 'OWASP WSTG 4.2.6 Test HTTP Methods'],
  method,
  // 411: a method with a body may need its length first; 501: a method the server does not implement.
  refusals: [400, 404, 405, 411, 501],
  canonical: true,
}));

const methodCaseTechnique = (method: string): Technique => ({
  family: 'bypass-method-case',
  name: `method-case-${method.toLowerCase()}-${casing(method)}`,
  what: `on the container listing by the method ${method} (method names are case-sensitive)`,
  requirement: 'methodCase',
  sources: [NOMORE403, BYP4XX, 'RFC 9110 §9.1', 'RFC 9112 §3.1'],
  method,
  refusals: [400, 404, 405, 411, 501],
  canonical: true,
});

const METHOD_CASE_TECHNIQUES: readonly Technique[] = METHOD_CASINGS.map(methodCaseTechnique);

/** How a method is spelt, for its id: `get` lower, `Get` capitalised, `gET` inverted. */
function casing(method: string): string {
  if (method === method.toLowerCase()) return 'lower';
  const [first = '', rest] = [method.slice(0, 1), method.slice(1)];
  if (first === first.toUpperCase() && rest === rest.toLowerCase()) return 'capitalised';
  if (first === first.toLowerCase() && rest === rest.toUpperCase()) return 'inverted';
  throw new Error(`no casing name for ${method}`);
}

const VERSION_TECHNIQUES: readonly Technique[] = VERSIONS.map(([id, version, withHost]) => ({
  family: 'bypass-http-version',
  name: `version-${id}`,
  what: `whose request line names ${version}${withHost ? '' : ' and that has no Host line'}`,
  requirement: 'httpVersion',
  sources: [NOMORE403, FOUR_ZERO_3, 'RFC 9112 §2.3', 'RFC 9110 §6.2'],
  version,
  ...(withHost ? {} : { host: null }),
  refusals: [400, 505],
  canonical: true,
}));

/** The headers identity-headers.ts already sends with 127.0.0.1 and no credentials (its source-header cases). */
const LOOPBACK_SOURCE_CASES: ReadonlySet<string> = new Set(
  IDENTITY_HEADER_CASES.filter((c) => c.family === 'forwarded-source').flatMap((c) => c.request.headers.filter(([, value]) => value === '127.0.0.1').map(([name]) => name.toLowerCase())),
);

const CLIENT_ADDRESS_SOURCES = [NOMORE403, BYP4XX, FOUR_ZERO_3, 'RFC 7239 §5.2', 'OWASP Authentication Cheat Sheet'];

const ADDRESS_TECHNIQUES: readonly Technique[] = [
  ...CLIENT_ADDRESSES.map(([id, value]): Technique => ({
    family: 'bypass-client-address',
    name: `address-${id}`,
    what: `that names ${shown(value)} in every client-address header (X-Forwarded-For, True-Client-IP, X-Remote-Addr, ...)`,
    requirement: 'clientAddress',
    sources: CLIENT_ADDRESS_SOURCES,
    headers: CLIENT_ADDRESS_HEADERS.map((name) => [name, value]),
    refusals: [400],
    canonical: true,
  })),
  ...CLIENT_ADDRESS_HEADERS.map((name): Technique => ({
    family: 'bypass-client-address',
    name: `address-header-${headerSlug(name)}`,
    what: `that names 127.0.0.1 in ${name}`,
    requirement: 'clientAddress',
    sources: CLIENT_ADDRESS_SOURCES,
    headers: [[name, '127.0.0.1']],
    refusals: [400],
    canonical: true,
    ...(LOOPBACK_SOURCE_CASES.has(name.toLowerCase()) ? { only: 'denied-key' as const } : {}),
  })),
];

// 421: a server that serves no such authority (RFC 9110 §15.5.20); 404: a virtual host without the path.
const HOST_REFUSALS = [400, 404, 421];

const HOST_TECHNIQUES: readonly Technique[] = HOST_VALUES.map(([id, value]) => ({
  family: 'bypass-host',
  name: `host-${id}`,
  what: `whose Host line names ${value}`,
  requirement: 'host',
  sources: [NOMORE403, 'RFC 9110 §7.2', 'RFC 9110 §7.4'],
  host: value,
  refusals: HOST_REFUSALS,
  canonical: false,
}));

/** Other spellings of a Host of its own: another port, a trailing dot (RFC 1034 §3.1), upper case (RFC 3986 §3.2.2). */
const HOST_SPELLING_TECHNIQUES: readonly Technique[] = HOST_SPELLINGS.map(([id, value]) => ({
  family: 'bypass-host',
  name: `host-${id}`,
  what: `whose Host line names ${value}`,
  requirement: 'host',
  sources: [NOMORE403, 'RFC 9110 §7.2', 'RFC 9110 §7.4', 'RFC 3986 §3.2.2'],
  host: value,
  refusals: HOST_REFUSALS,
  canonical: false,
}));

/**
 * Two Host lines, the target's own and `localhost`, in both orders: a front that reads one and a
 * router that reads the other. RFC 9112 §3.2 has a server answer 400; only a 2xx showing the
 * container is judged a bypass, any refusal passes.
 */
const TWO_HOST_TECHNIQUES: readonly Technique[] = [
  ['two-lines-own-then-localhost', ['{{host}}', 'localhost'], 'its own authority then localhost'],
  ['two-lines-localhost-then-own', ['localhost', '{{host}}'], 'localhost then its own authority'],
].map(([id, values, order]) => ({
  family: 'bypass-host',
  name: `host-${id as string}`,
  what: `with two Host lines, ${order as string}`,
  requirement: 'host',
  sources: [NOMORE403, 'RFC 9110 §7.2', 'RFC 9112 §3.2'],
  host: values as readonly string[],
  refusals: HOST_REFUSALS,
  canonical: false,
}));

/** A request for `/` (the list of containers, which needs a credential too) whose header names the container's listing. */
const URL_OVERRIDE_TECHNIQUES: readonly Technique[] = URL_OVERRIDE_HEADERS.map((name) => ({
  family: 'bypass-url-override',
  name: `url-override-${headerSlug(name)}`,
  what: `for / whose ${name} header names the container listing`,
  requirement: 'urlOverride',
  sources: [NOMORE403, BYP4XX, FOUR_ZERO_3, WSTG_AUTHORIZATION],
  target: '/',
  headers: [[name, LISTING.path]],
  refusals: [400, 404],
  canonical: false,
  only: 'without-credentials',
}));

const SIMPLE_HEADER_TECHNIQUES: readonly Technique[] = SIMPLE_HEADERS.map(([name, value]) => ({
  family: 'bypass-simple-header',
  name: `header-${headerSlug(name)}-${payloadSlug(value)}`,
  what: `on the container listing with ${name}: ${value}`,
  requirement: 'simpleHeader',
  sources: [NOMORE403, FOUR_ZERO_3, 'RFC 9110 §9.1', WSTG_AUTHORIZATION],
  headers: [[name, value]],
  refusals: [400, 415],
  canonical: true,
}));

/** byp4xx's middle paths as a segment of their own, those whose target the default set does not send. */
const MID_SEGMENT_TECHNIQUES = pathTechniques(
  'bypass-mid-path',
  'mid-segment',
  MID_PATHS_SEGMENT.map((mid) => [mid, `/${mid}/{{container}}${AFTER_CONTAINER}`]),
  (mid) => `whose path puts ${shown(mid)} as a segment before the container`,
  [BYP4XX, 'RFC 3986 §5.2.4', 'RFC 9110 §4.2.3', WSTG_AUTHORIZATION],
  [...END_PATH_TECHNIQUES, ...MID_PATH_TECHNIQUES],
);

/**
 * The long tail, not in the catalogue: `run --bypass full` adds it (index.ts, docs/ci.md). It
 * holds no technique class the catalogue's cases leave out, at about 0.4 s of a native run.
 */
export const BYPASS_LONG_TAIL_CASES: readonly WireCase[] = [...METHOD_CASINGS_LONG_TAIL.map(methodCaseTechnique).flatMap(bothWays), ...MID_SEGMENT_TECHNIQUES.flatMap(bothWays)];

export const BYPASS_TECHNIQUE_CASES: readonly WireCase[] = [
  ...METHOD_TECHNIQUES.flatMap(bothWays),
  ...METHOD_CASE_TECHNIQUES.flatMap(bothWays),
  ...VERSION_TECHNIQUES.flatMap(bothWays),
  ...bothWays(PATH_CASE),
  ...END_PATH_TECHNIQUES.flatMap(bothWays),
  ...MID_PATH_TECHNIQUES.flatMap(bothWays),
  ...ADDRESS_TECHNIQUES.flatMap(bothWays),
  ...HOST_TECHNIQUES.flatMap(bothWays),
  ...HOST_SPELLING_TECHNIQUES.flatMap(bothWays),
  ...TWO_HOST_TECHNIQUES.flatMap(bothWays),
  ...URL_OVERRIDE_TECHNIQUES.flatMap(bothWays),
  ...SIMPLE_HEADER_TECHNIQUES.flatMap(bothWays),
];
