/**
 * Cases for the AWS Signature V2 syntax of the `Authorization` header
 * (seed §S3-Like Authentications): `AWS <access key>:<signature>`. The signature is ignored.
 */
import { V3IO_ONLY, type HttpCase, type HeaderLine, type OperationId } from './model.js';
import { request } from './operations.js';
import { requirementSentences } from './requirements.js';
import { SEED_S3 as SEED, UNKNOWN_KEY } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';

/** An arbitrary SigV2-shaped signature (Base64 of 20 bytes); never checked by the server. */
const SIGNATURE = 'Vb3bM1v6sB5rT0k2Yq9xWn4hJcE=';
/** The documentation's example signature. */
const DOC_SIGNATURE = 'frJIUN8DYpKDtOLCwo//yllqDzg=';

const authorization = (value: string): HeaderLine => ['Authorization', value];

const R = { ...requirementSentences('aws-sigv2'), ...requirementSentences('opaque-keys') };

function validOn(operation: OperationId, where: string): HttpCase {
  return {
    kind: 'http',
    id: `sigv2-valid-${operation}`,
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'valid',
    title: `accepts AWS <key>:<signature> with a valid key ${where}`,
    requirement: R.valid,
    level: 'must',
    sources: [SEED],
    request: request(operation, [authorization(`AWS {{accessKey}}:${SIGNATURE}`)]),
    expect: { outcome: 'accept' },
  };
}

/** A valid key and signature under a scheme word that is not AWS: a channel the seed does not define. */
function schemeWord(variant: string, title: string, scheme: string, statuses?: readonly number[]): HttpCase {
  return {
    kind: 'http',
    id: `sigv2-scheme-word-${variant}`,
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'scheme-word',
    title,
    requirement: R.schemeWord,
    level: 'must',
    sources: [SEED, 'RFC 9110 §11.1', 'RFC 9110 §11.6.2'],
    request: request('get-object', [authorization(`${scheme} {{accessKey}}:${SIGNATURE}`)]),
    expect: statuses ? { outcome: 'reject', statuses } : { outcome: 'unauthenticated' },
  };
}

