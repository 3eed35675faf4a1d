/**
 * Cases for the custom `X-v3io-session-key` header (seed §X-v3io-session-key Authentication).
 *
 * The channels that must never carry a session key (underscored header name, query string,
 * cookie) are in `other-channels.ts`, with the other channels the seed does not define.
 */
import { V3IO_ONLY, type HttpCase, type HeaderLine } from './model.js';
import { httpCaseBuilder, sharing } from './case-builder.js';
import { mutatedKeyCases, schemeWordBuilder, validCases } from './form-shapes.js';
import { request } from './operations.js';
import { BASIC_TOKEN, SEED_SESSION_KEY as SEED, TRUNCATED_KEY, UNKNOWN_KEY } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';
/** An invented key no target knows (a well-formed UUID v4). */

const sessionKey = (value: string): HeaderLine => ['X-v3io-session-key', value];

const httpCase = httpCaseBuilder({ form: 'session-key', profiles: V3IO_ONLY, requirements: ['session-key', 'opaque-keys'] });
const schemeWord = schemeWordBuilder(httpCase, 'session-key-', (scheme) => ({ request: request('get-object', [sessionKey(`${scheme} {{accessKey}}`)]) }));

const exactKey = sharing(httpCase, { family: 'mutated-key', requirement: 'exact', expect: { outcome: 'unauthenticated' } });
const twoLines = sharing(httpCase, { family: 'duplicates', requirement: 'duplicate', expect: { outcome: 'malformed' } });
const commaList = sharing(httpCase, { family: 'duplicates', requirement: 'commaList', expect: { outcome: 'reject' } });

