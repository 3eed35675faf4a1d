/**
 * Cross-cutting cases: two Authorization lines in one request.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase } from './model.js';
import { request } from './operations.js';
import { requirementSentences } from './requirements.js';
import { BASIC_TOKEN, SEED_S3 as S3_LIKE, SEED_HTTP_AUTH as HTTP_AUTH, UNKNOWN_KEY, WRONG_PASSWORD_TOKEN } from './credentials.js';
import { UNAUTHORIZED, authorization, sigv4, sigv2, VALID_BASIC, WRONG_BASIC } from './cross-cutting-headers.js';

const R = requirementSentences('cross-cutting');

export const DUPLICATE_AUTHORIZATION_CASES: readonly HttpCase[] = [
  // Two Authorization lines (newman sends both).
  {
    kind: 'http',
    id: 'cross-two-authorization-valid-then-wrong',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'duplicates',
    title: 'rejects a valid Basic Authorization line followed by one with a wrong password',
    requirement: R.twoAuthorization,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [VALID_BASIC, WRONG_BASIC]),
    derive: [BASIC_TOKEN, WRONG_PASSWORD_TOKEN],
    expect: { outcome: 'malformed' },
  },
  {
    kind: 'http',
    id: 'cross-two-authorization-wrong-then-valid',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'duplicates',
    title: 'rejects a Basic Authorization line with a wrong password followed by a valid one',
    requirement: R.twoAuthorization,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [WRONG_BASIC, VALID_BASIC]),
    derive: [WRONG_PASSWORD_TOKEN, BASIC_TOKEN],
    expect: { outcome: 'malformed' },
  },
  {
    kind: 'http',
    id: 'cross-two-authorization-valid-sigv4-then-unknown-sigv2',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'duplicates',
    title: 'rejects a valid SigV4 Authorization line followed by a SigV2 one with an unknown key',
    requirement: R.twoAuthorization,
    level: 'should',
    sources: [S3_LIKE, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [sigv4('{{accessKey}}'), sigv2(UNKNOWN_KEY)]),
    expect: { outcome: 'malformed' },
  },
  {
    kind: 'http',
    id: 'cross-two-authorization-unknown-sigv4-then-valid-sigv2',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'duplicates',
    title: 'rejects a SigV4 Authorization line with an unknown key followed by a valid SigV2 one',
    requirement: R.twoAuthorization,
    level: 'should',
    sources: [S3_LIKE, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [sigv4(UNKNOWN_KEY), sigv2('{{accessKey}}')]),
    expect: { outcome: 'malformed' },
  },
  {
    kind: 'http',
    id: 'cross-two-authorization-same-valid-twice',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'duplicates',
    title: 'rejects the same valid Basic Authorization line sent twice',
    requirement: R.twoAuthorization,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [VALID_BASIC, VALID_BASIC]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'malformed' },
  },
  {
    kind: 'http',
    id: 'cross-two-authorization-both-invalid',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'duplicates',
    title: 'rejects two Authorization lines of which neither is valid',
    requirement: R.twoAuthorizationInvalid,
    level: 'must',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', UNAUTHORIZED],
    request: request('get-object', [WRONG_BASIC, sigv2(UNKNOWN_KEY)]),
    derive: [WRONG_PASSWORD_TOKEN],
    expect: { outcome: 'malformed' },
  },
];
