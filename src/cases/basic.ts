/**
 * Cases for Basic username/password authentication
 * (seed §Basic HTTP Username/Password Authentication; RFC 7617; RFC 9110 §11).
 *
 * Tokens are never written out: each is derived from `{{username}}:{{password}}` (or the
 * optional colon and UTF-8 identities) before the request is sent.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type Derivation, type HeaderLine, type Transform } from './model.js';
import { httpCaseBuilder, sharing } from './case-builder.js';
import { schemeWordBuilder, validCases } from './form-shapes.js';
import { request } from './operations.js';
import { BASIC_TOKEN, SEED_BASIC as SEED, WRONG_PASSWORD_TOKEN } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';

const BASE64: Transform = { op: 'base64' };
const authorization = (value: string): HeaderLine => ['Authorization', value];

/** `{{<name>}}` = Base64 of `from` after the optional `before` transforms. */
function token(name: string, from: string, before: readonly Transform[] = []): Derivation {
  return { name, from, apply: [...before, BASE64] };
}

/** The valid token of the main identity. */
const VALID_TOKEN = BASIC_TOKEN;

const httpCase = httpCaseBuilder({ form: 'basic', profiles: EVERY_PROFILE, requirements: ['basic'] });

/** The main identity's valid token under a scheme word that is not Basic (the requirement's §11.4 is for the missing word). */
const schemeWord = schemeWordBuilder(httpCase, 'basic-', (scheme) => ({
  sources: [SEED, 'RFC 9110 §11.1', 'RFC 9110 §11.6.2', 'RFC 7617 §2'],
  request: request('get-object', [authorization(`${scheme} {{basicToken}}`)]),
  derive: [VALID_TOKEN],
}));

/** The main identity's token with characters outside the Base64 alphabet. */
function outsideAlphabet(id: string, title: string, value: string): HttpCase {
  return httpCase({
    id: `basic-${id}`,
    family: 'strict-base64',
    title,
    requirement: 'alphabet',
    request: request('get-object', [authorization(value)]),
    derive: [VALID_TOKEN],
    expect: { outcome: 'reject' },
  });
}

/** Credentials that decode, but to something that is not user-id ":" password of a user. */
function badCredentials(id: string, title: string, from: string): HttpCase {
  return httpCase({
    id: `basic-${id}`,
    family: 'syntax',
    title,
    requirement: 'structure',
    request: request('get-object', [authorization('Basic {{badToken}}')]),
    derive: [token('badToken', from)],
    expect: { outcome: 'reject' },
  });
}

/** A control character inside the decoded credentials. */
function controlCharacter(id: string, title: string, from: string): HttpCase {
  return httpCase({
    id: `basic-${id}`,
    family: 'control-character',
    title,
    requirement: 'control',
    request: request('get-object', [authorization('Basic {{controlToken}}')]),
    derive: [token('controlToken', from)],
    expect: { outcome: 'reject' },
  });
}

const wrongCredentials = sharing(httpCase, { family: 'mutated-key', requirement: 'wrong', expect: { outcome: 'unauthenticated' } });

