/**
 * What the field's 403/401-bypass tools send, as data: the methods, the path suffixes and
 * insertions, the client-address headers and values, the other headers and the HTTP versions of
 * their default sets. Each list names the tools it comes from; the lists are written here, not
 * copied (the tools' files hold noise such as blank lines, duplicates in another letter case and
 * headers that only route, which go to lists of their own below).
 *
 * - devploit/nomore403 (payloads/httpmethods, headers, ips, simpleheaders, endpaths, midpaths;
 *   techniques verbs, verbs-case, headers, endpaths, midpaths, http-versions, path-case);
 * - lobuhi/byp4xx (templates/verbs, headers, ip, endpaths, midpaths; its "bug bounty tips");
 * - Dheerajmadhukar/4-ZERO-3 (403-bypass.sh: header values with a second address after the
 *   first, X-Forwarded-Scheme, Content-Length: 0, --http1.0);
 * - the 403-bypass checklists (HackTricks "403 & 401 Bypasses", OWASP WSTG 4.5.2 Testing for
 *   Bypassing Authorization Schema), whose entries the tools above already hold.
 */

export const NOMORE403 = 'GitHub devploit/nomore403';
export const BYP4XX = 'GitHub lobuhi/byp4xx';
export const FOUR_ZERO_3 = 'GitHub Dheerajmadhukar/4-ZERO-3';

/**
 * Methods (nomore403 httpmethods, byp4xx verbs, 4-ZERO-3), and those of the WebDAV, DeltaV and
 * CalDAV registries the tools leave out. Not here: GET (the canonical request), HEAD (every
 * operation's HEAD cases; a HEAD answer has no body to judge) and OPTIONS (a CORS preflight may be
 * answered without credentials, threat-model row 2.4).
 */
export const METHODS: readonly string[] = [
  // nomore403 payloads/httpmethods.
  'CONNECT', 'COPY', 'DELETE', 'LABEL', 'LOCK', 'MOVE', 'PATCH', 'POST', 'POUET', 'PUT', 'TRACE', 'TRACK', 'UNCHECKOUT', 'UPDATE', 'VERSION-CONTROL',
  // byp4xx templates/verbs beyond those.
  'PURGE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'UNLOCK', 'REPORT', 'CHECKOUT', 'CHECKIN', 'MKWORKSPACE', 'MERGE', 'BASELINE-CONTROL', 'MKACTIVITY', 'ORDERPATCH', 'ACL', 'SEARCH', 'ARBITRARY',
  'BIND', 'LINK', 'MKCALENDAR', 'MKREDIRECTREF', 'PRI', 'QUERY', 'REBIND', 'UNBIND', 'UNLINK', 'UPDATEREDIRECTREF',
  // Not in the tools' lists: IIS's DEBUG, and a method no registry has.
  'DEBUG', 'V3IOAUTHCONFORMANCE',
];

/**
 * Methods in another letter case (nomore403 verbs-case: random casings of each method; byp4xx:
 * every method of its list in lower case): the methods a V3IO server implements, and PATCH, in
 * lower case and in two mixed casings (`get` alone is request-targets.ts's). The lower case of the
 * methods it does not implement is in the long tail (`METHOD_CASINGS_LONG_TAIL`): a router that
 * folds the case of those still finds no handler.
 */
export const METHOD_CASINGS: readonly string[] = [
  'Get', 'gET', 'post', 'Post', 'pOST', 'put', 'Put', 'pUT', 'patch', 'Patch', 'pATCH', 'delete', 'Delete', 'dELETE',
];

/**
 * Protocol versions in the request line (nomore403 http-versions: HTTP/1.0 and HTTP/2 through
 * curl; 4-ZERO-3 --http1.0), and versions no server implements, in the spellings RFC 9112 §2.3
 * rules out. No request line without a version (HTTP/0.9): a server may answer it the HTTP/0.9
 * way, a body without a status line, which no judge can read.
 */
