/**
 * Cross-cutting cases: two Authorization lines in one request.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase } from './model.js';
import { httpCaseBuilder, sharing } from './case-builder.js';
import { request } from './operations.js';
import { BASIC_TOKEN, SEED_S3 as S3_LIKE, SEED_HTTP_AUTH as HTTP_AUTH, UNKNOWN_KEY, WRONG_PASSWORD_TOKEN } from './credentials.js';
import { sigv4, sigv2, VALID_BASIC, WRONG_BASIC } from './cross-cutting-headers.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: EVERY_PROFILE, requirements: ['cross-cutting'] });

const twoLines = sharing(httpCase, { family: 'duplicates', requirement: 'twoAuthorization', expect: { outcome: 'malformed' } });

export const DUPLICATE_AUTHORIZATION_CASES: readonly HttpCase[] = [
  // Two Authorization lines (newman sends both).
  twoLines({
    id: 'cross-two-authorization-valid-then-wrong',
    title: 'rejects a valid Basic Authorization line followed by one with a wrong password',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [VALID_BASIC, WRONG_BASIC]),
    derive: [BASIC_TOKEN, WRONG_PASSWORD_TOKEN],
  }),
  twoLines({
    id: 'cross-two-authorization-wrong-then-valid',
    title: 'rejects a Basic Authorization line with a wrong password followed by a valid one',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [WRONG_BASIC, VALID_BASIC]),
    derive: [WRONG_PASSWORD_TOKEN, BASIC_TOKEN],
  }),
  twoLines({
    id: 'cross-two-authorization-valid-sigv4-then-unknown-sigv2',
    profiles: V3IO_ONLY,
    title: 'rejects a valid SigV4 Authorization line followed by a SigV2 one with an unknown key',
    sources: [S3_LIKE, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [sigv4('{{accessKey}}'), sigv2(UNKNOWN_KEY)]),
  }),
  twoLines({
    id: 'cross-two-authorization-unknown-sigv4-then-valid-sigv2',
    profiles: V3IO_ONLY,
    title: 'rejects a SigV4 Authorization line with an unknown key followed by a valid SigV2 one',
    sources: [S3_LIKE, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [sigv4(UNKNOWN_KEY), sigv2('{{accessKey}}')]),
  }),
  twoLines({
    id: 'cross-two-authorization-same-valid-twice',
    title: 'rejects the same valid Basic Authorization line sent twice',
    sources: [HTTP_AUTH, 'RFC 9110 §5.3', 'RFC 9110 §11.6.2'],
    request: request('get-object', [VALID_BASIC, VALID_BASIC]),
    derive: [BASIC_TOKEN],
  }),
  httpCase({
    id: 'cross-two-authorization-both-invalid',
    family: 'duplicates',
    title: 'rejects two Authorization lines of which neither is valid',
    requirement: 'twoAuthorizationInvalid',
    request: request('get-object', [WRONG_BASIC, sigv2(UNKNOWN_KEY)]),
    derive: [WRONG_PASSWORD_TOKEN],
    expect: { outcome: 'malformed' },
  }),
];
