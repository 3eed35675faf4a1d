/**
 * The requirements the catalogue checks, keyed by stable ids (`<group>/<name>`, the group being the
 * case module that states them). A case names its requirement through this table, so a requirement
 * is written once and a case cannot cite one that does not exist; reports carry the sentence.
 *
 * `DOCUMENT_BULLETS` maps each bullet of `auth-requirements.md` (its form, cross-cutting and HTTPS
 * sections) to the requirements that cover it, so a test can tell when a bullet has no case.
 */

const REQUIREMENTS = {
  // Shared by the forms whose key is an opaque string.
  'opaque-keys': {
    mutated: "A truncated key, or the key of an identity with one character changed, is rejected as unauthenticated.",
    obsText: "A key holding bytes 0x80–0xFF (obs-text) is compared as an opaque string and rejected as unauthenticated.",
  },
  'session-key': {
    valid: "A request whose X-v3io-session-key header carries a valid access key is accepted.",
    nameCase: "The X-v3io-session-key header name is matched in any letter case, so a valid key sent as x-v3io-session-key or X-V3IO-SESSION-KEY is accepted.",
    ows: "Spaces and tabs around the X-v3io-session-key value are not part of the field value, so a valid key surrounded by them is accepted.",
    unknown: "An unknown access key, an empty value or a whitespace-only value in X-v3io-session-key is rejected as unauthenticated.",
    exact: "Keys are compared as opaque strings, exactly: a valid key with trailing junk, or in another letter case, is rejected as unauthenticated.",
    duplicate: "Two X-v3io-session-key lines (the same key, or different keys in either order) are a malformed request, answered 400.",
    duplicateInvalid: "Two X-v3io-session-key lines of which neither carries a valid key are never accepted.",
    commaList: "A comma-joined list of keys in one X-v3io-session-key value is rejected.",
  },
  'aws-sigv4': {
    valid: "A canonical AWS4-HMAC-SHA256 Authorization header as real S3 clients send it (\", \" separators), with a valid access key in Credential, is accepted.",
    ignored: "The access key is extracted from Credential and everything else is ignored, so a wrong or random Signature, any SignedHeaders and any date, region or service are accepted with a valid key.",
    separators: "Credential, SignedHeaders and Signature separated by \",\" without spaces are accepted (both occur in real clients).",
    schemeCase: "The scheme in another letter case (aws4-hmac-sha256) is accepted, since auth schemes are case-insensitive.",
    otherAlgorithm: "Another AWS4- algorithm, such as AWS4-ECDSA-P256-SHA256 (SigV4a), with a valid key may be accepted.",
    unknown: "An unknown access key in Credential is rejected as unauthenticated.",
    mutated: "A truncated key, or the key of an identity with one character changed, in Credential is rejected as unauthenticated.",
    exact: "Keys are compared as opaque strings, exactly: a valid key in another letter case in Credential is rejected as unauthenticated.",
    syntax: "An empty key, Credential= with nothing, no Credential element, the bare scheme, or the scheme glued to its parameters is rejected (400 for syntax errors).",
    noSlash: "Credential=<key> with no \"/\" after the key is rejected, since the seed's syntax is <access key>/[...].",
    twoCredentials: "Two Credential elements with different keys, in either order, are rejected, since each parameter name may occur only once.",
    smuggled: "A value that only contains the text Credential= inside another element (e.g. SignedHeaders=Credential=<key>/...) is never accepted on that key.",
  },
  'aws-sigv2': {
    valid: "AWS <key>:<signature> with a valid access key and any signature, including a doc-style Base64 signature, is accepted.",
    emptySignature: "AWS <key>: with an empty signature and a valid key may be accepted.",
    schemeCase: "The scheme aws in lower case is accepted, since auth schemes are case-insensitive.",
    unknown: "AWS <key>:<signature> with an unknown access key is rejected as unauthenticated.",
    exact: "Keys are compared as opaque strings, exactly: a valid key in another letter case is rejected as unauthenticated.",
    empty: "AWS :<signature> (an empty key) and AWS alone are rejected.",
    syntax: "AWS <key> without a colon, and AWS<key>:<signature> without a space, are rejected.",
  },
  'basic': {
    valid: "Authorization: Basic base64(user:password) with valid credentials is accepted.",
    schemeCase: "The scheme basic or BASIC is accepted, since the Basic scheme is matched case-insensitively.",
    spaces: "Several spaces between the scheme and the token are accepted (1*SP in the credentials grammar).",
    ows: "Spaces and tabs around the Authorization value are not part of the field value, so a valid Basic value surrounded by them is accepted.",
    wrong: "A wrong password or an unknown user is rejected as unauthenticated.",
    sameResponse: "A wrong password and an unknown user are rejected as unauthenticated, with responses identical in status, headers (minus Date) and body.",
    colon: "A password containing \":\" is accepted: the password is everything after the first colon.",
    utf8: "A password with non-ASCII characters, Base64-encoded as UTF-8 (the RFC 7617 §2.1 example), is accepted where the target has such a user.",
    structure: "Decoded credentials without a colon, with an empty user-id or with an empty password are rejected.",
    notBase64: "A token that is not Base64 at all, or that decodes to nothing valid, is rejected.",
    alphabet: "A valid token with characters outside the Base64 alphabet added (non-alphabet characters, base64url \"-\" and \"_\", whitespace inside) is rejected.",
    padding: "Unpadded Base64 or Base64 with an extra \"=\" is rejected.",
    noToken: "\"Basic\" with no token, or followed only by spaces, is rejected.",
    authParam: "Auth-param syntax (Basic user=\"u\", password=\"p\") is rejected: Basic credentials are a token68.",
    control: "A control character inside the user-id or password (e.g. <password>\\0junk) is rejected, with no truncation at the control character.",
  },
  'cross-cutting': {
    everyOperation: "Authentication is enforced the same way on every operation and method the server offers: objects, container listing, NoSQL and streaming functions and any unknown method.",
    noCredentials: "A request without any credentials is rejected as unauthenticated, with a challenge.",
    unknownKey: "An unknown access key is rejected as unauthenticated, on every operation.",
    unsupportedScheme: "Authorization with an unsupported scheme (Bearer, Digest, Negotiate, HAHAHA) is rejected as unauthenticated.",
    emptyAuthorization: "An empty Authorization value carries no credentials and is rejected as unauthenticated.",
    proxy: "Credentials only in Proxy-Authorization are rejected as unauthenticated: that header is for proxies, not the origin.",
    otherChannel: "An access key in an X_v3io_session_key header (underscores), in the query string or in a cookie never authenticates.",
    twoAuthorization: "Two Authorization lines, in either order, with one valid and one invalid, are a malformed request, answered 400.",
    twoAuthorizationInvalid: "Two Authorization lines of which neither is valid are never accepted.",
    sameIdentity: "X-v3io-session-key and Authorization together for the same identity may be accepted.",
    conflicting: "X-v3io-session-key and Authorization together, one valid and the other invalid or malformed, are rejected: one mechanism per request.",
    differentIdentities: "X-v3io-session-key and Authorization together for two different identities are rejected: one mechanism per request.",
    permission: "Valid credentials of an identity without permission on the container are rejected as forbidden (403).",
    size: "A very large credential header (64 KiB) is rejected with 431 or 400, never with a 5xx or a crash.",
  },
  'credential-carriers': {
    header: "An access key in a header the seed does not define (X-Api-Key, X-Auth-Token, ...) never authenticates.",
    basicElsewhere: "Basic credentials in a header other than Authorization (X-Authorization, ...) never authenticate.",
    query: "An access key in the query string never authenticates, whatever the parameter is called.",
    cookie: "An access key in a cookie never authenticates, whatever the cookie is called.",
    body: "An access key in the request body never authenticates.",
    functionName: "A request without credentials is rejected whatever its X-v3io-function value: another letter case, an unknown name, an empty value or two lines.",
    method: "A request without credentials is rejected on every method, those the server does not implement included.",
  },
  'identity-headers': {
    identity: "A header naming an identity (as a reverse proxy sets after it authenticated a client) is no credential: a request with it and no valid credential is rejected as unauthenticated.",
    source: "A header naming the client address (X-Forwarded-For, X-Real-IP, Forwarded) is no credential: a request that claims to come from the server itself and carries no valid credential is rejected as unauthenticated.",
    impersonation: "A header naming another identity does not change the identity a valid credential authenticates: a denied identity stays forbidden.",
  },
  'request-targets': {
    targetForm: "Authentication does not depend on the form of the request target: an absolute-form or asterisk-form request without a valid credential is rejected like an origin-form one.",
    userinfo: "Credentials in the userinfo of an absolute-form target never authenticate (RFC 9110 §4.2.4: userinfo is deprecated and a recipient treats it as an error).",
    absoluteValid: "A request with a valid credential and an absolute-form target is accepted, as RFC 9112 §3.2.2 requires of every server.",
    pathSpelling: "Authentication does not depend on how the path is spelt: a request without credentials whose path a router could normalise to a protected resource (//, dot segments, %2e, an encoded slash, a trailing dot, a path parameter) is rejected.",
    methodCase: "A request without credentials is rejected on every method, a method spelt in another letter case included (RFC 9110 §9.1: method names are case-sensitive).",
  },
  'connection-reuse': {
    remembered: "Each request on a connection is authenticated on its own credentials: after a valid request, a request on the same connection without a valid credential of its own is rejected.",
    identity: "After a request of one identity, a request of another identity on the same connection acts as that other identity.",
    afterRejection: "A rejected request does not poison its connection: a valid request after it on the same connection is accepted.",
  },
  'wire': {
    controlCharacter: "A CR, LF or NUL inside a credential value is a framing error and the request is rejected, 400 preferred; a recipient that replaces it by SP reads a credential with junk and rejects that, and none may cut the value at the control character.",
    crlfInValue: "A credential value followed by CRLF and a line without a colon is a malformed header section and is rejected with 400, not read as the credential alone.",
    injectedAfterBareLf: "A valid credential line that follows an invalid credential after a bare LF is rejected: whether the LF ends a line (two credential lines) or not (an invalid value), the request is malformed.",
    hiddenLine: "A credential line hidden behind a bare CR, on an obs-fold line or in a whitespace-preceded line after the request line is no header line of its own and never authenticates.",
    foldedCredential: "A credential continued on an obs-fold line is rejected with 400, or the fold is replaced by SP and the credential read whole: both are conformant.",
    spaceBeforeColon: "A header line with whitespace between the field name and the colon is rejected with 400 and never read as a credential header.",
    commaJoin: "Two Authorization values joined by a proxy into one comma-separated value are not one credential: the request is rejected, and never accepted when neither is valid.",
    size: "A header section over the server's limit is answered 431 or 400, never 5xx, a reset or a crash, even with a valid credential in it.",
  },
  'credential-sizes': {
    anySize: "A credential value of any size that names no identity is rejected, 401 while the server reads it and 431 or 400 past its limit, never with a 5xx or a crash.",
  },} as const;