export const VERSIONS: readonly (readonly [id: string, version: string, withHost: boolean])[] = [
  ['http-1-0', 'HTTP/1.0', true],
  ['http-1-0-without-host', 'HTTP/1.0', false],
  ['http-0-9', 'HTTP/0.9', false],
  ['http-1-2', 'HTTP/1.2', true],
  ['http-2-0', 'HTTP/2.0', true],
  ['http-2', 'HTTP/2', true],
  ['http-3-0', 'HTTP/3.0', true],
  ['lower-case-protocol', 'http/1.1', true],
];

/**
 * Suffixes after the container's name (nomore403 endpaths, byp4xx endpaths and its "bug bounty
 * tips" `?`, `??`), in the tools' order; those that hold a space are sent percent-encoded.
 * Placed where a prefix rule on `/<container>/` stops matching: `/<container><suffix>/`.
 */
export const END_PATHS: readonly string[] = [
  // nomore403 payloads/endpaths.
  '?', '??', '/', '//', '/.', '/./', '/..;/', '..\\;/', '..;/', '~', '%00', '%09', '%0A', '%0D', '%20', '%20/', '%25', '%23', '%26', '%3f', '&', '.', '..', '..;', '..\\;', './', '.css',
  '.html', '.json', '.php', '.svc', '.svc?wsdl', '.wsdl', '???', '?WSDL', '?debug=1', '?debug=true', '?param', '?testparam', '\\/\\/', '/..%3B/', '/*', ';%2f..%2f..%2f', '?&', ';/',
  '%0b', '%0c', '%1f', '%00/', '%09/', '%0a/', '%0d%0a', '.xml', '.asp', '.aspx', '.jsp', '.do', '.action', '.bak', '.orig', ';.css', ';.js', ';.png', ';.ico', ';.svg', '%3Ffoo.php',
  '%3F.php', '%23foo',
  // byp4xx templates/endpaths beyond those (its `°/` sent as the UTF-8 bytes, percent-encoded).
  '%C2%B0/', '#', '#/', '#/./', '#test', '%61', '-', '0', '1', 'debug', 'false', 'null', 'true',
  // The 403-bypass checklists: a path parameter alone, and the nul byte's other spelling.
  ';', '%2500',
];

/**
 * Insertions before the container's name, between the slash and the name (`/<mid><container>/`):
 * nomore403 payloads/midpaths, which hold the entries of byp4xx templates/midpaths written without
 * their trailing slash, and byp4xx's "bug bounty tips" `%2e` and the full-width solidus U+FF0F
 * (`%ef%bc%8f`), which a Unicode-normalising router reads as `/`. byp4xx's placement (the entry as
 * a segment of its own, `/<mid>/<container>/`) is in the long tail (`MID_PATHS_SEGMENT`).
 */
