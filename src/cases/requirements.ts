/**
 * The requirements the catalogue checks, keyed by stable ids (`<group>/<name>`, the group being the
 * case module that states them). A case names its requirement through this table, so a requirement
 * is written once and a case cannot cite one that does not exist; reports carry the sentence.
 *
 * `DOCUMENT_BULLETS` maps each bullet of `auth-requirements.md` (its form, cross-cutting and HTTPS
 * sections) to the requirements that cover it, so a test can tell when a bullet has no case.
 */
import type { Level, Source } from './model.js';

/**
 * A requirement: its sentence (what reports show), its level (the strongest level of the cases
 * that check it; a case may check a weaker part of it) and its sources (each case cites one at least).
 */
export interface Requirement {
  readonly sentence: string;
  readonly level: Level;
  readonly sources: readonly Source[];
}

const REQUIREMENTS = {
  // Shared by the forms whose key is an opaque string.
  'opaque-keys': {
    mutated: { level: 'must', sources: ['RFC 9110 §15.5.2'], sentence: 'A truncated key, or the key of an identity with one character changed, is rejected as unauthenticated.' },
    obsText: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §5.5'], sentence: 'A key holding bytes 0x80–0xFF (obs-text) is compared as an opaque string and rejected as unauthenticated.' },
  },
  'session-key': {
    valid: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'seed §HTTP User Authentication'], sentence: 'A request whose X-v3io-session-key header carries a valid access key is accepted.' },
    nameCase: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §5.1'], sentence: 'The X-v3io-session-key header name is matched in any letter case, so a valid key sent as x-v3io-session-key or X-V3IO-SESSION-KEY is accepted.' },
    ows: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9112 §5.1', 'RFC 9110 §5.5'], sentence: 'Spaces and tabs around the X-v3io-session-key value are not part of the field value, so a valid key surrounded by them is accepted.' },
    unknown: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2'], sentence: 'An unknown access key, an empty value or a whitespace-only value in X-v3io-session-key is rejected as unauthenticated.' },
    exact: { level: 'should', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2'], sentence: 'Keys are compared as opaque strings, exactly: a valid key with trailing junk, or in another letter case, is rejected as unauthenticated.' },
    duplicate: { level: 'should', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §5.3'], sentence: 'Two X-v3io-session-key lines (the same key, or different keys in either order) are a malformed request, answered 400.' },
    duplicateInvalid: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §5.3'], sentence: 'Two X-v3io-session-key lines of which neither carries a valid key are never accepted.' },
    commaList: { level: 'should', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §5.3'], sentence: 'A comma-joined list of keys in one X-v3io-session-key value is rejected.' },
    otherSecret: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2'], sentence: "Only an access key authenticates in X-v3io-session-key: a user's password, or a Basic token, in its place is rejected as unauthenticated." },
    schemeWord: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2'], sentence: 'The X-v3io-session-key value is the access key alone, with no authentication scheme: a valid key after a scheme word (Bearer, Basic, AWS, Token, the header\'s own name) is no access key and is rejected as unauthenticated.' },
  },
  'aws-sigv4': {
    valid: { level: 'must', sources: ['seed §S3-Like Authentications'], sentence: 'A canonical AWS4-HMAC-SHA256 Authorization header as real S3 clients send it (", " separators), with a valid access key in Credential, is accepted.' },
    ignored: { level: 'must', sources: ['seed §S3-Like Authentications'], sentence: 'The access key is extracted from Credential and everything else is ignored, so a wrong or random Signature, any SignedHeaders and any date, region or service are accepted with a valid key.' },
    separators: { level: 'should', sources: ['seed §S3-Like Authentications'], sentence: 'Credential, SignedHeaders and Signature separated by "," without spaces are accepted (both occur in real clients).' },
    schemeCase: { level: 'should', sources: ['seed §S3-Like Authentications', 'RFC 9110 §11.1'], sentence: 'The scheme in another letter case (aws4-hmac-sha256) is accepted, since auth schemes are case-insensitive.' },
    otherAlgorithm: { level: 'may', sources: ['seed §S3-Like Authentications'], sentence: 'Another AWS4- algorithm, such as AWS4-ECDSA-P256-SHA256 (SigV4a), with a valid key may be accepted.' },
    schemeWord: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §11.1', 'RFC 9110 §11.6.2'], sentence: 'Valid SigV4 parameters under a scheme word that is not AWS4-<algorithm> are rejected: a prefix of it (AWS4, AWS, AW), another version (AWS5-HMAC-SHA256), the dash dropped (AWS4HMAC-SHA256) or characters before it (XAWS4-HMAC-SHA256). Whatever follows AWS4- is the seed\'s own syntax (AWS4-<...>).' },
    unknown: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'An unknown access key in Credential is rejected as unauthenticated.' },
    mutated: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'A truncated key, or the key of an identity with one character changed, in Credential is rejected as unauthenticated.' },
    exact: { level: 'should', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'Keys are compared as opaque strings, exactly: a valid key in another letter case in Credential is rejected as unauthenticated.' },
    syntax: { level: 'must', sources: ['seed §S3-Like Authentications'], sentence: 'An empty key, Credential= with nothing, no Credential element, the bare scheme, or the scheme glued to its parameters is rejected (400 for syntax errors).' },
    noSlash: { level: 'should', sources: ['seed §S3-Like Authentications'], sentence: "Credential=<key> with no \"/\" after the key is rejected, since the seed's syntax is <access key>/[...]." },
    twoCredentials: { level: 'should', sources: ['seed §S3-Like Authentications', 'RFC 9110 §11.2'], sentence: 'Two Credential elements with different keys, in either order, are rejected, since each parameter name may occur only once.' },
    smuggled: { level: 'should', sources: ['seed §S3-Like Authentications', 'RFC 9110 §11.2'], sentence: 'A value that only contains the text Credential= inside another element (e.g. SignedHeaders=Credential=<key>/...) is never accepted on that key.' },
  },
  'aws-sigv2': {
    valid: { level: 'must', sources: ['seed §S3-Like Authentications'], sentence: 'AWS <key>:<signature> with a valid access key and any signature, including a doc-style Base64 signature, is accepted.' },
    emptySignature: { level: 'may', sources: ['seed §S3-Like Authentications'], sentence: 'AWS <key>: with an empty signature and a valid key may be accepted.' },
    schemeCase: { level: 'should', sources: ['seed §S3-Like Authentications', 'RFC 9110 §11.1'], sentence: 'The scheme aws in lower case is accepted, since auth schemes are case-insensitive.' },
    schemeWord: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §11.1', 'RFC 9110 §11.6.2'], sentence: 'A valid <key>:<signature> under a scheme word other than AWS is rejected: a prefix of it (A, AW), AWS with characters added (AWSS, AWS4, AWS-, XAWS) or the SigV4 scheme AWS4-HMAC-SHA256.' },
    unknown: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'AWS <key>:<signature> with an unknown access key is rejected as unauthenticated.' },
    exact: { level: 'should', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'Keys are compared as opaque strings, exactly: a valid key in another letter case is rejected as unauthenticated.' },
    empty: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'AWS :<signature> (an empty key) and AWS alone are rejected.' },
    syntax: { level: 'should', sources: ['seed §S3-Like Authentications'], sentence: 'AWS <key> without a colon, and AWS<key>:<signature> without a space, are rejected.' },
    otherSecret: { level: 'must', sources: ['seed §S3-Like Authentications', 'RFC 9110 §15.5.2'], sentence: 'Only an access key authenticates in AWS <key>:<signature>: a username and password in place of the key and signature are rejected as unauthenticated.' },
  },
  'basic': {
    valid: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: 'Authorization: Basic base64(user:password) with valid credentials is accepted.' },
    schemeCase: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2', 'RFC 9110 §11.1'], sentence: 'The scheme basic or BASIC is accepted, since the Basic scheme is matched case-insensitively.' },
    schemeWord: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2', 'RFC 9110 §11.1', 'RFC 9110 §11.4', 'RFC 9110 §11.6.2'], sentence: 'A valid Basic token under a scheme word that is not Basic in some letter case is rejected: another scheme (Bearer, Digest, an unknown one), a prefix of Basic (B, Ba, Bas, Basi), Basic with characters added (Basicx, Basic-, BasicBasic, xBasic), or no scheme word at all.' },
    spaces: { level: 'should', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 9110 §11.4'], sentence: 'Several spaces between the scheme and the token are accepted (1*SP in the credentials grammar).' },
    ows: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 9112 §5.1', 'RFC 9110 §5.5'], sentence: 'Spaces and tabs around the Authorization value are not part of the field value, so a valid Basic value surrounded by them is accepted.' },
    wrong: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 9110 §15.5.2'], sentence: 'A wrong password or an unknown user is rejected as unauthenticated.' },
    sameResponse: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 9110 §15.5.2', 'OWASP Authentication Cheat Sheet'], sentence: 'A wrong password and an unknown user are rejected as unauthenticated, with responses identical in status, headers (minus Date) and body.' },
    colon: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: 'A password containing ":" is accepted: the password is everything after the first colon.' },
    utf8: { level: 'should', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2.1'], sentence: 'A password with non-ASCII characters, Base64-encoded as UTF-8 (the RFC 7617 §2.1 example), is accepted where the target has such a user.' },
    structure: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: 'Decoded credentials without a colon, with an empty user-id or with an empty password are rejected.' },
    notBase64: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: 'A token that is not Base64 at all, or that decodes to nothing valid, is rejected.' },
    alphabet: { level: 'should', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 4648 §3.3', 'RFC 7617 §2'], sentence: 'A valid token with characters outside the Base64 alphabet added (non-alphabet characters, base64url "-" and "_", whitespace inside) is rejected.' },
    padding: { level: 'should', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: 'Unpadded Base64 or Base64 with an extra "=" is rejected.' },
    noToken: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: '"Basic" with no token, or followed only by spaces, is rejected.' },
    authParam: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2', 'RFC 9110 §11.4'], sentence: 'Auth-param syntax (Basic user="u", password="p") is rejected: Basic credentials are a token68.' },
    control: { level: 'should', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2'], sentence: 'A control character inside the user-id or password (e.g. <password>\\0junk) is rejected, with no truncation at the control character.' },
    pair: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 7617 §2', 'RFC 9110 §15.5.2'], sentence: 'The user-id names a user and the password is checked as that user\'s: the user-id of one user with the password of another, or an access key in place of the user-id, is rejected as unauthenticated.' },
  },
  'cross-cutting': {
    everyOperation: { level: 'must', sources: ['seed §HTTP User Authentication', 'seed §X-v3io-session-key Authentication'], sentence: 'Authentication is enforced the same way on every operation and method the server offers: objects, container listing, NoSQL and streaming functions and any unknown method.' },
    noCredentials: { level: 'must', sources: ['seed §HTTP User Authentication', 'seed §Overview', 'RFC 9110 §15.5.2', 'RFC 9110 §11.6.1'], sentence: 'A request without any credentials is rejected as unauthenticated, with a challenge.' },
    unknownKey: { level: 'must', sources: ['seed §HTTP User Authentication', 'seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2'], sentence: 'An unknown access key is rejected as unauthenticated, on every operation.' },
    unsupportedScheme: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.2', 'RFC 9110 §11.6.2'], sentence: 'Authorization with an unsupported scheme (Bearer, Digest, Negotiate, HAHAHA) is rejected as unauthenticated.' },
    emptyAuthorization: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.2', 'RFC 9110 §11.6.2'], sentence: 'An empty Authorization value carries no credentials and is rejected as unauthenticated.' },
    proxy: { level: 'must', sources: ['RFC 9110 §11.7.2', 'RFC 9110 §15.5.2'], sentence: 'Credentials only in Proxy-Authorization are rejected as unauthenticated: that header is for proxies, not the origin.' },
    otherChannel: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'seed §S3-Like Authentications'], sentence: 'An access key in an X_v3io_session_key header (underscores), in the query string or in a cookie never authenticates.' },
    twoAuthorization: { level: 'should', sources: ['RFC 9110 §5.3', 'RFC 9110 §11.6.2'], sentence: 'Two Authorization lines, in either order, with one valid and one invalid, are a malformed request, answered 400.' },
    twoAuthorizationInvalid: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §5.3', 'RFC 9110 §15.5.2'], sentence: 'Two Authorization lines of which neither is valid are never accepted.' },
    sameIdentity: { level: 'may', sources: ['seed §HTTP User Authentication', 'RFC 6750 §2'], sentence: 'X-v3io-session-key and Authorization together for the same identity may be accepted.' },
    conflicting: { level: 'should', sources: ['RFC 6750 §2'], sentence: 'X-v3io-session-key and Authorization together, one valid and the other invalid or malformed, are rejected: one mechanism per request.' },
    differentIdentities: { level: 'should', sources: ['seed §HTTP User Authentication', 'RFC 6750 §2'], sentence: 'X-v3io-session-key and Authorization together for two different identities are rejected: one mechanism per request.' },
    permission: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.4'], sentence: 'Valid credentials of an identity without permission on the container are rejected as forbidden (403).' },
    size: { level: 'must', sources: ['RFC 6585 §5', 'RFC 9110 §5.4', 'RFC 9110 §17.5'], sentence: "A very large credential header (64 KiB) is rejected with 431 or 400 past the server's limit, or 401 where the server reads it, never with a 5xx or a crash." },
  },
  'credential-carriers': {
    header: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2', 'OWASP REST Security Cheat Sheet'], sentence: 'An access key in a header the seed does not define (X-Api-Key, X-Auth-Token, ...) never authenticates.' },
    basicElsewhere: { level: 'must', sources: ['seed §Basic HTTP Username/Password Authentication', 'RFC 9110 §11.6.2', 'RFC 9110 §15.5.2'], sentence: 'Basic credentials in a header other than Authorization (X-Authorization, ...) never authenticate.' },
    query: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'], sentence: 'An access key in the query string never authenticates, whatever the parameter is called.' },
    cookie: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'OWASP REST Security Cheat Sheet'], sentence: 'An access key in a cookie never authenticates, whatever the cookie is called.' },
    body: { level: 'must', sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2', 'OWASP REST Security Cheat Sheet'], sentence: 'An access key in the request body never authenticates.' },
    functionName: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.2'], sentence: 'A request without credentials is rejected whatever its X-v3io-function value: another letter case, an unknown name, an empty value or two lines.' },
    method: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.2', 'RFC 9110 §9.1'], sentence: 'A request without credentials is rejected on every method, those the server does not implement included.' },
    methodOverride: { level: 'must', sources: ['RFC 9110 §9.1', 'RFC 9110 §15.5.2', 'OWASP WSTG 4.2.6 Test HTTP Methods'], sentence: 'A request without credentials is rejected whatever method a header or a query parameter claims for it (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override, _method): the method is the request line\'s, and a claimed OPTIONS is no CORS preflight to let through.' },
  },
  'identity-headers': {
    identity: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.2', 'OWASP Authentication Cheat Sheet'], sentence: 'A header naming an identity (as a reverse proxy sets after it authenticated a client) is no credential: a request with it and no valid credential is rejected as unauthenticated.' },
    source: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 7239 §5.2', 'RFC 9110 §15.5.2', 'OWASP Authentication Cheat Sheet'], sentence: 'A header naming the client address (X-Forwarded-For, X-Real-IP, Forwarded) is no credential: a request that claims to come from the server itself and carries no valid credential is rejected as unauthenticated.' },
    impersonation: { level: 'must', sources: ['seed §HTTP User Authentication', 'RFC 9110 §15.5.4', 'OWASP Authentication Cheat Sheet'], sentence: 'A header naming another identity does not change the identity a valid credential authenticates: a denied identity stays forbidden.' },
  },
  'request-targets': {
    targetForm: { level: 'must', sources: ['RFC 9112 §3.2', 'seed §HTTP User Authentication'], sentence: 'Authentication does not depend on the form of the request target: an absolute-form or asterisk-form request without a valid credential is rejected like an origin-form one.' },
    userinfo: { level: 'must', sources: ['RFC 9110 §4.2.4', 'RFC 9112 §3.2.2', 'RFC 3986 §3.2.1', 'seed §HTTP User Authentication'], sentence: 'Credentials in the userinfo of an absolute-form target never authenticate (RFC 9110 §4.2.4: userinfo is deprecated and a recipient treats it as an error).' },
    absoluteValid: { level: 'should', sources: ['RFC 9112 §3.2.2', 'seed §X-v3io-session-key Authentication'], sentence: 'A request with a valid credential and an absolute-form target is accepted, as RFC 9112 §3.2.2 requires of every server.' },
    pathSpelling: { level: 'must', sources: ['RFC 9110 §4.2.3', 'RFC 3986 §5.2.4', 'seed §HTTP User Authentication'], sentence: 'Authentication does not depend on how the path is spelt: a request without credentials whose path a router could normalise to a protected resource (//, dot segments, %2e, an encoded slash, a trailing dot, a path parameter) is rejected.' },
    pathSpellingPermission: { level: 'must', sources: ['RFC 9110 §4.2.3', 'RFC 3986 §5.2.4', 'RFC 9110 §15.5.4', 'seed §HTTP User Authentication'], sentence: 'Permissions do not depend on how the path is spelt: a valid credential of an identity without permission on the container is rejected whatever spelling of the container\'s path it asks for (//, dot segments, %2e, an encoded slash, a trailing dot, a path parameter).' },
    methodCase: { level: 'must', sources: ['RFC 9110 §9.1', 'RFC 9112 §3.1', 'seed §HTTP User Authentication'], sentence: 'A request without credentials is rejected on every method, a method spelt in another letter case included (RFC 9110 §9.1: method names are case-sensitive).' },
  },
  'bypass-techniques': {
    pathSpelling: { level: 'must', sources: ['RFC 9110 §4.2.3', 'RFC 3986 §5.2.4', 'RFC 9110 §15.5.4', 'seed §HTTP User Authentication'], sentence: 'Authentication and permissions do not depend on what a path puts before or after the container\'s name: a request whose path adds what the bypass tools add (..;/, %20, %09, ;, ?, #, .json, /./, %2e, ;/, a full-width solidus, ...) is rejected unless it carries a valid credential of an identity with permission on what it reaches.' },
    pathCase: { level: 'must', sources: ['RFC 3986 §6.2.2.1', 'RFC 9110 §15.5.4', 'seed §HTTP User Authentication'], sentence: 'Authentication and permissions do not depend on the letter case of the path: a request for the container spelt in another case is rejected unless it carries a valid credential of an identity with permission on what it reaches.' },
    method: { level: 'must', sources: ['RFC 9110 §9.1', 'RFC 9110 §15.5.2', 'RFC 9110 §15.5.4', 'seed §HTTP User Authentication'], sentence: 'A request without a valid credential of an identity with permission is rejected whatever its method: every method of the bypass tools\' lists, registered or not (refusing the method, 405 or 501, is as good a rejection).' },
    methodCase: { level: 'must', sources: ['RFC 9110 §9.1', 'RFC 9112 §3.1', 'seed §HTTP User Authentication'], sentence: 'A request without a valid credential of an identity with permission is rejected whatever the letter case of its method (RFC 9110 §9.1: method names are case-sensitive, so get is not GET).' },
    httpVersion: { level: 'must', sources: ['RFC 9112 §2.3', 'RFC 9110 §6.2', 'seed §HTTP User Authentication'], sentence: 'Authentication and permissions do not depend on the protocol version of the request line: an HTTP/1.0 request (with or without Host) or one naming a version the server does not implement is rejected without a valid credential of an identity with permission (refusing the version, 400 or 505, is as good a rejection).' },
    clientAddress: { level: 'must', sources: ['RFC 7239 §5.2', 'RFC 9110 §15.5.2', 'RFC 9110 §15.5.4', 'OWASP Authentication Cheat Sheet'], sentence: 'A header naming the client\'s address or the host it came through is no credential and grants no permission, whatever the header (X-Forwarded-For, True-Client-IP, X-Remote-Addr, X-Custom-IP-Authorization, ...) and whatever the address (loopback in any spelling, a private or public address, *, null).' },
    host: { level: 'must', sources: ['RFC 9110 §7.2', 'RFC 9110 §15.5.2', 'RFC 9110 §15.5.4'], sentence: 'A Host line naming the server itself (localhost, a loopback address) is no credential: the request is rejected without a valid credential of an identity with permission.' },
    urlOverride: { level: 'must', sources: ['RFC 9110 §7.1', 'RFC 9110 §15.5.2', 'OWASP WSTG 4.5.2 Testing for Bypassing Authorization Schema'], sentence: 'A header naming another URL to serve (X-Original-URL, X-Rewrite-URL, X-Override-URL) does not route a request past authentication: the request line says what is asked for, and a request without credentials is rejected.' },
    simpleHeader: { level: 'must', sources: ['RFC 9110 §9.1', 'RFC 9110 §15.5.2', 'RFC 9110 §15.5.4'], sentence: 'Headers that claim another method, port or scheme, a content type or an empty body change nothing about authentication and permissions.' },
  },
  'connection-reuse': {
    remembered: { level: 'must', sources: ['RFC 9110 §11.6.2', 'RFC 9112 §9.3'], sentence: 'Each request on a connection is authenticated on its own credentials: after a valid request, a request on the same connection without a valid credential of its own is rejected.' },
    identity: { level: 'must', sources: ['RFC 9110 §11.6.2', 'RFC 9112 §9.3', 'seed §HTTP User Authentication'], sentence: 'After a request of one identity, a request of another identity on the same connection acts as that other identity.' },
    afterRejection: { level: 'should', sources: ['RFC 9110 §11.6.2', 'RFC 9112 §9.3'], sentence: 'A rejected request does not poison its connection: a valid request after it on the same connection is accepted.' },
  },
  'wire': {
    controlCharacter: { level: 'should', sources: ['RFC 9110 §5.5'], sentence: 'A CR, LF or NUL inside a credential value is a framing error and the request is rejected, 400 preferred; a recipient that replaces it by SP reads a credential with junk and rejects that, and none may cut the value at the control character.' },
    crlfInValue: { level: 'should', sources: ['RFC 9112 §5.1', 'RFC 9110 §5.5'], sentence: 'A credential value followed by CRLF and a line without a colon is a malformed header section and is rejected with 400, not read as the credential alone.' },
    injectedAfterBareLf: { level: 'should', sources: ['RFC 9112 §2.2', 'RFC 9110 §5.5'], sentence: 'A valid credential line that follows an invalid credential after a bare LF is rejected: whether the LF ends a line (two credential lines) or not (an invalid value), the request is malformed.' },
    hiddenLine: { level: 'must', sources: ['RFC 9112 §2.2', 'RFC 9112 §5.2'], sentence: 'A credential line hidden behind a bare CR, on an obs-fold line or in a whitespace-preceded line after the request line is no header line of its own and never authenticates.' },
    foldedCredential: { level: 'should', sources: ['RFC 9112 §5.2'], sentence: 'A credential continued on an obs-fold line is rejected with 400, or the fold is replaced by SP and the credential read whole: both are conformant.' },
    spaceBeforeColon: { level: 'must', sources: ['RFC 9112 §5.1'], sentence: 'A header line with whitespace between the field name and the colon is rejected with 400 and never read as a credential header.' },
    commaJoin: { level: 'must', sources: ['RFC 9110 §11.6.2', 'RFC 9110 §5.3', 'seed §HTTP User Authentication'], sentence: 'Two Authorization values joined by a proxy into one comma-separated value are not one credential: the request is rejected, and never accepted when neither is valid.' },
    size: { level: 'must', sources: ['RFC 6585 §5', 'RFC 9110 §5.4'], sentence: "A header section over the server's limit is answered 431 or 400, never 5xx, a reset or a crash, even with a valid credential in it." },
  },
  'message-context': {
    trailerCredential: { level: 'must', sources: ['RFC 9110 §6.5.1', 'RFC 9112 §7.1.2', 'RFC 9110 §11.6.2'], sentence: 'A credential in the trailer section of a chunked request never authenticates (RFC 9110 §6.5.1: authentication cannot be sent as a trailer): the request is judged on its header section alone.' },
    upgrade: { level: 'must', sources: ['RFC 9110 §7.8', 'RFC 6455 §4.2.2', 'RFC 9110 §15.5.2'], sentence: 'A request without credentials that asks to switch protocols (Upgrade: websocket, h2c) is rejected, its Upgrade refused or ignored: the server never switches protocols (101) for it.' },
    expectContinue: { level: 'must', sources: ['RFC 9110 §10.1.1', 'RFC 9110 §15.2.1', 'RFC 9110 §15.5.2'], sentence: 'A write without credentials that expects 100-continue is rejected as unauthenticated and never carried out; the final status rather than 100 is preferred.' },
  },
  'transport': {
    tlsVersion: { level: 'should', sources: ['RFC 8996', 'seed §HTTPS Requests', 'RFC 9110 §17.16'], sentence: 'An HTTPS target negotiates TLS 1.2 or later and refuses a handshake that offers only TLS 1.0 or only TLS 1.1 (RFC 8996).' },
    stsOverHttps: { level: 'may', sources: ['RFC 6797', 'seed §HTTPS Requests'], sentence: 'An HTTPS target may send Strict-Transport-Security on its responses (RFC 6797).' },
    noStsOverHttp: { level: 'must', sources: ['RFC 6797 §7.2'], sentence: 'A response over plain HTTP never carries Strict-Transport-Security (RFC 6797 §7.2).' },
  },
  'conditional-requests': {
    precondition: { level: 'must', sources: ['RFC 9110 §13.2.1', 'RFC 9110 §15.5.2', 'seed §HTTP User Authentication'], sentence: 'A conditional GET (If-None-Match, If-Modified-Since) without a valid credential is rejected as unauthenticated: preconditions count only where the answer without them would be 2xx, so it is never a 304 that tells the object exists or is unchanged.' },
    range: { level: 'must', sources: ['RFC 9110 §14.2', 'RFC 9110 §15.5.2', 'seed §HTTP User Authentication'], sentence: 'A Range request without a valid credential is rejected as unauthenticated, never answered with part of the content (206).' },
  },
  'credential-sizes': {
    anySize: { level: 'must', sources: ['RFC 6585 §5', 'RFC 9110 §5.4', 'RFC 9110 §15.5.2', 'OWASP Input Validation Cheat Sheet'], sentence: 'A credential value of any size that names no identity is rejected, 401 while the server reads it and 431 or 400 past its limit, never with a 5xx or a crash.' },
  },} as const satisfies Record<string, Record<string, Requirement>>;

