/**
 * Wire cases: header framing that an HTTP client library (newman's included) refuses to send —
 * CR, LF or NUL inside a value, obs-fold, a bare CR or LF line ending, whitespace before a colon or
 * after the request line — sent over a raw socket, byte for byte (RFC 9112 §2.2, §5.1, §5.2;
 * RFC 9110 §5.5). Each is a case of its credential form, of kind `wire`: its bytes are its request.
 *
 * Levels (auth-requirements.md, "How a level is chosen"): bytes from which no conformant reading
 * gets a valid credential are never accepted (MUST); framing errors around a valid credential are
 * rejected (SHOULD), unless an RFC requires the rejection: whitespace before the colon is MUST, and
 * so is its status, since RFC 9112 §5.1 requires 400 (`statusRequired`: a 401 or a dropped
 * connection is a MUST failure there).
 * Where an RFC lets the recipient either reject or repair (obs-fold, bare CR, CR/LF/NUL replaced
 * by SP), the statuses take both readings: 400 for the rejection, 401 when the repaired value is
 * not a valid credential, and a 2xx (`repairAccepted`) when it is.
 *
 * Every case lists the container's root (`GET /<container>/?max-keys=1`), which needs no fixture:
 * the wire cases run after newman's teardown. `Connection: close` ends each exchange after one response.
 */
import { EVERY_PROFILE, V3IO_ONLY, type Derivation, type Expectation, type OperationId, type WireCase, type WirePart } from './model.js';
import { OPERATIONS } from './operations.js';
import { WIRE_OPERATION, wireCaseBuilder } from './case-builder.js';
import { BASIC_TOKEN, SEED_BASIC as BASIC_SEED, SEED_HTTP_AUTH as HTTP_AUTH_SEED, SEED_SESSION_KEY as SESSION_KEY_SEED, WRONG_PASSWORD_TOKEN } from './credentials.js';

/** The operation of every wire case's judged request (see `WIRE_OPERATION`). */
export const OPERATION: OperationId = WIRE_OPERATION;
const FIELD_VALUES = 'RFC 9110 §5.5';
const MESSAGE_PARSING = 'RFC 9112 §2.2';
const FIELD_LINE = 'RFC 9112 §5.1';
const OBS_FOLD = 'RFC 9112 §5.2';
const SIGV2_SIGNATURE = 'Vb3bM1v6sB5rT0k2Yq9xWn4hJcE=';

/** The main key with its last character changed: a key of the right shape that no identity has. */
const UNKNOWN_KEY: Derivation = { name: 'unknownKey', from: '{{accessKey}}', apply: [{ op: 'change-last-char' }] };

/** One padding line, 64 bytes with its CRLF; `PADDING_LINES` of them make the header section too large. */
const PADDING_LINE = 'X-Padding: v3io-auth-conformance-padding-0123456789abcdefghijklm\r\n';
const PADDING_LINES = 2048;
const PADDING: Derivation = {
  name: 'padding',
  from: PADDING_LINE,
  apply: [{ op: 'repeat-to-length', length: PADDING_LINE.length * PADDING_LINES }],
};

export const header = (name: string, value: string): WirePart => ({ kind: 'header', name, value });
const bytes = (text: string): WirePart => ({ kind: 'bytes', text });
const sessionKey = (value: string): WirePart => header('X-v3io-session-key', value);
const authorization = (value: string): WirePart => header('Authorization', value);

export const REQUEST_LINE: WirePart = { kind: 'request-line', method: OPERATIONS[OPERATION].method, target: OPERATIONS[OPERATION].path };
export const HOST = header('Host', '{{host}}');
export const CLOSE = header('Connection', 'close');
export const END: WirePart = { kind: 'end' };

/** The request line, Host, the case's own parts, `Connection: close` and the end of the header section. */
export function framed(parts: readonly WirePart[]): readonly WirePart[] {
  return [REQUEST_LINE, HOST, ...parts, CLOSE, END];
}