export const AWS_SIGV2_CASES: readonly HttpCase[] = [
  validOn('get-object', 'on GET object'),
  validOn('head-object', 'on HEAD object'),
  validOn('put-object', 'on PUT object'),
  validOn('get-item', 'on GetItem'),
  validOn('list-container', 'on the container listing'),
  {
    kind: 'http',
    id: 'sigv2-docs-example',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'valid',
    title: "accepts a valid key with the documentation's example signature",
    requirement: R.valid,
    level: 'must',
    sources: [SEED],
    request: request('get-object', [authorization(`AWS {{accessKey}}:${DOC_SIGNATURE}`)]),
    expect: { outcome: 'accept' },
  },
  {
    kind: 'http',
    id: 'sigv2-signature-not-base64',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'ignored-fields',
    title: 'accepts a valid key with a signature that is not Base64',
    requirement: R.valid,
    level: 'must',
    sources: [SEED],
    request: request('get-object', [authorization('AWS {{accessKey}}:not-a-signature')]),
    expect: { outcome: 'accept' },
  },
  {
    kind: 'http',
    id: 'sigv2-empty-signature',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'ignored-fields',
    title: 'accepts a valid key with an empty signature',
    requirement: R.emptySignature,
    level: 'may',
    sources: [SEED],
    request: request('get-object', [authorization('AWS {{accessKey}}:')]),
    expect: { outcome: 'accept' },
  },
  {
    kind: 'http',
    id: 'sigv2-scheme-lower-case',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'letter-case',
    title: 'accepts the scheme in lower case (aws)',
    requirement: R.schemeCase,
    level: 'should',
    sources: [SEED, 'RFC 9110 §11.1'],
    request: request('get-object', [authorization(`aws {{accessKey}}:${SIGNATURE}`)]),
    expect: { outcome: 'accept' },
  },

  // The scheme word: only AWS, in any letter case, carries <key>:<signature> (AWS4-HMAC-SHA256 is
  // the V4 syntax, whose parameters these are not: 400 or 401).
  schemeWord('a', 'rejects a valid key and signature under A, a prefix of AWS', 'A'),
  schemeWord('aw', 'rejects a valid key and signature under AW, a prefix of AWS', 'AW'),
  schemeWord('awss', 'rejects a valid key and signature under AWSS (AWS with a letter appended)', 'AWSS'),
  schemeWord('aws4', 'rejects a valid key and signature under AWS4 (AWS with a digit appended)', 'AWS4'),
  schemeWord('aws-dash', 'rejects a valid key and signature under AWS- (AWS with a dash appended)', 'AWS-'),
  schemeWord('xaws', 'rejects a valid key and signature under XAWS (AWS with a letter prepended)', 'XAWS'),
  schemeWord('aws4-hmac-sha256', 'rejects a valid key and signature under AWS4-HMAC-SHA256, the V4 scheme', 'AWS4-HMAC-SHA256', [400, 401]),

  {
    kind: 'http',
    id: 'sigv2-unknown-key',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'unknown-credential',
    title: 'rejects an unknown access key',
    requirement: R.unknown,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS ${UNKNOWN_KEY}:${SIGNATURE}`)]),
    expect: { outcome: 'unauthenticated' },
  },
  // A username and password in place of the key and signature: a server that reads the pair as
  // Basic-like credentials lets them in.
  {
    kind: 'http',
    id: 'sigv2-username-and-password',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'other-secret',
    title: "rejects the main user's username and password in place of the key and signature (AWS <username>:<password>)",
    requirement: R.otherSecret,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization('AWS {{username}}:{{password}}')]),
    expect: { outcome: 'unauthenticated' },
  },
  {
    kind: 'http',
    id: 'sigv2-truncated-key',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'mutated-key',
    title: 'rejects a valid key with its last character removed',
    requirement: R.mutated,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS {{truncatedKey}}:${SIGNATURE}`)]),
    derive: [{ name: 'truncatedKey', from: '{{accessKey}}', apply: [{ op: 'drop-last-char' }] }],
    expect: { outcome: 'unauthenticated' },
  },
  {
    kind: 'http',
    id: 'sigv2-one-character-changed',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'mutated-key',
    title: 'rejects a valid key with one character changed',
    requirement: R.mutated,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS {{changedKey}}:${SIGNATURE}`)]),
    derive: [{ name: 'changedKey', from: '{{accessKey}}', apply: [{ op: 'change-last-char' }] }],
    expect: { outcome: 'unauthenticated' },
  },
  {
    kind: 'http',
    id: 'sigv2-character-appended',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'mutated-key',
    title: 'rejects a valid key with a character appended (a longer, unknown key)',
    requirement: R.unknown,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS {{accessKey}}0:${SIGNATURE}`)]),
    expect: { outcome: 'unauthenticated' },
  },
  {
    kind: 'http',
    id: 'sigv2-character-prepended',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'mutated-key',
    title: 'rejects a valid key with a character prepended (a longer, unknown key)',
    requirement: R.unknown,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS 0{{accessKey}}:${SIGNATURE}`)]),
    expect: { outcome: 'unauthenticated' },
  },
  {
    kind: 'http',
    id: 'sigv2-key-other-letter-case',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'mutated-key',
    title: 'rejects a valid key in another letter case',
    requirement: R.exact,
    level: 'should',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS {{swappedKey}}:${SIGNATURE}`)]),
    derive: [{ name: 'swappedKey', from: '{{accessKey}}', apply: [{ op: 'other-case' }] }],
    expect: { outcome: 'unauthenticated' },
  },

  {
    kind: 'http',
    id: 'sigv2-empty-key',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'empty-credential',
    title: 'rejects an empty key (AWS :<signature>)',
    requirement: R.empty,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization(`AWS :${SIGNATURE}`)]),
    expect: { outcome: 'reject' },
  },
  {
    kind: 'http',
    id: 'sigv2-bare-scheme',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'empty-credential',
    title: 'rejects the bare scheme AWS',
    requirement: R.empty,
    level: 'must',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', [authorization('AWS')]),
    expect: { outcome: 'reject' },
  },
  {
    kind: 'http',
    id: 'sigv2-no-colon',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'syntax',
    title: 'rejects a valid key without the colon and signature (AWS <key>)',
    requirement: R.syntax,
    level: 'should',
    sources: [SEED],
    request: request('get-object', [authorization('AWS {{accessKey}}')]),
    expect: { outcome: 'reject' },
  },
  {
    kind: 'http',
    id: 'sigv2-no-space-after-scheme',
    form: 'aws-sigv2',
    profiles: V3IO_ONLY,
    family: 'syntax',
    title: 'rejects the scheme glued to a valid key (AWS<key>:<signature>)',
    requirement: R.syntax,
    level: 'should',
    sources: [SEED, 'RFC 9110 §11.4'],
    request: request('get-object', [authorization(`AWS{{accessKey}}:${SIGNATURE}`)]),
    expect: { outcome: 'reject' },
  },
];