export const SESSION_KEY_CASES: readonly HttpCase[] = [
  ...validCases(httpCase, 'session-key-', 'accepts a valid access key', (operation) => ({ request: request(operation, [sessionKey('{{accessKey}}')]) })),

  // Header-name letter case: field names are case-insensitive (RFC 9110 §5.1).
  httpCase({
    id: 'session-key-header-name-lower-case',
    family: 'letter-case',
    title: 'accepts the header name in lower case (x-v3io-session-key)',
    requirement: 'nameCase',
    request: request('get-object', [['x-v3io-session-key', '{{accessKey}}']]),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'session-key-header-name-upper-case',
    family: 'letter-case',
    title: 'accepts the header name in upper case (X-V3IO-SESSION-KEY)',
    requirement: 'nameCase',
    request: request('get-object', [['X-V3IO-SESSION-KEY', '{{accessKey}}']]),
    expect: { outcome: 'accept' },
  }),

  // Optional whitespace around the value (RFC 9112 §5.1, RFC 9110 §5.5).
  httpCase({
    id: 'session-key-value-surrounded-by-spaces',
    family: 'whitespace',
    title: 'accepts a valid key surrounded by spaces',
    requirement: 'ows',
    request: request('get-object', [sessionKey('   {{accessKey}}   ')]),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'session-key-value-surrounded-by-tabs',
    family: 'whitespace',
    title: 'accepts a valid key surrounded by tabs',
    requirement: 'ows',
    request: request('get-object', [sessionKey('\t{{accessKey}}\t')]),
    expect: { outcome: 'accept' },
  }),

  // Keys nobody has.
  httpCase({
    id: 'session-key-unknown-key',
    family: 'unknown-credential',
    title: 'rejects an unknown access key',
    requirement: 'unknown',
    request: request('get-object', [sessionKey(UNKNOWN_KEY)]),
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'session-key-obs-text-key',
    family: 'unknown-credential',
    title: 'rejects a key made of bytes outside ASCII (obs-text)',
    requirement: 'obsText',
    request: request('get-object', [sessionKey('00000000-0000-4000-8000-\u00e9\u00e8\u00ea\u00eb\u00ff\u00fe\u00fd\u00fc\u00e0\u00e1\u00e2\u00e3')]),
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'session-key-empty-value',
    family: 'empty-credential',
    title: 'rejects an empty X-v3io-session-key value',
    requirement: 'unknown',
    request: request('get-object', [sessionKey('')]),
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'session-key-whitespace-only-value',
    family: 'empty-credential',
    title: 'rejects an X-v3io-session-key value of only spaces and tabs',
    requirement: 'unknown',
    request: request('get-object', [sessionKey(' \t  ')]),
    expect: { outcome: 'unauthenticated' },
  }),

  // Secrets of another kind in place of the key: a server that looks every secret up in one table,
  // or decodes a Base64 value as Basic credentials, lets them in.
  httpCase({
    id: 'session-key-password-as-key',
    family: 'other-secret',
    title: "rejects the main user's password in place of the access key",
    requirement: 'otherSecret',
    request: request('get-object', [sessionKey('{{password}}')]),
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'session-key-basic-token-as-key',
    family: 'other-secret',
    title: "rejects the main user's Basic token (Base64 of username:password) in place of the access key",
    requirement: 'otherSecret',
    request: request('get-object', [sessionKey('{{basicToken}}')]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'unauthenticated' },
  }),

  // A scheme word in front of the key: the header has no scheme, so `Bearer <key>` is no access
  // key; a server that strips a leading word (as from an Authorization value) lets it in.
  ...(['Bearer', 'Basic', 'AWS', 'Token', 'X-v3io-session-key'] as const).map((scheme) =>
    schemeWord(scheme.toLowerCase(), `rejects a valid key after the scheme word ${scheme} (X-v3io-session-key: ${scheme} <key>)`, scheme),
  ),

  // A valid key, changed.
  ...mutatedKeyCases(httpCase, {
    idPrefix: 'session-key-',
    otherCaseName: 'other-letter-case',
    where: '',
    request: (key) => request('get-object', [sessionKey(key)]),
    mutatedSources: [SEED, UNAUTHORIZED],
  }),
  exactKey({
    id: 'session-key-trailing-word',
    title: 'rejects a valid key followed by a space and a word',
    request: request('get-object', [sessionKey('{{accessKey}} x')]),
  }),
  exactKey({
    id: 'session-key-trailing-semicolon',
    title: 'rejects a valid key followed by a semicolon',
    request: request('get-object', [sessionKey('{{accessKey}};')]),
  }),
  exactKey({
    id: 'session-key-quoted-key',
    title: 'rejects a valid key in double quotes',
    request: request('get-object', [sessionKey('"{{accessKey}}"')]),
  }),

  // Two header lines (newman sends both when the name is spelled the same).
  twoLines({
    id: 'session-key-two-lines-same-key',
    title: 'rejects two X-v3io-session-key lines with the same valid key as malformed',
    request: request('get-object', [sessionKey('{{accessKey}}'), sessionKey('{{accessKey}}')]),
  }),
  twoLines({
    id: 'session-key-two-lines-valid-then-unknown',
    title: 'rejects a valid X-v3io-session-key line followed by one with an unknown key',
    request: request('get-object', [sessionKey('{{accessKey}}'), sessionKey(UNKNOWN_KEY)]),
  }),
  twoLines({
    id: 'session-key-two-lines-unknown-then-valid',
    title: 'rejects an X-v3io-session-key line with an unknown key followed by a valid one',
    request: request('get-object', [sessionKey(UNKNOWN_KEY), sessionKey('{{accessKey}}')]),
  }),
  twoLines({
    id: 'session-key-two-lines-valid-then-denied',
    title: 'rejects two X-v3io-session-key lines with the keys of two identities (permitted first)',
    request: request('get-object', [sessionKey('{{accessKey}}'), sessionKey('{{deniedAccessKey}}')]),
    requires: ['deniedAccessKey'],
  }),
  twoLines({
    id: 'session-key-two-lines-denied-then-valid',
    title: 'rejects two X-v3io-session-key lines with the keys of two identities (denied first)',
    request: request('get-object', [sessionKey('{{deniedAccessKey}}'), sessionKey('{{accessKey}}')]),
    requires: ['deniedAccessKey'],
  }),
  httpCase({
    id: 'session-key-two-lines-both-invalid',
    family: 'duplicates',
    title: 'rejects two X-v3io-session-key lines of which neither is valid',
    requirement: 'duplicateInvalid',
    request: request('get-object', [sessionKey(UNKNOWN_KEY), sessionKey('{{truncatedKey}}')]),
    derive: [TRUNCATED_KEY],
    expect: { outcome: 'malformed' },
  }),

  // One line holding a list.
  commaList({
    id: 'session-key-comma-list-valid-first',
    title: 'rejects a comma-joined list of a valid and an unknown key',
    request: request('get-object', [sessionKey(`{{accessKey}}, ${UNKNOWN_KEY}`)]),
  }),
  commaList({
    id: 'session-key-comma-list-valid-last',
    title: 'rejects a comma-joined list of an unknown and a valid key',
    request: request('get-object', [sessionKey(`${UNKNOWN_KEY}, {{accessKey}}`)]),
  }),
  commaList({
    id: 'session-key-comma-list-same-key',
    title: 'rejects a comma-joined list of the same valid key twice',
    request: request('get-object', [sessionKey('{{accessKey}}, {{accessKey}}')]),
  }),
];
