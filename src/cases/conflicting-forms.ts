/**
 * Cross-cutting cases: X-v3io-session-key and Authorization in one request.
 */
import { V3IO_ONLY, type HttpCase } from './model.js';
import { httpCaseBuilder, sharing } from './case-builder.js';
import { request } from './operations.js';
import { BASIC_TOKEN, SEED_S3 as S3_LIKE, SEED_HTTP_AUTH as HTTP_AUTH, UNKNOWN_KEY, WRONG_PASSWORD_TOKEN } from './credentials.js';
import { sessionKey, authorization, sigv4, VALID_BASIC, WRONG_BASIC } from './cross-cutting-headers.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['cross-cutting'] });

const conflicting = sharing(httpCase, { family: 'conflicting-forms', requirement: 'conflicting', expect: { outcome: 'reject' } });

export const CONFLICTING_FORM_CASES: readonly HttpCase[] = [
  // X-v3io-session-key and Authorization in one request.
  httpCase({
    id: 'cross-session-key-and-basic-same-identity',
    family: 'conflicting-forms',
    title: 'accepts a valid access key and valid Basic credentials of the same identity together',
    requirement: 'sameIdentity',
    request: request('get-object', [sessionKey('{{accessKey}}'), VALID_BASIC]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'cross-session-key-and-sigv4-same-key',
    family: 'conflicting-forms',
    title: 'accepts the same valid access key in X-v3io-session-key and in a SigV4 Authorization',
    requirement: 'sameIdentity',
    request: request('get-object', [sessionKey('{{accessKey}}'), sigv4('{{accessKey}}')]),
    expect: { outcome: 'accept' },
  }),
  conflicting({
    id: 'cross-valid-session-key-wrong-basic',
    title: 'rejects a valid access key together with Basic credentials with a wrong password',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{accessKey}}'), WRONG_BASIC]),
    derive: [WRONG_PASSWORD_TOKEN],
  }),
  conflicting({
    id: 'cross-valid-session-key-malformed-basic',
    title: 'rejects a valid access key together with a malformed Basic token',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{accessKey}}'), authorization('Basic !!!!')]),
  }),
  conflicting({
    id: 'cross-unknown-session-key-valid-basic',
    title: 'rejects an unknown access key together with valid Basic credentials',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey(UNKNOWN_KEY), VALID_BASIC]),
    derive: [BASIC_TOKEN],
  }),
  conflicting({
    id: 'cross-valid-sigv4-unknown-session-key',
    title: 'rejects a valid SigV4 Authorization together with an unknown access key',
    sources: [S3_LIKE, 'RFC 6750 §2'],
    request: request('get-object', [sigv4('{{accessKey}}'), sessionKey(UNKNOWN_KEY)]),
  }),
  conflicting({
    id: 'cross-valid-basic-empty-session-key',
    title: 'rejects valid Basic credentials together with an empty X-v3io-session-key',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [VALID_BASIC, sessionKey('')]),
    derive: [BASIC_TOKEN],
  }),
  httpCase({
    id: 'cross-session-key-and-basic-different-identities',
    family: 'conflicting-forms',
    title: 'rejects a session key and Basic credentials of two different identities',
    requirement: 'differentIdentities',
    request: request('get-object', [sessionKey('{{deniedAccessKey}}'), VALID_BASIC]),
    derive: [BASIC_TOKEN],
    requires: ['deniedAccessKey'],
    expect: { outcome: 'reject' },
  }),
];