export const MID_PATHS_JOINED: readonly string[] = [
  '%', '%09', '%09%3b', '%09..', '%09;', '%20', '%20/', '%23', '%23%3f', '%252f%252f', '%252f/', '%26', '%2e', '%2e%2e', '%2e%2e%2f', '%2e%2e/', '%2e/', '%2f', '%2f%20%23', '%2f%23',
  '%2f%2f', '%2f%3b%2f', '%2f%3f', '%2f/', '%3b', '%3b%09', '%3b%2f%2e%2e', '%3b%2f%2e.', '%3b%2f..', '%3b/%2e.', '%3b/..', '%3b//%2f../', '%3f', '%3f%23', '%3f%3f', '&', '.%2e/', '..',
  '..%00/', '..%00;/', '..%09', '..%0d/', '..%2f', '..%3B', '..%5c', '..%5c/', '..%ff', '..%ff;/', '../', '.././', '..;', '..;%00/', '..;%0d/', '..;%ff/', '..;/', '..;\\;', '..;\\\\', '..\\;',
  '..\\\\', './', './.', './/./', '.;/', '.\\;/', '.html', '.json', '/', '/%20#', '/%20%23', '/%252e%252e%252f/', '/%252e%252e%253b/', '/%252e/', '/%252f', '/%2e%2e', '/%2e%2e%3b/', '/%2e%2e/',
  '/%2e%3b/', '/%2e/', '/%2f', '/%3b/', '/*', '/*/', '/.', '/..', '/..%2f', '/./..%2f', '/..%2f..%2f', '/..%252F', '/../', '/../../', '/../..;/', '/.././../', '/../.;/../', '/..//', '/..//../',
  '/../;/', '/..;%2f', '/..;/', '/..;/../', '/..;/..;/', '/..;//', '/..;/;/', '/./', '/.//', '/.;/', '/.;//', '/.randomstring', '//', '//.', '//..', '//../../', '//..;', '//./', '//.;/', '///..',
  '///../', '///..;/', '////', '//;/', '//?anything', '/;/', '/;//', '/;x', '/;x/', '/x/../', '/x/..;/', '/x/;/../', ';', ';%09', ';%09..', ';%09;', ';%2f%2e%2e', ';%2f..', ';%2f..%2f/',
  ';%2f..%2f/../', ';%2f..//..%2f', ';%2f..//../', ';%2f..;///', ';%2f..;//;/', ';%2f//..%2f', ';%2f/;/../', ';/%2e%2e', ';/%2e%2e%2f/', ';/%2e%2e/', ';/%2e.', ';/.%2e', ';/..', ';/..%2f',
  ';/..%2f..%2f', ';/../', ';/../../', ';/.././../', ';/../.;/../', ';/..//', ';/..//../', ';/../;/', ';/..;', ';/.;.', ';//..', ';//../../', ';///..', ';foo=bar/', ';x', ';x/', ';x;', '?',
  '??', '???', '\\..\\.\\', '\\', '\\\\', '\\..\\', '\\..\\\\', '%5c', '%5c..%5c', '..%5c..%5c', '//%252e/', '//%252e%252e/', '/%252e%252e/',
  // byp4xx's bug bounty tips.
  '%ef%bc%8f',
];

/**
 * The long tail, sent with `run --bypass full` only (docs/ci.md): about 0.4 s more for a native run
 * against `serve`, for no technique class the default set leaves out (docs/running.md).
 *
 * byp4xx templates/midpaths as a segment of their own (`/<mid>/<container>/`), those whose entry
 * the default set does not already send.
 */
export const MID_PATHS_SEGMENT: readonly string[] = [
  '#', '#?', '%20#', '%20%20', '%20%23', '%252e', '%252e%252e%252f', '%252e%252e%253b', '%252e%252f', '%252e%253b', '%252f', '%2e%2e%3b', '%2e%2f', '%2e%3b', '%2e%3b/', '%2f%3b%2f%2f',
  '%3b%2f%2e%2e%2f%2e%2e%2f%2f', '%3b/%2e%2e/..%2f%2f', '%3b/%2f%2f..', '%3b//%2f..', '*', '.', '.%2e', '..%00', '..%00/;', '..%00;', '..%0d', '..%0d/;', '..%0d;', '..%2f..%2f', '..%2f..%2f..%2f',
  '..%ff/;', '..%ff;', '../.', '../..', '../../', '../../..', '../../../', '../..//..', '../..;', '.././..', '../.;/..', '..//..', '..//../..', '..//..;', '../;', '../;/..', '..;%00', '..;%0d',
  '..;%2f', '..;%2f..;%2f', '..;%2f..;%2f..;%2f', '..;%ff', '..;/..', '..;/..;', '..;//..', '..;//..;', '..;/;', '..;/;/..;', './/.', '.;', '.\\;', '.randomstring', '/../..', '/..;', '/.;', '//../',
  '//..;/', '/;', '/?anything', ';%09..;', ';%2f%2e%2e%2f%2e%2e%2f%2f', ';%2f%2f/..', ';%2f..%2f', ';%2f..%2f%2e%2e%2f%2f', ';%2f..%2f..%2f%2f', ';%2f..%2f/..', ';%2f..%2f/..%2f', ';%2f../%2f..',
  ';%2f../%2f..%2f', ';%2f..//', ';%2f..//..', ';%2f..///;', ';%2f..//;', ';%2f..//;/;', ';%2f../;/', ';%2f../;/;', ';%2f../;/;/;', ';%2f..;//', ';%2f..;//;', ';%2f..;/;/', ';%2f/%2f..',
  ';%2f//..', ';%2f//..;', ';%2f/;/..', ';%2f/;/..;', ';%2f;//..', ';%2f;/;/..;', ';/', ';/%2e%2e%2f', ';/%2e%2e%2f%2f', ';/%2f%2f..', ';/%2f/..', ';/%2f/..%2f', ';/.%2e/%2e%2e/%2f', ';/..%2f%2f..',
  ';/..%2f/', ';/../%2f', ';/../..', ';/.././..', ';/../.;/..', ';/..//%2e%2e', ';/..//%2f', ';/..//..', ';/../;', ';/../;/..', ';//%2f..', ';//../..', ';///../', ';foo=bar', 'x/..', 'x/../',
  'x/../;', 'x/..;', 'x/..;/', 'x/..;/;', 'x//..', 'x//..;', 'x/;/..', 'x/;/..;',
];

