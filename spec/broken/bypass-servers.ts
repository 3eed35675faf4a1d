/**
 * Broken servers for the bypass toolbox (src/cases/bypass-techniques.ts), one per technique class:
 * each is a raw-socket front (wire-servers.ts) with an access-control layer of its own that reads
 * the request as written, in front of a router that reads it another way — the bugs the
 * 403-bypass tools were written to find. What the layer lets through goes to the correct
 * reference as the main identity (the router serves it); everything else is forwarded unchanged.
 *
 * Raw sockets, because several of these requests (a lower-case or unregistered method, HTTP/1.0
 * without Host) never get past Node's HTTP parser, which a node:http front would put first.
 */
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import type { BrokenWireServer, FrontAction } from './wire-servers.js';

const MAIN_KEY = REFERENCE_IDENTITIES.main.accessKey;
const PROTECTED = `/${REFERENCE_CONTAINER}`;

interface Head {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  /** The header lines as received, without their CRLF. */
  readonly lines: readonly string[];
}

function parseHead(head: string): Head {
  const [requestLine = '', ...lines] = head.slice(0, -4).split('\r\n');
  const [method = '', target = '', version = ''] = requestLine.split(' ');
  return { method, target, version, lines };
}

function valueOf(head: Head, name: string): string | undefined {
  const line = head.lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

const forward = (head: string): FrontAction => ({ kind: 'forward', head });

/**
 * What the router makes of a request the access layer let through: served as the main identity,
 * by `method` on `target` over HTTP/1.1 (with a Host line, which the reference's parser needs).
 */
function served(head: Head, rewrite: { readonly method?: string; readonly target?: string } = {}): FrontAction {
  const lines = head.lines.filter((l) => !/^(x-v3io-session-key|authorization)[ \t]*:/i.test(l));
  if (!lines.some((l) => /^host[ \t]*:/i.test(l))) lines.unshift('Host: 127.0.0.1');
  return forward(`${[`${rewrite.method ?? head.method} ${rewrite.target ?? head.target} HTTP/1.1`, ...lines, `X-v3io-session-key: ${MAIN_KEY}`].join('\r\n')}\r\n\r\n`);
}

const pathOf = (target: string): string => target.split('?')[0] ?? '';
const queryOf = (target: string): string => (target.includes('?') ? target.slice(target.indexOf('?')) : '');
/** The access layer's rule: a path spelt `/<container>` or `/<container>/…` is protected. */
const isProtected = (path: string): boolean => path === PROTECTED || path.startsWith(`${PROTECTED}/`);

/** A layer that protects paths as spelt, before a router that reads them `normalise`d. */
function pathRouter(normalise: (path: string) => string): (raw: string) => FrontAction {
  return (raw) => {
    const head = parseHead(raw);
    const path = pathOf(head.target);
    if (!path.startsWith('/') || isProtected(path)) return forward(raw);
    const routed = normalise(path);
    return isProtected(routed) ? served(head, { target: `${routed}${queryOf(head.target)}` }) : forward(raw);
  };
}

function resolveDots(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Tomcat's reading: `;parameters` dropped from every segment, then dot segments resolved. */
const tomcatStyle = (path: string): string => resolveDots(path.split('/').map((segment) => segment.replace(/;.*$/, '')).join('/'));

/**
 * A Spring-MVC-style reading of the first segment: surrounding whitespace trimmed once decoded
 * (AntPathMatcher's trimTokens, CVE-2016-5007) and a file extension dropped (suffix pattern match).
 */
function suffixStripping(path: string): string {
  const [, first = '', ...rest] = path.split('/');
  // Whitespace as Java's Character.isWhitespace has it, percent-encoded; nothing else decoded.
  const name = first.replace(/%(09|0a|0b|0c|0d|1c|1d|1e|1f|20)/gi, ' ').trim().replace(/\.(json|xml|html|htm|php|asp|aspx|jsp|do|action|css|js)$/i, '');
  return ['', name, ...rest].join('/');
}

/** Decoded twice, NFKC-normalised (the full-width solidus is `/`), dot segments resolved, slashes merged. */
const doubleDecodingUnicode = (path: string): string => resolveDots(decoded(decoded(path)).normalize('NFKC').replace(/\/{2,}/g, '/'));

/** An IPv4 address as inet_aton reads it (octal, hex, decimal, one to four parts), or undefined. */
function inetAton(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const numbers = parts.map((p) => (/^0x[0-9a-f]+$/i.test(p) ? parseInt(p, 16) : /^0[0-7]*$/.test(p) ? parseInt(p || '0', 8) : /^[1-9][0-9]*$/.test(p) ? parseInt(p, 10) : NaN));
  if (numbers.some((n) => Number.isNaN(n))) return undefined;
  const last = numbers.pop()!;
  const value = numbers.reduce((acc, n, i) => acc + n * 2 ** (24 - 8 * i), 0) + last;
  return value <= 0xffffffff ? value : undefined;
}

/** A Host value's name: port and trailing dot dropped, lower-cased. */
const hostName = (value: string): string => value.trim().replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();

/** Loopback or private (RFC 1918), in any spelling inet_aton or an IPv6 parser accepts; the first of a list. */
function isInternal(value: string): boolean {
  const first = (value.split(',')[0] ?? '').trim().replace(/^\[|\]$/g, '').replace(/:\d+$/, '');
  if (first === 'localhost' || first === '::1') return true;
  const v4 = inetAton(first.replace(/^::ffff:/i, ''));
  if (v4 === undefined) return false;
  const a = v4 >>> 24;
  const b = (v4 >>> 16) & 0xff;
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

// Not the headers of trusts-loopback-source (X-Forwarded-For, X-Real-IP, Forwarded, X-Client-IP) nor X-Originating-IP, which older cases send.
const ADDRESS_HEADERS = ['true-client-ip', 'x-remote-addr', 'x-remote-ip', 'x-custom-ip-authorization', 'cluster-client-ip', 'cf-connecting-ip', 'x-true-ip'];
/** Methods the layer authenticates (as an Apache Limit section does); the handler serves any. */
const AUTHENTICATED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
const id = (name: string): string => `cross-wire-bypass-${name}`;
const both = (...names: string[]): string[] => names.flatMap((name) => [id(name), id(`${name}-denied-key`)]);

export const BYPASS_BROKEN_SERVERS: readonly BrokenWireServer[] = [
  {
    id: 'authenticates-listed-methods-only',
    deviation: 'authenticates only GET, HEAD, POST, PUT, DELETE and OPTIONS (as an Apache Limit section does) while its handler serves any method as a read: PATCH or an unregistered method lists the container',
    level: 'must',
    caughtBy: both('method-patch', 'method-pouet', 'method-v3ioauthconformance'),
    grep: 'bypass-method-',
    onHead: (raw) => {
      const head = parseHead(raw);
      return /^[A-Z0-9-]+$/.test(head.method) && !AUTHENTICATED_METHODS.has(head.method) && head.method !== 'CONNECT' ? served(head, { method: 'GET' }) : forward(raw);
    },
  },
  {
    id: 'method-case-folding-router',
    deviation: 'matches protected methods as spelt (GET) while its router folds the method to upper case: Get or gET lists the container without authentication',
    level: 'must',
    caughtBy: [...both('method-case-get-capitalised', 'method-case-get-inverted'), 'cross-wire-lower-case-method-without-credentials'],
    grep: 'method-case|lower-case-method',
    onHead: (raw) => {
      const head = parseHead(raw);
      const upper = head.method.toUpperCase();
      return head.method !== upper && AUTHENTICATED_METHODS.has(upper) ? served(head, { method: upper }) : forward(raw);
    },
  },
  {
    id: 'http-1-0-skips-authentication',
    deviation: 'runs its authentication only for HTTP/1.1 requests: an HTTP/1.0 request, with or without Host, lists the container',
    level: 'must',
    caughtBy: both('version-http-1-0', 'version-http-1-0-without-host'),
    grep: 'bypass-version',
    onHead: (raw) => {
      const head = parseHead(raw);
      return head.version === 'HTTP/1.0' ? served(head) : forward(raw);
    },
  },
  {
    id: 'path-case-insensitive-router',
    deviation: 'protects the paths spelt /<container>/… while its router matches paths in any letter case (as IIS and case-insensitive Spring routes do): /BIGDATA/ lists the container',
    level: 'must',
    caughtBy: both('path-case-container'),
    grep: 'bypass-path-case',
    onHead: pathRouter((path) => path.toLowerCase()),
  },
  {
    id: 'tomcat-path-parameters-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router, as Tomcat does, drops ;parameters from every segment before it resolves dot segments: /..;/<container>/ and /<container>;.css/ list the container',
    level: 'must',
    caughtBy: both('mid-path-dot-dot-semi-slash', 'end-path-semi-slash', 'end-path-semi-dot-css', 'end-path-semi-pct2f-dot-dot-pct2f-dot-dot-pct2f'),
    grep: 'bypass-(mid|end)-path',
    onHead: pathRouter(tomcatStyle),
  },
  {
    id: 'strips-suffix-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router trims encoded whitespace from a segment and drops a file extension (Spring MVC suffix matching, CVE-2016-5007): /<container>%20/ and /<container>.json/ list the container',
    level: 'must',
    caughtBy: both('end-path-pct20', 'end-path-pct09', 'end-path-dot-json', 'end-path-dot-html'),
    grep: 'bypass-end-path',
    onHead: pathRouter(suffixStripping),
  },
  {
    id: 'double-decodes-path-after-authentication',
    deviation: 'protects the paths spelt /<container>/… while its router percent-decodes the path twice and normalises it to NFKC (a full-width solidus becomes /) before it resolves it: /%ef%bc%8f<container>/ and //%252e/<container>/ list the container',
    level: 'must',
    caughtBy: both('mid-path-pctef-pctbc-pct8f', 'mid-path-slash-slash-pct25-2e-slash', 'mid-path-slash-pct25-2e-pct25-2e-slash'),
    grep: 'bypass-mid-path',
    onHead: pathRouter(doubleDecodingUnicode),
  },
  {
    id: 'trusts-internal-address-headers',
    deviation:
      'lets in, as internal traffic, a request whose True-Client-IP, X-Remote-Addr, X-Remote-IP, X-Custom-IP-Authorization, Cluster-Client-IP, CF-Connecting-IP or X-True-IP names a loopback or private address, in any spelling inet_aton reads (0x7F000001, 2130706433, 0177.1, 127.1)',
    level: 'must',
    caughtBy: [
      ...both('address-hex-loopback', 'address-decimal-loopback', 'address-short-octal-loopback', 'address-10-0-0-1', 'address-192-168-1-1'),
      ...both('address-header-true-client-ip', 'address-header-x-remote-addr', 'address-header-x-custom-ip-authorization'),
    ],
    grep: 'bypass-address',
    onHead: (raw) => {
      const head = parseHead(raw);
      return ADDRESS_HEADERS.some((name) => isInternal(valueOf(head, name) ?? '')) ? served(head) : forward(raw);
    },
  },
  {
    id: 'trusts-localhost-host',
    deviation: 'lets in a request whose Host line names the server itself (localhost, 127.0.0.1, [::1]), taking it for a local health check',
    level: 'must',
    caughtBy: both('host-localhost', 'host-127-0-0-1', 'host-ipv6-loopback'),
    grep: 'bypass-host',
    onHead: (raw) => {
      const head = parseHead(raw);
      // The exact value, port-less: what a health check on the default port sends.
      const host = valueOf(head, 'host') ?? '';
      return ['localhost', '127.0.0.1', '[::1]'].includes(host) ? served(head) : forward(raw);
    },
  },
  {
    id: 'trusts-any-localhost-host',
    deviation: 'lets in a request any of whose Host lines names localhost once its port and trailing dot are dropped and its case folded (a health check its router matches leniently), even beside its public name',
    level: 'must',
    caughtBy: both('host-two-lines-own-then-localhost', 'host-two-lines-localhost-then-own', 'host-localhost-port-8080', 'host-localhost-trailing-dot', 'host-localhost-upper-case'),
    grep: 'bypass-host',
    onHead: (raw) => {
      const head = parseHead(raw);
      const names = head.lines.filter((l) => /^host[ \t]*:/i.test(l)).map((l) => hostName(l.slice(l.indexOf(':') + 1)));
      return names.includes('localhost') ? served(head) : forward(raw);
    },
  },
  {
    id: 'routes-by-x-original-url',
    deviation: 'protects the paths spelt /<container>/… in the request line while its router serves the path of X-Original-URL or X-Rewrite-URL when there is one (IIS URL Rewrite, Symfony)',
    level: 'must',
    caughtBy: [id('url-override-x-original-url'), id('url-override-x-rewrite-url')],
    grep: 'bypass-url-override',
    onHead: (raw) => {
      const head = parseHead(raw);
      const override = valueOf(head, 'x-original-url') ?? valueOf(head, 'x-rewrite-url');
      return override !== undefined && !isProtected(pathOf(head.target)) && isProtected(pathOf(override)) ? served(head, { target: override }) : forward(raw);
    },
  },
  {
    id: 'trusts-internal-forwarded-port',
    deviation: 'skips authentication when X-Forwarded-Port names its internal listener (8080 or 8443), which it takes for traffic that did not come through the public one',
    level: 'must',
    caughtBy: both('header-x-forwarded-port-8080', 'header-x-forwarded-port-8443'),
    grep: 'bypass-header',
    onHead: (raw) => {
      const head = parseHead(raw);
      return ['8080', '8443'].includes(valueOf(head, 'x-forwarded-port') ?? '') ? served(head) : forward(raw);
    },
  },
];