const GROUPS = ['wire', 'opaque-keys'] as const;
const sessionKeyWire = wireCaseBuilder({ form: 'session-key', profiles: V3IO_ONLY, requirements: GROUPS });
const basicWire = wireCaseBuilder({ form: 'basic', profiles: EVERY_PROFILE, requirements: GROUPS });
const crossWire = wireCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: GROUPS });

const REJECTED_OR_REPAIRED: Expectation = { outcome: 'malformed', statuses: [400, 401] };
const REJECTED: Expectation = { outcome: 'malformed' };

/** CR, LF, CRLF and NUL after a valid credential, inside its value: one case each. */
const CONTROL_CHARACTERS = [
  { name: 'cr', what: 'a bare CR', text: '\r', expect: REJECTED_OR_REPAIRED, sources: [FIELD_VALUES, MESSAGE_PARSING] },
  { name: 'lf', what: 'a bare LF', text: '\n', expect: REJECTED_OR_REPAIRED, sources: [FIELD_VALUES, MESSAGE_PARSING] },
  { name: 'crlf', what: 'CRLF', text: '\r\n', expect: REJECTED, sources: [FIELD_LINE, FIELD_VALUES] },
  { name: 'nul', what: 'a NUL', text: '\u0000', expect: REJECTED_OR_REPAIRED, sources: [FIELD_VALUES] },
] as const;

const SESSION_KEY_CONTROL_CASES = CONTROL_CHARACTERS.map(({ name, what, text, expect, sources }) =>
  sessionKeyWire({
    name: `${name}-after-key`,
    family: 'wire-control-character',
    title: `rejects a valid key followed by ${what} and junk in the same value`,
    requirement: name === 'crlf' ? 'crlfInValue' : 'controlCharacter',
    sources: [...sources, SESSION_KEY_SEED],
    parts: framed([sessionKey(`{{accessKey}}${text}junk`)]),
    expect,
    validCredential: true,
  }),
);

const BASIC_CONTROL_CASES = CONTROL_CHARACTERS.map(({ name, what, text, expect, sources }) =>
  basicWire({
    name: `${name}-after-token`,
    family: 'wire-control-character',
    title: `rejects a valid Basic token followed by ${what} and junk in the same value`,
    requirement: name === 'crlf' ? 'crlfInValue' : 'controlCharacter',
    sources: [...sources, BASIC_SEED],
    parts: framed([authorization(`Basic {{basicToken}}${text}junk`)]),
    derive: [BASIC_TOKEN],
    expect,
    validCredential: true,
  }),
);