/** byp4xx templates/verbs in lower case, those the default set does not send in another case. */
export const METHOD_CASINGS_LONG_TAIL: readonly string[] = [
  'connect', 'copy', 'label', 'lock', 'move', 'pouet', 'trace', 'track', 'uncheckout', 'update', 'version-control', 'purge', 'propfind', 'proppatch', 'mkcol', 'unlock', 'report', 'checkout',
  'checkin', 'mkworkspace', 'merge', 'baseline-control', 'mkactivity', 'orderpatch', 'acl', 'search', 'arbitrary', 'bind', 'link', 'mkcalendar', 'mkredirectref', 'pri', 'query', 'rebind',
  'unbind', 'unlink', 'updateredirectref',
];

/**
 * Headers that name the client's address, or a host or URL the request came from or through
 * (nomore403 payloads/headers, byp4xx templates/headers, 4-ZERO-3), each sent with every value of
 * `CLIENT_ADDRESSES`, as the tools do. Not here: Host (one line of its own, `HOST_VALUES`), and
 * the headers that name the URL to serve (`URL_OVERRIDE_HEADERS`): with an address for a value
 * they route a request elsewhere rather than vouch for its source.
 */
export const CLIENT_ADDRESS_HEADERS: readonly string[] = [
  // nomore403 payloads/headers.
  'CF-Connecting-IP', 'CF-Connecting_IP', 'Client-IP', 'Forwarded', 'Origin', 'Proxy', 'Proxy-Host', 'Proxy-Url', 'Real-Ip', 'Referer', 'Referrer', 'Request-Uri', 'True-Client-IP', 'X-Client-IP',
  'X-Custom-IP-Authorization', 'X-Forwarded', 'X-Forwarded-For', 'X-Forwarded-Host', 'X-Forwarded-Proto', 'X-Forwarded-Server', 'X-Host', 'X-HTTP-DestinationURL', 'X-HTTP-Host-Override',
  'X-Original-Remote-Addr', 'X-Originating-IP', 'X-Proxy-Url', 'X-Real-IP', 'X-Referrer', 'X-Remote-Addr', 'X-Remote-IP', 'X-WAP-Profile', 'X-True-IP',
  // byp4xx templates/headers and 4-ZERO-3 beyond those.
  'Access-Control-Allow-Origin', 'Base-Url', 'Cluster-Client-IP', 'Destination', 'Forwarded-For', 'Forwarded-For-Ip', 'Forwarded-Host', 'Http-Url', 'Profile', 'Redirect', 'Uri', 'Url',
  'X-Arbitrary', 'X-Forward', 'X-Forward-For', 'X-Forwarded-By', 'X-Forwarded-For-Original', 'X-Forwarder-For', 'X-Originally-Forwarded-For', 'X-ProxyUser-Ip',
];

/**
 * The values the tools put in those headers (nomore403 payloads/ips, byp4xx templates/ip,
 * 4-ZERO-3's chain with the loopback address first): loopback in every spelling a parser accepts
 * (dotted, short, octal, hexadecimal, decimal, IPv6, IPv4-mapped, with a port), private and public
 * addresses, and the wildcard and empty-ish words some allow-lists match.
 */