export const BASIC_CASES: readonly HttpCase[] = [
  ...validCases(httpCase, 'basic-', 'accepts valid Basic credentials', (operation) => ({ request: request(operation, [authorization('Basic {{basicToken}}')]), derive: [VALID_TOKEN] })),

  // Scheme letter case (RFC 7617 §2, RFC 9110 §11.1).
  ...(
    [
      ['lower-case', 'basic'],
      ['upper-case', 'BASIC'],
    ] as const
  ).map(
    ([variant, scheme]) => httpCase({
      id: `basic-scheme-${variant}`,
      family: 'letter-case',
      title: `accepts the scheme written ${scheme}`,
      requirement: 'schemeCase',
      request: request('get-object', [authorization(`${scheme} {{basicToken}}`)]),
      derive: [VALID_TOKEN],
      expect: { outcome: 'accept' },
    }),
  ),

  // The scheme word: only Basic, in any letter case, carries a Basic token. HAProxy 2.6 took any
  // prefix of it (B, Bas), Flask-HTTPAuth 4.5 any word at all; a startsWith('Basic') takes Basicx.
  schemeWord('bearer', 'rejects a valid Basic token under the scheme Bearer', 'Bearer'),
  schemeWord('digest', 'rejects a valid Basic token under the scheme Digest', 'Digest'),
  schemeWord('unknown', 'rejects a valid Basic token under the unknown scheme HAHAHA', 'HAHAHA'),
  ...(['B', 'Ba', 'Bas', 'Basi'] as const).map((prefix) => schemeWord(prefix.toLowerCase(), `rejects a valid Basic token under ${prefix}, a prefix of Basic`, prefix)),
  schemeWord('basicx', 'rejects a valid Basic token under Basicx (Basic with a letter appended)', 'Basicx'),
  schemeWord('basic-dash', 'rejects a valid Basic token under Basic- (Basic with a dash appended)', 'Basic-'),
  schemeWord('basicbasic', 'rejects a valid Basic token under BasicBasic', 'BasicBasic'),
  schemeWord('xbasic', 'rejects a valid Basic token under xBasic (Basic with a letter prepended)', 'xBasic'),
  httpCase({
    id: 'basic-scheme-word-missing',
    family: 'scheme-word',
    title: 'rejects a valid Basic token with no scheme word (the token as the whole value)',
    requirement: 'schemeWord',
    sources: [SEED, 'RFC 9110 §11.4', 'RFC 7617 §2'],
    request: request('get-object', [authorization('{{basicToken}}')]),
    derive: [VALID_TOKEN],
    // A token with "=", "/" or "+" is no auth-scheme token at all: 400 is as right as 401.
    expect: { outcome: 'reject', statuses: [400, 401] },
  }),

  // Whitespace.
  httpCase({
    id: 'basic-several-spaces-after-scheme',
    family: 'whitespace',
    title: 'accepts several spaces between Basic and the token',
    requirement: 'spaces',
    request: request('get-object', [authorization('Basic    {{basicToken}}')]),
    derive: [VALID_TOKEN],
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'basic-value-surrounded-by-whitespace',
    family: 'whitespace',
    title: 'accepts a valid Basic value surrounded by spaces and tabs',
    requirement: 'ows',
    request: request('get-object', [authorization(' \tBasic {{basicToken}}\t ')]),
    derive: [VALID_TOKEN],
    expect: { outcome: 'accept' },
  }),

  // Identities: the colon and UTF-8 users of RFC 7617.
  httpCase({
    id: 'basic-colon-in-password',
    family: 'password-content',
    title: 'accepts a password that contains colons',
    requirement: 'colon',
    request: request('get-object', [authorization('Basic {{colonToken}}')]),
    derive: [token('colonToken', '{{colonUsername}}:{{colonPassword}}')],
    requires: ['colonUsername', 'colonPassword'],
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'basic-utf8-password',
    family: 'password-content',
    title: 'accepts a password with non-ASCII characters encoded as UTF-8',
    requirement: 'utf8',
    request: request('get-object', [authorization('Basic {{utf8Token}}')]),
    derive: [token('utf8Token', '{{utf8Username}}:{{utf8Password}}')],
    requires: ['utf8Username', 'utf8Password'],
    expect: { outcome: 'accept' },
  }),

  // Wrong credentials.
  httpCase({
    id: 'basic-wrong-password',
    family: 'unknown-credential',
    title: 'rejects a wrong password',
    requirement: 'wrong',
    sources: [SEED, UNAUTHORIZED, 'RFC 7617 §2'],
    request: request('get-object', [authorization('Basic {{wrongPasswordToken}}')]),
    derive: [WRONG_PASSWORD_TOKEN],
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'basic-unknown-user',
    family: 'unknown-credential',
    title: 'rejects an unknown user exactly as it rejects a wrong password',
    requirement: 'sameResponse',
    request: request('get-object', [authorization('Basic {{unknownUserToken}}')]),
    derive: [token('unknownUserToken', 'no-such-user-v3io-auth-conformance:{{password}}')],
    expect: {
      outcome: 'unauthenticated',
      sameResponseAs: { headers: [authorization('Basic {{wrongPasswordToken}}')], derive: [WRONG_PASSWORD_TOKEN] },
    },
  }),
  // Two users' credentials crossed: a server that checks the user-id and the password each against
  // every user, not as one pair, lets them in. Meaningless where the two users share a value.
  ...(
    [
      ['password-of-another-user', "rejects the main user's user-id with the colon user's password", '{{username}}:{{colonPassword}}'],
      ['user-id-of-another-user', "rejects the colon user's user-id with the main user's password", '{{colonUsername}}:{{password}}'],
    ] as const
  ).map(
    ([id, title, from]) => httpCase({
      id: `basic-${id}`,
      family: 'crossed-credentials',
      title,
      requirement: 'pair',
      sources: [SEED, UNAUTHORIZED, 'RFC 7617 §2'],
      request: request('get-object', [authorization('Basic {{crossedToken}}')]),
      derive: [token('crossedToken', from)],
      requires: ['colonUsername', 'colonPassword'],
      distinct: [
        ['username', 'colonUsername'],
        ['password', 'colonPassword'],
      ],
      expect: { outcome: 'unauthenticated' },
    }),
  ),
  // An access key as the user-id: APIs that take a key as the Basic username (and ignore the
  // password) let it in; here the user-id must name a user.
  httpCase({
    id: 'basic-access-key-as-user-id',
    profiles: V3IO_ONLY,
    family: 'other-secret',
    title: "rejects the main user's access key as the user-id, with the main user's password",
    requirement: 'pair',
    sources: [SEED, UNAUTHORIZED, 'RFC 7617 §2'],
    request: request('get-object', [authorization('Basic {{keyAsUserToken}}')]),
    derive: [token('keyAsUserToken', '{{accessKey}}:{{password}}')],
    expect: { outcome: 'unauthenticated' },
  }),
  wrongCredentials({
    id: 'basic-truncated-password',
    title: 'rejects the password with its last character removed',
    request: request('get-object', [authorization('Basic {{mutatedToken}}')]),
    derive: [token('mutatedToken', '{{username}}:{{password}}', [{ op: 'drop-last-char' }])],
  }),
  wrongCredentials({
    id: 'basic-password-one-character-changed',
    title: 'rejects the password with one character changed',
    request: request('get-object', [authorization('Basic {{mutatedToken}}')]),
    derive: [token('mutatedToken', '{{username}}:{{password}}', [{ op: 'change-last-char' }])],
  }),
  // A password or user-id with a character added is a wrong one: a server that compares only the
  // known one's length (a prefix check, a password hash that stops early) lets it in.
  wrongCredentials({
    id: 'basic-password-character-appended',
    title: 'rejects the password with a character appended',
    request: request('get-object', [authorization('Basic {{mutatedToken}}')]),
    derive: [token('mutatedToken', '{{username}}:{{password}}0')],
  }),
  wrongCredentials({
    id: 'basic-user-id-character-appended',
    title: 'rejects the user-id with a character appended',
    request: request('get-object', [authorization('Basic {{mutatedToken}}')]),
    derive: [token('mutatedToken', '{{username}}0:{{password}}')],
  }),
  wrongCredentials({
    id: 'basic-credentials-other-letter-case',
    title: 'rejects the username and password in the other letter case',
    request: request('get-object', [authorization('Basic {{mutatedToken}}')]),
    derive: [token('mutatedToken', '{{username}}:{{password}}', [{ op: 'other-case' }])],
  }),
  // The user-id as it is: a server may match user-ids in any case, never passwords (a
  // case-insensitive database column, a lower-cased hash input).
  wrongCredentials({
    id: 'basic-password-other-letter-case',
    title: 'rejects the password in the other letter case, the user-id as it is',
    request: request('get-object', [authorization('Basic {{mutatedToken}}')]),
    derive: [{ name: 'otherCasePassword', from: '{{password}}', apply: [{ op: 'other-case' }] }, token('mutatedToken', '{{username}}:{{otherCasePassword}}')],
  }),

  // What the token decodes to.
  badCredentials('no-colon', 'rejects credentials that decode without a colon', '{{username}}'),
  badCredentials('empty-user-id', 'rejects credentials with an empty user-id', ':{{password}}'),
  badCredentials('empty-password', 'rejects credentials with an empty password', '{{username}}:'),
  badCredentials('only-colon', 'rejects credentials that decode to a lone colon', ':'),
  httpCase({
    id: 'basic-token-not-base64',
    family: 'syntax',
    title: 'rejects a token that is not Base64 (Basic !!!!)',
    requirement: 'notBase64',
    sources: [SEED, 'RFC 4648 §4', 'RFC 7617 §2'],
    request: request('get-object', [authorization('Basic !!!!')]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'basic-token-decodes-to-nul-bytes',
    family: 'syntax',
    title: 'rejects a token that decodes to three NUL bytes (Basic AAAA)',
    requirement: 'notBase64',
    request: request('get-object', [authorization('Basic AAAA')]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'basic-auth-param-syntax',
    family: 'syntax',
    title: 'rejects credentials given as auth-params (Basic user="...", password="...")',
    requirement: 'authParam',
    request: request('get-object', [authorization('Basic user="{{username}}", password="{{password}}"')]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'basic-no-token',
    family: 'empty-credential',
    title: 'rejects Basic with no token',
    requirement: 'noToken',
    request: request('get-object', [authorization('Basic')]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'basic-only-spaces-after-scheme',
    family: 'empty-credential',
    title: 'rejects Basic followed only by spaces',
    requirement: 'noToken',
    request: request('get-object', [authorization('Basic    ')]),
    expect: { outcome: 'reject' },
  }),

  // Strict Base64 (RFC 4648 §3.2, §3.3): lenient decoders accept these.
  outsideAlphabet('token-with-junk-appended', 'rejects a valid token with "!!" appended', 'Basic {{basicToken}}!!'),
  outsideAlphabet('token-with-base64url-characters', 'rejects a valid token with the base64url characters "-_" appended', 'Basic {{basicToken}}-_'),
  outsideAlphabet('token-with-whitespace-inside', 'rejects a valid token followed by a space and more Base64', 'Basic {{basicToken}} AAAA'),
  // The padding cases cite the RFC 4648 rule each breaks besides the requirement's sources.
  httpCase({
    id: 'basic-token-with-extra-padding',
    family: 'strict-base64',
    title: 'rejects a valid token with an extra "=" appended',
    requirement: 'padding',
    sources: [SEED, 'RFC 4648 §3.3', 'RFC 7617 §2'],
    request: request('get-object', [authorization('Basic {{basicToken}}=')]),
    derive: [VALID_TOKEN],
    expect: { outcome: 'reject' },
  }),
  httpCase({
    // The main identity's token may have no padding at all (24 bytes encode to 32 characters
    // with no "="), so the unpadded case uses the UTF-8 identity, whose token always ends in "==".
    id: 'basic-token-unpadded',
    family: 'strict-base64',
    title: 'rejects a token without its "=" padding',
    requirement: 'padding',
    sources: [SEED, 'RFC 4648 §3.2', 'RFC 7617 §2'],
    request: request('get-object', [authorization('Basic {{unpaddedToken}}')]),
    derive: [{ name: 'unpaddedToken', from: '{{utf8Username}}:{{utf8Password}}', apply: [{ op: 'base64-unpadded' }] }],
    requires: ['utf8Username', 'utf8Password'],
    expect: { outcome: 'reject' },
  }),

  // Control characters in the decoded credentials: nginx and Apache truncate at NUL.
  controlCharacter('nul-in-password', 'rejects the valid password followed by NUL and junk', '{{username}}:{{password}}\u0000junk'),
  controlCharacter('nul-in-user-id', 'rejects the valid user-id followed by NUL and junk', '{{username}}\u0000junk:{{password}}'),
  controlCharacter('line-feed-in-password', 'rejects the valid password followed by a line feed and junk', '{{username}}:{{password}}\njunk'),
];