export const WIRE_CASES: readonly WireCase[] = [
  ...SESSION_KEY_CONTROL_CASES,
  sessionKeyWire({
    name: 'key-after-bare-lf',
    family: 'wire-line-ending',
    title: 'rejects a valid key line after an unknown key ended by a bare LF',
    requirement: 'injectedAfterBareLf',
    sources: [MESSAGE_PARSING, FIELD_VALUES, SESSION_KEY_SEED],
    parts: framed([sessionKey('{{unknownKey}}\nX-v3io-session-key: {{accessKey}}')]),
    derive: [UNKNOWN_KEY],
    expect: REJECTED_OR_REPAIRED,
    validCredential: true,
  }),
  sessionKeyWire({
    name: 'key-line-behind-bare-cr',
    family: 'wire-line-ending',
    title: 'rejects a session-key line hidden behind a bare CR',
    requirement: 'hiddenLine',
    sources: [MESSAGE_PARSING, FIELD_VALUES, SESSION_KEY_SEED],
    parts: framed([header('X-Note', 'v3io-auth-conformance\rX-v3io-session-key: {{accessKey}}')]),
    expect: REJECTED_OR_REPAIRED,
    validCredential: false,
  }),
  sessionKeyWire({
    name: 'key-on-obs-fold-line',
    family: 'wire-obs-fold',
    title: 'rejects a valid key continued on an obs-fold line, or reads it whole',
    requirement: 'foldedCredential',
    sources: [OBS_FOLD, SESSION_KEY_SEED],
    parts: framed([sessionKey('\r\n {{accessKey}}')]),
    expect: REJECTED,
    validCredential: true,
    repairAccepted: true,
  }),
  sessionKeyWire({
    name: 'key-line-on-obs-fold',
    family: 'wire-obs-fold',
    title: 'rejects a session-key line folded into the value of another header',
    requirement: 'hiddenLine',
    sources: [OBS_FOLD, SESSION_KEY_SEED],
    parts: framed([header('X-Note', 'v3io-auth-conformance\r\n X-v3io-session-key: {{accessKey}}')]),
    expect: REJECTED_OR_REPAIRED,
    validCredential: false,
  }),
  sessionKeyWire({
    name: 'space-before-colon',
    family: 'wire-field-name',
    title: 'rejects a space between the header name and the colon (X-v3io-session-key : <key>)',
    requirement: 'spaceBeforeColon',
    sources: [FIELD_LINE, SESSION_KEY_SEED],
    parts: framed([header('X-v3io-session-key ', '{{accessKey}}')]),
    // RFC 9112 §5.1: "A server MUST reject, with a response status code of 400": the 400 is the MUST.
    expect: REJECTED,
    validCredential: true,
    statusRequired: true,
  }),
  sessionKeyWire({
    name: 'tab-before-colon',
    family: 'wire-field-name',
    title: 'rejects a tab between the header name and the colon',
    requirement: 'spaceBeforeColon',
    sources: [FIELD_LINE, SESSION_KEY_SEED],
    parts: framed([header('X-v3io-session-key\t', '{{accessKey}}')]),
    // RFC 9112 §5.1: "A server MUST reject, with a response status code of 400": the 400 is the MUST.
    expect: REJECTED,
    validCredential: true,
    statusRequired: true,
  }),
  sessionKeyWire({
    name: 'nbsp-after-key',
    family: 'wire-obs-text',
    // 0xA0 is NO-BREAK SPACE in ISO-8859-1, which JavaScript's trim() removes: OWS is SP and HTAB only.
    title: 'rejects a valid key followed by the byte 0xA0 (no-break space in ISO-8859-1)',
    requirement: 'obsText',
    sources: [FIELD_VALUES, FIELD_LINE, SESSION_KEY_SEED],
    parts: framed([sessionKey('{{accessKey}}\u00a0')]),
    expect: { outcome: 'unauthenticated' },
    validCredential: false,
  }),
  sessionKeyWire({
    name: 'invalid-utf8-after-key',
    family: 'wire-obs-text',
    // A lone 0xE9 is not UTF-8: a decoder that drops what it cannot decode would be left with the key.
    title: 'rejects a valid key followed by the byte 0xE9 (not UTF-8)',
    requirement: 'obsText',
    sources: [FIELD_VALUES, SESSION_KEY_SEED],
    parts: framed([sessionKey('{{accessKey}}\u00e9')]),
    expect: { outcome: 'unauthenticated' },
    validCredential: false,
  }),

  ...BASIC_CONTROL_CASES,
  basicWire({
    name: 'token-on-obs-fold-line',
    family: 'wire-obs-fold',
    title: 'rejects a Basic token continued on an obs-fold line, or reads it whole',
    requirement: 'foldedCredential',
    sources: [OBS_FOLD, BASIC_SEED, 'RFC 7617 §2'],
    parts: framed([authorization('Basic\r\n {{basicToken}}')]),
    derive: [BASIC_TOKEN],
    expect: REJECTED,
    validCredential: true,
    repairAccepted: true,
  }),
  basicWire({
    name: 'authorization-line-on-obs-fold',
    family: 'wire-obs-fold',
    title: 'rejects an Authorization line folded into the value of another header',
    requirement: 'hiddenLine',
    sources: [OBS_FOLD, BASIC_SEED],
    parts: framed([header('X-Note', 'v3io-auth-conformance\r\n Authorization: Basic {{basicToken}}')]),
    derive: [BASIC_TOKEN],
    expect: REJECTED_OR_REPAIRED,
    validCredential: false,
  }),
  basicWire({
    name: 'space-before-colon',
    family: 'wire-field-name',
    title: 'rejects a space between the header name and the colon (Authorization : Basic <token>)',
    requirement: 'spaceBeforeColon',
    sources: [FIELD_LINE, BASIC_SEED],
    parts: framed([header('Authorization ', 'Basic {{basicToken}}')]),
    derive: [BASIC_TOKEN],
    // RFC 9112 §5.1: "A server MUST reject, with a response status code of 400": the 400 is the MUST.
    expect: REJECTED,
    validCredential: true,
    statusRequired: true,
  }),

  crossWire({
    name: 'key-line-after-request-line-with-leading-space',
    family: 'wire-line-ending',
    title: 'rejects a whitespace-preceded session-key line right after the request line',
    requirement: 'hiddenLine',
    sources: [MESSAGE_PARSING, SESSION_KEY_SEED],
    // RFC 9112 §2.2: reject the message, or consume the line without processing it.
    parts: [REQUEST_LINE, bytes(' X-v3io-session-key: {{accessKey}}\r\n'), HOST, CLOSE, END],
    expect: REJECTED_OR_REPAIRED,
    validCredential: false,
  }),
  crossWire({
    name: 'session-key-after-bare-lf-in-authorization',
    family: 'wire-line-ending',
    title: 'rejects a valid session-key line after a wrong Basic token ended by a bare LF',
    requirement: 'injectedAfterBareLf',
    sources: [MESSAGE_PARSING, FIELD_VALUES, HTTP_AUTH_SEED],
    parts: framed([authorization('Basic {{wrongPasswordToken}}\nX-v3io-session-key: {{accessKey}}')]),
    derive: [WRONG_PASSWORD_TOKEN],
    expect: REJECTED_OR_REPAIRED,
    validCredential: true,
  }),
  crossWire({
    name: 'comma-joined-authorization-both-valid',
    family: 'wire-comma-join',
    title: 'rejects a valid Basic and a valid SigV2 credential joined by a comma in one Authorization line',
    requirement: 'commaJoin',
    level: 'should',
    parts: framed([authorization(`Basic {{basicToken}}, AWS {{accessKey}}:${SIGV2_SIGNATURE}`)]),
    derive: [BASIC_TOKEN],
    expect: REJECTED_OR_REPAIRED,
    validCredential: true,
  }),
  crossWire({
    name: 'comma-joined-authorization-wrong-then-valid',
    family: 'wire-comma-join',
    title: 'rejects a wrong Basic and a valid SigV2 credential joined by a comma in one Authorization line',
    requirement: 'commaJoin',
    level: 'should',
    parts: framed([authorization(`Basic {{wrongPasswordToken}}, AWS {{accessKey}}:${SIGV2_SIGNATURE}`)]),
    derive: [WRONG_PASSWORD_TOKEN],
    expect: REJECTED_OR_REPAIRED,
    validCredential: true,
  }),
  crossWire({
    name: 'comma-joined-authorization-neither-valid',
    family: 'wire-comma-join',
    title: 'rejects a wrong Basic and an unknown SigV2 credential joined by a comma in one Authorization line',
    requirement: 'commaJoin',
    parts: framed([authorization(`Basic {{wrongPasswordToken}}, AWS {{unknownKey}}:${SIGV2_SIGNATURE}`)]),
    derive: [WRONG_PASSWORD_TOKEN, UNKNOWN_KEY],
    expect: { outcome: 'reject' },
    validCredential: false,
  }),
  crossWire({
    name: 'oversized-header-section',
    family: 'wire-size',
    title: `rejects a header section of ${(PADDING_LINE.length * PADDING_LINES) / 1024} KiB in ${PADDING_LINES} lines after a valid key`,
    requirement: 'size',
    parts: framed([sessionKey('{{accessKey}}'), bytes('{{padding}}')]),
    derive: [PADDING],
    expect: { outcome: 'reject', statuses: [431, 400] },
    validCredential: true,
  }),
];