export type RequirementGroup = keyof typeof REQUIREMENTS;
export type RequirementId = { [G in RequirementGroup]: `${G}/${keyof (typeof REQUIREMENTS)[G] & string}` }[RequirementGroup];

/** The names of the requirements of some groups (a union of groups gives the names of each). */
export type RequirementName<G extends RequirementGroup> = G extends RequirementGroup ? keyof (typeof REQUIREMENTS)[G] & string : never;

/**
 * The requirements of some groups, by name, for a case module that checks them: a name two groups
 * share is the later group's (as spreading the groups' tables in that order would give).
 */
export function requirementsOf<G extends RequirementGroup>(...groups: readonly G[]): { readonly [K in RequirementName<G>]: Requirement } {
  return Object.assign({}, ...groups.map((group) => REQUIREMENTS[group])) as { readonly [K in RequirementName<G>]: Requirement };
}

/** Every requirement with its id. */
export function allRequirements(): ReadonlyArray<Requirement & { readonly id: RequirementId }> {
  return Object.entries(REQUIREMENTS).flatMap(([group, table]) =>
    Object.entries(table as Record<string, Requirement>).map(([name, r]) => ({ id: `${group}/${name}` as RequirementId, ...r })),
  );
}

/**
 * One bullet of auth-requirements.md: its section heading, the start of its text as written there,
 * and the requirements whose cases check it. `covered: false` says why no case can (with `reason`).
 */