export const CLIENT_ADDRESSES: readonly (readonly [id: string, value: string])[] = [
  ['star', '*'],
  ['zero', '0'],
  ['0-0-0-0', '0.0.0.0'],
  ['octal-loopback', '0177.0000.0000.0001'],
  ['short-octal-loopback', '0177.1'],
  ['hex-loopback', '0x7F000001'],
  ['decimal-loopback', '2130706433'],
  ['10-0-0-0', '10.0.0.0'],
  ['10-0-0-1', '10.0.0.1'],
  ['127-0-0-1', '127.0.0.1'],
  ['127-0-0-1-port-80', '127.0.0.1:80'],
  ['127-0-0-1-port-443', '127.0.0.1:443'],
  ['short-loopback', '127.1'],
  ['172-16-0-0', '172.16.0.0'],
  ['172-16-0-1', '172.16.0.1'],
  ['172-17-0-1', '172.17.0.1'],
  ['192-168-0-2', '192.168.0.2'],
  ['192-168-1-0', '192.168.1.0'],
  ['192-168-1-1', '192.168.1.1'],
  ['8-8-8-8', '8.8.8.8'],
  ['localhost', 'localhost'],
  ['localhost-port-80', 'localhost:80'],
  ['localhost-port-443', 'localhost:443'],
  ['norealhost', 'norealhost'],
  ['null', 'null'],
  ['ipv6-loopback', '::1'],
  ['bracketed-ipv6-loopback', '[::1]'],
  ['ipv4-mapped-loopback', '::ffff:127.0.0.1'],
  ['loopback-then-public', '127.0.0.1, 68.180.194.242'],
];

/** Host values for a request whose Host line names the server itself (nomore403 headers × ips with Host). */
export const HOST_VALUES: readonly (readonly [id: string, value: string])[] = [
  ['localhost', 'localhost'],
  ['127-0-0-1', '127.0.0.1'],
  ['ipv6-loopback', '[::1]'],
  ['0-0-0-0', '0.0.0.0'],
];

/**
 * `localhost` spelt otherwise (no tool's list: spellings that a front matching names exactly and a
 * router normalising them read differently): another port, a trailing dot, upper case.
 */
export const HOST_SPELLINGS: readonly (readonly [id: string, value: string])[] = [
  ['localhost-port-8080', 'localhost:8080'],
  ['localhost-trailing-dot', 'localhost.'],
  ['localhost-upper-case', 'LOCALHOST'],
];

/** Headers that name the URL a front should serve instead of the request line's (nomore403 simpleheaders, byp4xx, 4-ZERO-3). */
export const URL_OVERRIDE_HEADERS: readonly string[] = ['X-Original-URL', 'X-Rewrite-URL', 'X-Override-URL'];

/**
 * The other headers of nomore403 payloads/simpleheaders and 4-ZERO-3, sent on the canonical
 * request: a claimed method, port, scheme, content type or an empty body.
 */
export const SIMPLE_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['X-HTTP-Method-Override', 'POST'],
  ['X-HTTP-Method-Override', 'PUT'],
  ['X-HTTP-Method-Override', 'PATCH'],
  ['X-HTTP-Method', 'GET'],
  ['X-HTTP-Method', 'POST'],
  ['X-Method-Override', 'GET'],
  ['X-Method-Override', 'POST'],
  ['X-Forwarded-Port', '80'],
  ['X-Forwarded-Port', '443'],
  ['X-Forwarded-Port', '4443'],
  ['X-Forwarded-Port', '8080'],
  ['X-Forwarded-Port', '8443'],
  ['X-Forwarded-Scheme', 'http'],
  ['X-Forwarded-Scheme', 'https'],
  ['Content-Type', 'application/json'],
  ['Content-Type', 'application/xml'],
  ['Content-Type', 'text/plain'],
  ['Content-Type', 'application/x-www-form-urlencoded'],
  ['Content-Type', 'multipart/form-data'],
  ['Content-Length', '0'],
];
