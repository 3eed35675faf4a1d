/**
 * The case model: what a conformance case is, as plain readonly data.
 *
 * Case modules import this file, `operations.ts` and the builders of `case-builder.ts`. Nothing
 * here knows about newman, Postman, the reference implementation or reporters: those read the
 * catalogue, never the reverse.
 */

/** RFC 2119 requirement levels. A failed MUST makes the target non-conformant. */
export const LEVELS = ['must', 'should', 'may'] as const;
export type Level = (typeof LEVELS)[number];

/** The four credential forms of the seed, plus the cases that cut across them. */
export const FORMS = ['session-key', 'aws-sigv4', 'aws-sigv2', 'basic', 'cross-cutting'] as const;
export type Form = (typeof FORMS)[number];

/**
 * One row per form: the prefix of its case ids (a wire case's id continues with `wire-`) and its
 * human name, used for folders, report columns and JUnit class names.
 */
export const FORM_TABLE: Readonly<Record<Form, { readonly idPrefix: string; readonly title: string }>> = {
  'session-key': { idPrefix: 'session-key-', title: 'X-v3io-session-key' },
  'aws-sigv4': { idPrefix: 'sigv4-', title: 'AWS Signature V4 syntax' },
  'aws-sigv2': { idPrefix: 'sigv2-', title: 'AWS Signature V2 syntax' },
  basic: { idPrefix: 'basic-', title: 'Basic' },
  'cross-cutting': { idPrefix: 'cross-', title: 'Cross-cutting' },
};

/** Human names of the forms (the `title` column of `FORM_TABLE`). */
export const FORM_TITLES: Readonly<Record<Form, string>> = Object.fromEntries(FORMS.map((f) => [f, FORM_TABLE[f].title])) as Record<Form, string>;

/**
 * The kinds of server a run can judge, each with its own collection (see `profiles.ts`):
 * - `v3io`: a V3IO web-API server, all four credential forms, V3IO operations and error bodies;
 * - `basic`: any RFC 7617 / RFC 9110 Basic-authentication server (nginx `auth_basic`, Apache
 *   `mod_auth_basic`, ...): the Basic and cross-cutting cases that need nothing of V3IO, sent to
 *   one protected URL, judged without V3IO body schemas.
 */
export const PROFILES = ['v3io', 'basic'] as const;
export type ProfileId = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: ProfileId = 'v3io';

/** Profile memberships, named so that a case module states its choice in one word. */
export const V3IO_ONLY: readonly ProfileId[] = ['v3io'];
export const EVERY_PROFILE: readonly ProfileId[] = ['v3io', 'basic'];

/**
 * Outcome classes of auth-requirements.md. `reject` is any of the three rejection classes.
 * The statuses each class stands for are in `OUTCOME_STATUSES`.
 */