export type DocumentBullet =
  | { readonly section: string; readonly bullet: string; readonly requirements: readonly [RequirementId, ...RequirementId[]] }
  | { readonly section: string; readonly bullet: string; readonly requirements: readonly []; readonly reason: string };

const SK = 'X-v3io-session-key (seed §X-v3io-session-key Authentication)';
const V4 = 'AWS Signature V4 syntax (seed §S3-Like Authentications)';
const V2 = 'AWS Signature V2 syntax (seed §S3-Like Authentications)';
const BASIC = 'Basic (seed §Basic HTTP Username/Password Authentication; RFC 7617, RFC 9110 §11)';
const CROSS = 'Cross-cutting';
const HTTPS = 'HTTPS (seed §HTTPS Requests; RFC 2818; RFC 9110 §17.16)';

export const DOCUMENT_BULLETS: readonly DocumentBullet[] = [
  { section: SK, bullet: 'valid access key → accept', requirements: ['session-key/valid'] },
  { section: SK, bullet: 'header name in any letter case', requirements: ['session-key/nameCase'] },
  { section: SK, bullet: 'surrounding spaces/tabs around the value', requirements: ['session-key/ows'] },
  { section: SK, bullet: 'unknown key, empty value, whitespace-only value', requirements: ['session-key/unknown', 'session-key/schemeWord'] },
  { section: SK, bullet: 'key with trailing junk', requirements: ['session-key/exact'] },
  { section: SK, bullet: 'a truncated key, or a key of one identity', requirements: ['opaque-keys/mutated'] },
  { section: SK, bullet: 'two `X-v3io-session-key` lines', requirements: ['session-key/duplicate', 'session-key/duplicateInvalid'] },
  { section: SK, bullet: 'a comma-joined list', requirements: ['session-key/commaList'] },
  { section: SK, bullet: '`X_v3io_session_key` (underscores)', requirements: ['cross-cutting/otherChannel', 'credential-carriers/query', 'credential-carriers/cookie'] },
  { section: V4, bullet: 'canonical header as real S3 clients send it', requirements: ['aws-sigv4/valid'] },
  { section: V4, bullet: 'a wrong or random `Signature`', requirements: ['aws-sigv4/ignored'] },
  { section: V4, bullet: '`","` separators without spaces', requirements: ['aws-sigv4/separators'] },
  { section: V4, bullet: 'scheme in other letter case', requirements: ['aws-sigv4/schemeCase', 'aws-sigv4/otherAlgorithm'] },
  { section: V4, bullet: 'unknown key → unauthenticated', requirements: ['aws-sigv4/unknown'] },
  { section: V4, bullet: 'empty key (`Credential=/2019...`)', requirements: ['aws-sigv4/syntax'] },
  { section: V4, bullet: '`Credential=<key>` with no `/` at all', requirements: ['aws-sigv4/noSlash'] },
  { section: V4, bullet: 'two `Credential` elements', requirements: ['aws-sigv4/twoCredentials'] },
  { section: V4, bullet: 'a value that only contains the text `Credential=`', requirements: ['aws-sigv4/smuggled'] },
  { section: V2, bullet: 'valid key, any signature', requirements: ['aws-sigv2/valid'] },
  { section: V2, bullet: 'empty signature `AWS <key>:`', requirements: ['aws-sigv2/emptySignature'] },
  { section: V2, bullet: 'unknown key → unauthenticated', requirements: ['aws-sigv2/unknown'] },
  { section: V2, bullet: '`AWS :sig` (empty key)', requirements: ['aws-sigv2/empty'] },
  { section: V2, bullet: '`AWS <key>` (no colon)', requirements: ['aws-sigv2/syntax'] },
  { section: V2, bullet: 'scheme `aws` in lower case', requirements: ['aws-sigv2/schemeCase'] },
  { section: BASIC, bullet: 'valid `Basic base64(user:password)`', requirements: ['basic/valid'] },
  { section: BASIC, bullet: 'scheme `basic` / `BASIC`', requirements: ['basic/schemeCase'] },
  { section: BASIC, bullet: 'several spaces between scheme and token', requirements: ['basic/spaces'] },
  { section: BASIC, bullet: 'wrong password, unknown user', requirements: ['basic/wrong', 'basic/sameResponse'] },
  { section: BASIC, bullet: 'password containing `:`', requirements: ['basic/colon'] },
  { section: BASIC, bullet: 'UTF-8 password', requirements: ['basic/utf8'] },
  { section: BASIC, bullet: 'no colon after decoding', requirements: ['basic/structure'] },
  { section: BASIC, bullet: 'a token that is not Base64 at all', requirements: ['basic/notBase64'] },
  { section: BASIC, bullet: 'a valid token with characters outside the Base64 alphabet', requirements: ['basic/alphabet'] },
  { section: BASIC, bullet: 'unpadded Base64 or extra `=`', requirements: ['basic/padding'] },
  { section: BASIC, bullet: '`Basic` with no token', requirements: ['basic/noToken'] },
  { section: BASIC, bullet: 'auth-param syntax', requirements: ['basic/authParam'] },
  { section: BASIC, bullet: 'a control character inside user-id or password', requirements: ['basic/control'] },
  { section: CROSS, bullet: 'no credentials at all', requirements: ['cross-cutting/noCredentials', 'conditional-requests/precondition', 'conditional-requests/range', 'message-context/upgrade', 'message-context/expectContinue'] },
  { section: CROSS, bullet: '`Authorization` with an unsupported scheme', requirements: ['cross-cutting/unsupportedScheme', 'basic/schemeWord', 'aws-sigv4/schemeWord', 'aws-sigv2/schemeWord'] },
  { section: CROSS, bullet: 'credentials only in `Proxy-Authorization`', requirements: ['cross-cutting/proxy'] },
  { section: CROSS, bullet: 'two `Authorization` lines', requirements: ['cross-cutting/twoAuthorization', 'cross-cutting/twoAuthorizationInvalid'] },
  { section: CROSS, bullet: '`X-v3io-session-key` and `Authorization` together', requirements: ['cross-cutting/sameIdentity', 'cross-cutting/conflicting', 'cross-cutting/differentIdentities'] },
  { section: CROSS, bullet: 'authentication is enforced the same way on every operation', requirements: ['cross-cutting/everyOperation', 'credential-carriers/method', 'credential-carriers/methodOverride', 'request-targets/methodCase', 'bypass-techniques/method', 'bypass-techniques/methodCase', 'bypass-techniques/httpVersion'] },
  { section: CROSS, bullet: 'valid credentials of an identity without permission', requirements: ['cross-cutting/permission', 'bypass-techniques/pathSpelling', 'bypass-techniques/pathCase', 'bypass-techniques/clientAddress'] },
  { section: CROSS, bullet: 'very large credential header', requirements: ['cross-cutting/size', 'credential-sizes/anySize', 'wire/size'] },
  { section: CROSS, bullet: 'header framing errors on the wire', requirements: ['wire/controlCharacter', 'wire/crlfInValue', 'wire/hiddenLine', 'wire/foldedCredential', 'wire/spaceBeforeColon', 'message-context/trailerCredential'] },
  { section: CROSS, bullet: 'bytes 0x80–0xFF (obs-text) in a key', requirements: ['opaque-keys/obsText'] },
  { section: CROSS, bullet: 'every rejection keeps data intact', requirements: ['cross-cutting/noCredentials', 'cross-cutting/unknownKey'] },
  { section: HTTPS, bullet: 'the same cases pass over `https://`', requirements: [], reason: 'not a case of its own: every case runs over the target\'s scheme' },
  { section: HTTPS, bullet: 'TLS 1.2 or later', requirements: ['transport/tlsVersion'] },
  { section: HTTPS, bullet: 'the certificate is valid for the host name', requirements: [], reason: 'a property of the run, not of a case: every request verifies the certificate (against the `--ca` file when one is given) unless `--insecure` skips it' },
  { section: HTTPS, bullet: 'a target given as plain `http://`', requirements: [], reason: 'a warning of the run to its user, not a check of the server' },
  { section: HTTPS, bullet: '`Strict-Transport-Security` on HTTPS responses', requirements: ['transport/stsOverHttps', 'transport/noStsOverHttp'] },
];