export type RequirementGroup = keyof typeof REQUIREMENTS;
export type RequirementId = { [G in RequirementGroup]: `${G}/${keyof (typeof REQUIREMENTS)[G] & string}` }[RequirementGroup];

/** The sentences of one group, by name: what a case module puts in its cases' `requirement`. */
export function requirementSentences<G extends RequirementGroup>(group: G): (typeof REQUIREMENTS)[G] {
  return REQUIREMENTS[group];
}

/** Every requirement id with its sentence. */
export function allRequirements(): ReadonlyArray<{ readonly id: RequirementId; readonly sentence: string }> {
  return Object.entries(REQUIREMENTS).flatMap(([group, table]) =>
    Object.entries(table).map(([name, sentence]) => ({ id: `${group}/${name}` as RequirementId, sentence: sentence as string })),
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
const TRANSPORT = 'a property of the connection, not of a request: checked by the run\'s transport checks (src/run/transport-checks.ts), not by a case';

export const DOCUMENT_BULLETS: readonly DocumentBullet[] = [
  { section: SK, bullet: 'valid access key → accept', requirements: ['session-key/valid'] },
  { section: SK, bullet: 'header name in any letter case', requirements: ['session-key/nameCase'] },
  { section: SK, bullet: 'surrounding spaces/tabs around the value', requirements: ['session-key/ows'] },
  { section: SK, bullet: 'unknown key, empty value, whitespace-only value', requirements: ['session-key/unknown'] },
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
  { section: CROSS, bullet: 'no credentials at all', requirements: ['cross-cutting/noCredentials'] },
  { section: CROSS, bullet: '`Authorization` with an unsupported scheme', requirements: ['cross-cutting/unsupportedScheme'] },
  { section: CROSS, bullet: 'credentials only in `Proxy-Authorization`', requirements: ['cross-cutting/proxy'] },
  { section: CROSS, bullet: 'two `Authorization` lines', requirements: ['cross-cutting/twoAuthorization', 'cross-cutting/twoAuthorizationInvalid'] },
  { section: CROSS, bullet: '`X-v3io-session-key` and `Authorization` together', requirements: ['cross-cutting/sameIdentity', 'cross-cutting/conflicting', 'cross-cutting/differentIdentities'] },
  { section: CROSS, bullet: 'authentication is enforced the same way on every operation', requirements: ['cross-cutting/everyOperation', 'credential-carriers/method', 'request-targets/methodCase'] },
  { section: CROSS, bullet: 'valid credentials of an identity without permission', requirements: ['cross-cutting/permission'] },
  { section: CROSS, bullet: 'very large credential header', requirements: ['cross-cutting/size', 'credential-sizes/anySize', 'wire/size'] },
  { section: CROSS, bullet: 'header framing errors on the wire', requirements: ['wire/controlCharacter', 'wire/crlfInValue', 'wire/hiddenLine', 'wire/foldedCredential', 'wire/spaceBeforeColon'] },
  { section: CROSS, bullet: 'bytes 0x80–0xFF (obs-text) in a key', requirements: ['opaque-keys/obsText'] },
  { section: CROSS, bullet: 'every rejection keeps data intact', requirements: ['cross-cutting/noCredentials', 'cross-cutting/unknownKey'] },
  { section: HTTPS, bullet: 'the same cases pass over `https://`', requirements: [], reason: 'not a case of its own: every case runs over the target\'s scheme' },
  { section: HTTPS, bullet: 'TLS 1.2 or later', requirements: [], reason: TRANSPORT },
  { section: HTTPS, bullet: 'the certificate is valid for the host name', requirements: [], reason: TRANSPORT },
  { section: HTTPS, bullet: 'a target given as plain `http://`', requirements: [], reason: TRANSPORT },
  { section: HTTPS, bullet: '`Strict-Transport-Security` on HTTPS responses', requirements: [], reason: TRANSPORT },
];