export const OUTCOME_CLASSES = ['accept', 'unauthenticated', 'malformed', 'forbidden', 'reject'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

export const OUTCOME_STATUSES: Readonly<Record<Exclude<OutcomeClass, 'accept'>, readonly number[]>> = {
  unauthenticated: [401],
  malformed: [400],
  forbidden: [403],
  reject: [400, 401, 403],
};

/**
 * Variables a target environment provides. The first five are required; a case that needs an
 * optional one that the environment lacks is skipped, visibly.
 */
export const REQUIRED_VARIABLES = ['baseUrl', 'container', 'accessKey', 'username', 'password'] as const;
export const OPTIONAL_VARIABLES = [
  'deniedAccessKey',
  'deniedUsername',
  'deniedPassword',
  'colonUsername',
  'colonPassword',
  'utf8Username',
  'utf8Password',
] as const;
export type RequiredVariable = (typeof REQUIRED_VARIABLES)[number];
export type OptionalVariable = (typeof OPTIONAL_VARIABLES)[number];
export type EnvironmentVariable = RequiredVariable | OptionalVariable;

/**
 * The process environment variable that sets each variable: the names the V3IO SDKs read
 * (`V3IO_API`, `V3IO_ACCESS_KEY`, ...), and for the other identities names of the same kind.
 * Runs read them; reproduce commands refer to them instead of writing a secret.
 */
export const ENVIRONMENT_NAMES: Readonly<Record<EnvironmentVariable, string>> = {
  baseUrl: 'V3IO_API',
  container: 'V3IO_CONTAINER',
  accessKey: 'V3IO_ACCESS_KEY',
  username: 'V3IO_USERNAME',
  password: 'V3IO_PASSWORD',
  deniedAccessKey: 'V3IO_DENIED_ACCESS_KEY',
  deniedUsername: 'V3IO_DENIED_USERNAME',
  deniedPassword: 'V3IO_DENIED_PASSWORD',
  colonUsername: 'V3IO_COLON_USERNAME',
  colonPassword: 'V3IO_COLON_PASSWORD',
  utf8Username: 'V3IO_UTF8_USERNAME',
  utf8Password: 'V3IO_UTF8_PASSWORD',
};

/**
 * Environment variables that hold secrets. Reports, logs and the "echoes no secret" check use
 * this list; values of these variables never leave the process except on the wire to the target.
 */
export const SECRET_VARIABLES: readonly EnvironmentVariable[] = [
  'accessKey',
  'password',
  'deniedAccessKey',
  'deniedPassword',
  'colonPassword',
  'utf8Password',
];

/**
 * A source of a requirement, primary first. Written bare, e.g. `seed §Basic HTTP Username/Password
 * Authentication`, `RFC 9110 §11.6.2`, `RFC 7617 §2.1`, `OWASP Authentication Cheat Sheet`;
 * reports turn them into links.
 */
export type Source = string;

/** One header line as sent, in order. Name and value may hold `{{variable}}` placeholders. */
export type HeaderLine = readonly [name: string, value: string];

/**
 * A step applied to a string when a derived variable is computed (in the collection's
 * pre-request script). Kept to a closed set so that every runner can implement it.
 */
export type Transform =
  /** RFC 4648 §4 Base64 of the UTF-8 bytes. */
  | { readonly op: 'base64' }
  /** Base64 without the trailing `=` padding. */
  | { readonly op: 'base64-unpadded' }
  /** RFC 4648 §5 base64url of the UTF-8 bytes (with padding). */
  | { readonly op: 'base64url' }
  /**
   * Upper case letters to lower and lower to upper; a text without a cased letter gets its last
   * character changed instead (as `change-last-char`), so that the result always differs: a
   * credential with no letters must not turn a rejection case into a request with the valid one.
   */
  | { readonly op: 'other-case' }
  /** RFC 3986 §2.1 percent-encoding of the UTF-8 bytes (as encodeURIComponent), e.g. for userinfo. */
  | { readonly op: 'percent-encode' }
  /** Remove the last character. */
  | { readonly op: 'drop-last-char' }
  /** Replace the last character by a different one of the same kind (digit, letter). */
  | { readonly op: 'change-last-char' }
  /** Repeat the string until it is exactly `length` characters long. */
  | { readonly op: 'repeat-to-length'; readonly length: number };

/**
 * A variable computed before the request is sent: `{{name}}` in the request then stands for
 * `from` (a template with `{{variables}}`) after each transform in turn. `from` may use the
 * environment's and the collection's variables and the derivations listed before this one.
 */
export interface Derivation {
  readonly name: string;
  readonly from: string;
  readonly apply: readonly Transform[];
}

/** The operations the cases exercise; `operations.ts` defines each one's request and success check. */
export const OPERATION_IDS = [
  'list-containers',
  'list-container',
  'head-container',
  'get-object',
  'head-object',
  'put-object',
  'post-object',
  'delete-object',
  'get-item',
  'put-item',
  'update-item',
  'get-items',
  'create-stream',
  'describe-stream',
  'update-stream',
  'put-records',
  'seek',
  'get-records',
  'unknown-method',
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** The request a case sends. Built with `request()` in `operations.ts`; plain data after that. */
export interface RequestSpec {
  readonly operation: OperationId;
  readonly method: string;
  /** Path and query, with `{{variables}}`, e.g. `/{{container}}/{{fixtureObject}}`. */
  readonly path: string;
  readonly headers: readonly HeaderLine[];
  /** Body as text, with `{{variables}}`; absent for none. */
  readonly body?: string;
}

/**
 * What the server is expected to answer. An accept expectation is the outcome alone: rejection statuses or a
 * same-response comparison on it cannot be written (`never` keeps them readable as `undefined`).
 */
export type Expectation = AcceptExpectation | RejectionExpectation;

export interface AcceptExpectation {
  readonly outcome: 'accept';
  readonly statuses?: never;
  readonly letInOnEvidence?: never;
  readonly sameResponseAs?: never;
}

export interface RejectionExpectation {
  readonly outcome: Exclude<OutcomeClass, 'accept'>;
  /**
   * The statuses the exact-class check (always SHOULD) accepts, when they differ from the
   * class's own (e.g. `[431, 400]` for an over-long header).
   */
  readonly statuses?: readonly number[];
  /**
   * Set when the request does not name the protected resource canonically (a path spelling, a
   * request-target form, a bypass technique): a 2xx is then a MUST failure only on evidence that
   * the request reached the protected resource (its content or listing in the answer, or a write
   * that happened); any other 2xx is a SHOULD failure (the server read the spelling as another
   * resource), reported with what it showed.
   */
  readonly letInOnEvidence?: true;
  /**
   * A second request whose response must be identical in status, headers (minus Date and
   * per-request ids) and body (SHOULD), e.g. unknown user vs wrong password.
   */
  readonly sameResponseAs?: {
    readonly headers: readonly HeaderLine[];
    readonly derive?: readonly Derivation[];
  };
}

/**
 * Variables only wire cases use, computed by the wire runner rather than set in an environment:
 * `host` is the authority (host and port) of `baseUrl`, for the `Host` line; `scheme` is its
 * scheme (`http`, `https`) and `origin` is `<scheme>://<host>` followed by the path of `baseUrl`,
 * for an absolute-form request target (RFC 9112 §3.2.2).
 */
export const WIRE_VARIABLES = ['host', 'scheme', 'origin'] as const;

/**
 * One piece of a wire case's bytes, in the order sent. Texts may hold `{{variables}}`; once they
 * are resolved every character U+0000–U+00FF is sent as the one byte of that value
 * (ISO-8859-1), so CR, LF, NUL and obs-text go out exactly as written: wire cases exist to send
 * what an HTTP client library refuses to.
 */
export type WirePart =
  /**
   * `<method> <target> <version>` and CRLF; the version is `HTTP/1.1` unless `version` says
   * otherwise (`HTTP/1.0`, a version no server implements).
   */
  | { readonly kind: 'request-line'; readonly method: string; readonly target: string; readonly version?: string }
  /** `<name>:<SP><value>` and CRLF. The name may end in spaces or tabs; the value may hold CR, LF, NUL or obs-text. */
  | { readonly kind: 'header'; readonly name: string; readonly value: string }
  /** Raw text, for framing that is not a header line (a fold, a bare CR line ending, a line after the request line). */
  | { readonly kind: 'bytes'; readonly text: string }
  /** The empty line (CRLF) that ends the header section. */
  | { readonly kind: 'end' }
  /** After the end of the header section, the message body as sent (a chunked body with its trailer section, a write's content). */
  | { readonly kind: 'body'; readonly text: string };

/**
 * The bytes of a wire case: its `parts`, sent as written over a raw socket instead of through
 * newman. Not part of the Postman export.
 *
 * The parts may hold several requests, each starting with its request line, sent one after the
 * other on one keep-alive connection (RFC 9112 §9.3), each once the answer to the one before is
 * complete: the case is judged on the answer to the last one; the earlier ones (never HEAD) must
 * be answered, but their answers are not judged. That is how a case checks what a connection
 * remembers (a cached authentication).
 */
export interface WireRequest {
  readonly parts: readonly WirePart[];
  /**
   * Whether a reading of the bytes carries a valid credential. Without one, ending the connection
   * is as good a rejection as a status; with one, the preferred rejection is the expected status.
   */
  readonly validCredential: boolean;
  /**
   * Set when an RFC lets the recipient repair the bytes instead of rejecting them (obs-fold and
   * bare CR replaced by SP) and the repaired request carries a valid credential: a 2xx is then as
   * conformant as the rejection.
   */
  readonly repairAccepted?: true;
  /**
   * Set when an RFC requires the exact status of the rejection (RFC 9112 §5.1: a server MUST answer
   * 400 to whitespace between a field name and its colon): the exact-status check is then made at
   * MUST level, not SHOULD (auth-requirements.md, "How a level is chosen": a requirement the RFCs
   * place on servers).
   */
  readonly statusRequired?: true;
}

/** What every case has, whatever it sends or measures. */
interface CaseCommon {
  /**
   * Stable kebab-case id, never reused for another meaning: a request case's starts with its form's
   * prefix (a wire case's continues with `wire-`), a transport case's with its protocol (`https-`, `http-`).
   */
  readonly id: string;
  readonly form: Form;
  /**
   * The profiles whose runs include the case. A request case is in `basic` only when it needs
   * nothing of V3IO: its operation is one the profile maps (GET or HEAD of the protected URL) and
   * its variables are Basic identities.
   */
  readonly profiles: readonly ProfileId[];
  /** The family the case belongs to (rows of the conformance matrix), e.g. `letter-case`. */
  readonly family: string;
  /** A behaviour a reader understands, e.g. `rejects an unknown access key`. */
  readonly title: string;
  /** The requirement sentence the case checks, as written in `requirements.ts`. */
  readonly requirement: string;
  /** Level of the case's primary check (accepted / rejected / measured). */
  readonly level: Level;
  /** Primary first. */
  readonly sources: readonly Source[];
}

/** What a case that sends a request has besides: its variables and what the server should answer. */
interface RequestCaseCommon extends CaseCommon {
  /** Variables computed before sending (Base64 tokens, mutated keys, long values). */
  readonly derive?: readonly Derivation[];
  /** Optional environment variables the case needs; without them it is skipped. */
  readonly requires?: readonly OptionalVariable[];
  /**
   * Pairs of variables whose values must differ for the case to mean what it says (a user-id with
   * another user's password proves nothing where the two users share it); else it is skipped.
   */
  readonly distinct?: readonly (readonly [EnvironmentVariable, EnvironmentVariable])[];
  readonly expect: Expectation;
}

/** A case sent through an HTTP client (newman, the native engine) and exported to Postman. */
export interface HttpCase extends RequestCaseCommon {
  readonly kind: 'http';
  readonly request: RequestSpec;
}

/**
 * A case sent over a raw socket, byte for byte, never through newman. It has no `RequestSpec`:
 * its method and target are those of the last request line of its parts (the request it is judged
 * on, see `caseMethod` and `caseTarget` in `case-request.ts`), and `operation` names what that
 * request is, for the success checks of an accepted case and for reports.
 */
export interface WireCase extends RequestCaseCommon {
  readonly kind: 'wire';
  readonly operation: OperationId;
  readonly wire: WireRequest;
}

/**
 * What a transport case measures, by the runner's own means rather than a request of the case:
 * - `tls-minimum-version`: handshakes of the runner's own: TLS 1.2 or later negotiated when
 *   TLS 1.0 to 1.3 are offered, and a handshake offering only TLS 1.0 (or only 1.1) refused;
 * - `strict-transport-security`: some response of the run carries Strict-Transport-Security;
 * - `no-strict-transport-security`: no response of the run carries it.
 */
export const TRANSPORT_PROBES = ['tls-minimum-version', 'strict-transport-security', 'no-strict-transport-security'] as const;
export type TransportProbe = (typeof TRANSPORT_PROBES)[number];

/** What a conformant target shows to each probe, in words for docs and listings. */
export const TRANSPORT_PROBE_TEXT: Readonly<Record<TransportProbe, string>> = {
  'tls-minimum-version': 'TLS 1.2 or later negotiated; a handshake offering only TLS 1.0 or only TLS 1.1 refused',
  'strict-transport-security': 'Strict-Transport-Security on the responses of the run',
  'no-strict-transport-security': 'no Strict-Transport-Security on any response of the run',
};

/** The schemes of a target URL a transport case can apply to. */
export const TRANSPORT_PROTOCOLS = ['https', 'http'] as const;
export type TransportProtocol = (typeof TRANSPORT_PROTOCOLS)[number];

/**
 * What a transport measurement should find: `accept`, the property is there; `reject`, the target
 * refuses what the probe offers (an old TLS version). Statuses and second requests mean nothing here.
 */
export interface TransportExpectation {
  readonly outcome: 'accept' | 'reject';
  readonly statuses?: never;
  readonly sameResponseAs?: never;
}

/**
 * A property of the connection rather than of a request (auth-requirements.md, "HTTPS"): measured
 * by the runner on a real target whose scheme is `protocol`, after the requests; a run against a
 * target of the other scheme, or the embedded reference, leaves it out.
 */
export interface TransportCase extends CaseCommon {
  readonly kind: 'transport';
  readonly probe: TransportProbe;
  readonly protocol: TransportProtocol;
  readonly expect: TransportExpectation;
}

/** A case that sends a request and is judged on the answer. */
export type RequestCase = HttpCase | WireCase;

/** One conformance case, of one of three kinds: `kind` says which, and which fields it has. */
export type ConformanceCase = HttpCase | WireCase | TransportCase;

/** The kinds of case, in catalogue order. */
export const CASE_KINDS = ['http', 'wire', 'transport'] as const satisfies readonly ConformanceCase['kind'][];
