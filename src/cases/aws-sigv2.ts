/**
 * Cases for the AWS Signature V2 syntax of the `Authorization` header
 * (seed §S3-Like Authentications): `AWS <access key>:<signature>`. The signature is ignored.
 */
import { V3IO_ONLY, type HttpCase, type HeaderLine } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { mutatedKeyCases, schemeWordBuilder, validCases } from './form-shapes.js';
import { request } from './operations.js';
import { SEED_S3 as SEED, UNKNOWN_KEY } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';

/** An arbitrary SigV2-shaped signature (Base64 of 20 bytes); never checked by the server. */
const SIGNATURE = 'Vb3bM1v6sB5rT0k2Yq9xWn4hJcE=';
/** The documentation's example signature. */
const DOC_SIGNATURE = 'frJIUN8DYpKDtOLCwo//yllqDzg=';

const authorization = (value: string): HeaderLine => ['Authorization', value];

const httpCase = httpCaseBuilder({ form: 'aws-sigv2', profiles: V3IO_ONLY, requirements: ['aws-sigv2', 'opaque-keys'] });

/** A valid key and signature under a scheme word that is not AWS. */
const schemeWord = schemeWordBuilder(httpCase, 'sigv2-', (scheme) => ({ request: request('get-object', [authorization(`${scheme} {{accessKey}}:${SIGNATURE}`)]) }));

export const AWS_SIGV2_CASES: readonly HttpCase[] = [
  ...validCases(httpCase, 'sigv2-', 'accepts AWS <key>:<signature> with a valid key', (operation) => ({
    request: request(operation, [authorization(`AWS {{accessKey}}:${SIGNATURE}`)]),
  })),
  httpCase({
    id: 'sigv2-docs-example',
    family: 'valid',
    title: "accepts a valid key with the documentation's example signature",
    requirement: 'valid',
    request: request('get-object', [authorization(`AWS {{accessKey}}:${DOC_SIGNATURE}`)]),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'sigv2-signature-not-base64',
    family: 'ignored-fields',
    title: 'accepts a valid key with a signature that is not Base64',
    requirement: 'valid',
    request: request('get-object', [authorization('AWS {{accessKey}}:not-a-signature')]),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'sigv2-empty-signature',
    family: 'ignored-fields',
    title: 'accepts a valid key with an empty signature',
    requirement: 'emptySignature',
    request: request('get-object', [authorization('AWS {{accessKey}}:')]),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'sigv2-scheme-lower-case',
    family: 'letter-case',
    title: 'accepts the scheme in lower case (aws)',
    requirement: 'schemeCase',
    request: request('get-object', [authorization(`aws {{accessKey}}:${SIGNATURE}`)]),
    expect: { outcome: 'accept' },
  }),

  // The scheme word: only AWS, in any letter case, carries <key>:<signature> (AWS4-HMAC-SHA256 is
  // the V4 syntax, whose parameters these are not: 400 or 401).
  schemeWord('a', 'rejects a valid key and signature under A, a prefix of AWS', 'A'),
  schemeWord('aw', 'rejects a valid key and signature under AW, a prefix of AWS', 'AW'),
  schemeWord('awss', 'rejects a valid key and signature under AWSS (AWS with a letter appended)', 'AWSS'),
  schemeWord('aws4', 'rejects a valid key and signature under AWS4 (AWS with a digit appended)', 'AWS4'),
  schemeWord('aws-dash', 'rejects a valid key and signature under AWS- (AWS with a dash appended)', 'AWS-'),
  schemeWord('xaws', 'rejects a valid key and signature under XAWS (AWS with a letter prepended)', 'XAWS'),
  schemeWord('aws4-hmac-sha256', 'rejects a valid key and signature under AWS4-HMAC-SHA256, the V4 scheme', 'AWS4-HMAC-SHA256', [400, 401]),

  httpCase({
    id: 'sigv2-unknown-key',
    family: 'unknown-credential',
    title: 'rejects an unknown access key',
    requirement: 'unknown',
    request: request('get-object', [authorization(`AWS ${UNKNOWN_KEY}:${SIGNATURE}`)]),
    expect: { outcome: 'unauthenticated' },
  }),
  // A username and password in place of the key and signature: a server that reads the pair as
  // Basic-like credentials lets them in.
  httpCase({
    id: 'sigv2-username-and-password',
    family: 'other-secret',
    title: "rejects the main user's username and password in place of the key and signature (AWS <username>:<password>)",
    requirement: 'otherSecret',
    request: request('get-object', [authorization('AWS {{username}}:{{password}}')]),
    expect: { outcome: 'unauthenticated' },
  }),
  ...mutatedKeyCases(httpCase, {
    idPrefix: 'sigv2-',
    otherCaseName: 'key-other-letter-case',
    where: '',
    request: (key) => request('get-object', [authorization(`AWS ${key}:${SIGNATURE}`)]),
    mutatedSources: [SEED, UNAUTHORIZED],
  }),

  httpCase({
    id: 'sigv2-empty-key',
    family: 'empty-credential',
    title: 'rejects an empty key (AWS :<signature>)',
    requirement: 'empty',
    request: request('get-object', [authorization(`AWS :${SIGNATURE}`)]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'sigv2-bare-scheme',
    family: 'empty-credential',
    title: 'rejects the bare scheme AWS',
    requirement: 'empty',
    request: request('get-object', [authorization('AWS')]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'sigv2-no-colon',
    family: 'syntax',
    title: 'rejects a valid key without the colon and signature (AWS <key>)',
    requirement: 'syntax',
    request: request('get-object', [authorization('AWS {{accessKey}}')]),
    expect: { outcome: 'reject' },
  }),
  httpCase({
    id: 'sigv2-no-space-after-scheme',
    family: 'syntax',
    title: 'rejects the scheme glued to a valid key (AWS<key>:<signature>)',
    requirement: 'syntax',
    sources: [SEED, 'RFC 9110 §11.4'],
    request: request('get-object', [authorization(`AWS{{accessKey}}:${SIGNATURE}`)]),
    expect: { outcome: 'reject' },
  }),
];
