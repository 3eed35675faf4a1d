/**
 * Cases for the AWS Signature V4 syntax of the `Authorization` header
 * (seed §S3-Like Authentications): `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
 * SignedHeaders=..., Signature=...`. The server takes the access key from `Credential` and ignores
 * everything else, so a valid key with any signature, date, region or service is accepted.
 */
import { V3IO_ONLY, type HttpCase, type HeaderLine } from './model.js';
import { httpCaseBuilder, sharing } from './case-builder.js';
import { mutatedKeyCases, schemeWordBuilder, validCases } from './form-shapes.js';
import { request } from './operations.js';
import { SEED_S3 as SEED, UNKNOWN_KEY } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';

const DATE = '20240115';
const AMZ_DATE = `${DATE}T120000Z`;
const SIGNED_HEADERS = 'host;x-amz-content-sha256;x-amz-date';
/** An arbitrary signature: the server never checks it, so every case's signature is "wrong". */
const SIGNATURE = '9c1f4e2a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a';
/** The documentation's example signature (of another request). */
const DOC_SIGNATURE = '4708b8682367fff1ba5d33662a6a7bdbefa743b52e4744aedbd919ca73ce70f5';

/** The credential scope after `Credential=`. */
function scope(key: string, date = DATE, region = 'us-east-1', service = 's3'): string {
  return `${key}/${date}/${region}/${service}/aws4_request`;
}

interface V4Parts {
  readonly scheme?: string;
  /** What separates the scheme from the first element: one space in every real client. */
  readonly afterScheme?: string;
  readonly credential?: string;
  readonly signedHeaders?: string;
  readonly signature?: string;
  readonly separator?: string;
}

/** An `Authorization` value in the shape the AWS SDKs send, with parts replaced. */
function v4(parts: V4Parts = {}): string {
  const {
    scheme = 'AWS4-HMAC-SHA256',
    afterScheme = ' ',
    credential = scope('{{accessKey}}'),
    signedHeaders = SIGNED_HEADERS,
    signature = SIGNATURE,
    separator = ', ',
  } = parts;
  return `${scheme}${afterScheme}Credential=${credential}${separator}SignedHeaders=${signedHeaders}${separator}Signature=${signature}`;
}

/** The headers a signing S3 client sends: the two it signs, then `Authorization`. */
function signed(authorization: string): HeaderLine[] {
  return [
    ['X-Amz-Date', AMZ_DATE],
    ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ['Authorization', authorization],
  ];
}

const httpCase = httpCaseBuilder({ form: 'aws-sigv4', profiles: V3IO_ONLY, requirements: ['aws-sigv4'] });

/** A valid key with one ignored part of the header changed: accepted (MUST). */
function ignored(id: string, title: string, parts: V4Parts): HttpCase {
  return httpCase({
    id: `sigv4-${id}`,
    family: 'ignored-fields',
    title,
    requirement: 'ignored',
    request: request('get-object', signed(v4(parts))),
    expect: { outcome: 'accept' },
  });
}

/** Valid SigV4 parameters under a scheme word that is not AWS4-<...>. */
const schemeWord = schemeWordBuilder(httpCase, 'sigv4-', (scheme) => ({ request: request('get-object', signed(v4({ scheme }))) }));

const smuggled = sharing(httpCase, { family: 'smuggling', requirement: 'smuggled', expect: { outcome: 'reject' } });

export const AWS_SIGV4_CASES: readonly HttpCase[] = [
  ...validCases(httpCase, 'sigv4-', 'accepts a canonical AWS4-HMAC-SHA256 header with a valid key', (operation) => ({ request: request(operation, signed(v4())) })),
  httpCase({
    id: 'sigv4-docs-example',
    family: 'valid',
    title: "accepts the documentation's example header with a valid key",
    requirement: 'valid',
    request: request('get-object', [
      [
        'Authorization',
        `AWS4-HMAC-SHA256 Credential=${scope('{{accessKey}}', '20190422')}, SignedHeaders=${SIGNED_HEADERS}, Signature=${DOC_SIGNATURE}`,
      ],
    ]),
    expect: { outcome: 'accept' },
  }),

  // Everything but the key is ignored.
  ignored('signature-of-another-request', 'accepts a valid key with the signature of another request', { signature: DOC_SIGNATURE }),
  ignored('other-signed-headers', 'accepts a valid key with other SignedHeaders', { signedHeaders: 'host' }),
  ignored('other-date', 'accepts a valid key with another date in the credential scope', { credential: scope('{{accessKey}}', '20300101') }),
  ignored('other-region', 'accepts a valid key with another region in the credential scope', {
    credential: scope('{{accessKey}}', DATE, 'eu-west-3'),
  }),
  ignored('other-service', 'accepts a valid key with another service in the credential scope', {
    credential: scope('{{accessKey}}', DATE, 'us-east-1', 'execute-api'),
  }),

  httpCase({
    id: 'sigv4-comma-without-space',
    family: 'syntax',
    title: 'accepts elements separated by "," without spaces',
    requirement: 'separators',
    request: request('get-object', signed(v4({ separator: ',' }))),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'sigv4-scheme-lower-case',
    family: 'letter-case',
    title: 'accepts the scheme in lower case (aws4-hmac-sha256)',
    requirement: 'schemeCase',
    request: request('get-object', signed(v4({ scheme: 'aws4-hmac-sha256' }))),
    expect: { outcome: 'accept' },
  }),
  httpCase({
    id: 'sigv4-ecdsa-p256-algorithm',
    family: 'other-algorithm',
    title: 'accepts the SigV4a algorithm AWS4-ECDSA-P256-SHA256 with a valid key',
    requirement: 'otherAlgorithm',
    request: request('get-object', [
      ['X-Amz-Date', AMZ_DATE],
      ['X-Amz-Region-Set', '*'],
      ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
      [
        'Authorization',
        'AWS4-ECDSA-P256-SHA256 Credential={{accessKey}}/20240115/s3/aws4_request, ' +
          'SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-region-set, ' +
          'Signature=3045022100c7a4b0c1e2d3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e702201f2e3d4c5b6a79880716253443526170f0e1d2c3b4a59687766554433221100',
      ],
    ]),
    expect: { outcome: 'accept' },
  }),

  // Characters appended to the algorithm still match the seed's AWS4-<...>: a server may take them
  // (MAY, as another algorithm), so `AWS4-HMAC-SHA256x` is no rejection case.
  httpCase({
    id: 'sigv4-algorithm-with-characters-appended',
    family: 'other-algorithm',
    title: 'accepts AWS4-HMAC-SHA256x with a valid key (the seed writes the scheme AWS4-<...>)',
    requirement: 'otherAlgorithm',
    request: request('get-object', signed(v4({ scheme: 'AWS4-HMAC-SHA256x' }))),
    expect: { outcome: 'accept' },
  }),
  // The scheme word: the seed's syntax is AWS4-<...>, so a word that does not start with AWS4- is
  // another scheme (AWS alone is the V2 syntax, whose parameters these are not: 400 or 401).
  schemeWord('aws4', 'rejects valid SigV4 parameters under AWS4 (no algorithm)', 'AWS4'),
  schemeWord('aws', 'rejects valid SigV4 parameters under AWS, the V2 scheme', 'AWS', [400, 401]),
  schemeWord('aw', 'rejects valid SigV4 parameters under AW, a prefix of the scheme', 'AW'),
  schemeWord('aws5', 'rejects valid SigV4 parameters under AWS5-HMAC-SHA256 (another version)', 'AWS5-HMAC-SHA256'),
  schemeWord('no-dash', 'rejects valid SigV4 parameters under AWS4HMAC-SHA256 (the dash dropped)', 'AWS4HMAC-SHA256'),
  schemeWord('prefixed', 'rejects valid SigV4 parameters under XAWS4-HMAC-SHA256 (a letter prepended)', 'XAWS4-HMAC-SHA256'),

  // Keys that are not the identity's.
  httpCase({
    id: 'sigv4-unknown-key',
    family: 'unknown-credential',
    title: 'rejects an unknown access key in Credential',
    requirement: 'unknown',
    request: request('get-object', signed(v4({ credential: scope(UNKNOWN_KEY) }))),
    expect: { outcome: 'unauthenticated' },
  }),
  ...mutatedKeyCases(httpCase, {
    idPrefix: 'sigv4-',
    otherCaseName: 'key-other-letter-case',
    where: ' in Credential',
    request: (key) => request('get-object', signed(v4({ credential: scope(key) }))),
  }),

  // Missing or misplaced key.
  httpCase({
    id: 'sigv4-empty-key',
    family: 'empty-credential',
    title: 'rejects an empty key before the credential scope (Credential=/20240115/...)',
    requirement: 'syntax',
    sources: [SEED, UNAUTHORIZED],
    request: request('get-object', signed(v4({ credential: scope('') }))),
    expect: { outcome: 'reject', statuses: [400, 401] },
  }),
  httpCase({
    id: 'sigv4-empty-credential',
    family: 'empty-credential',
    title: 'rejects Credential= with nothing after it',
    requirement: 'syntax',
    sources: [SEED, 'RFC 9110 §11.4'],
    request: request('get-object', signed(v4({ credential: '' }))),
    expect: { outcome: 'malformed' },
  }),
  httpCase({
    id: 'sigv4-no-credential-element',
    family: 'syntax',
    title: 'rejects a header without a Credential element',
    requirement: 'syntax',
    sources: [SEED, 'RFC 9110 §11.4'],
    request: request('get-object', signed(`AWS4-HMAC-SHA256 SignedHeaders=${SIGNED_HEADERS}, Signature=${SIGNATURE}`)),
    expect: { outcome: 'malformed' },
  }),
  httpCase({
    id: 'sigv4-bare-scheme',
    family: 'syntax',
    title: 'rejects the bare scheme AWS4-HMAC-SHA256 without parameters',
    requirement: 'syntax',
    sources: [SEED, 'RFC 9110 §11.4'],
    request: request('get-object', signed('AWS4-HMAC-SHA256')),
    expect: { outcome: 'malformed' },
  }),
  httpCase({
    id: 'sigv4-scheme-glued-to-parameters',
    family: 'syntax',
    title: 'rejects the scheme glued to its parameters (AWS4-HMAC-SHA256Credential=...)',
    requirement: 'syntax',
    sources: [SEED, 'RFC 9110 §11.4'],
    request: request('get-object', signed(v4({ afterScheme: '' }))),
    expect: { outcome: 'reject', statuses: [400, 401] },
  }),
  httpCase({
    id: 'sigv4-key-without-slash',
    family: 'syntax',
    title: 'rejects Credential=<key> without the credential scope',
    requirement: 'noSlash',
    request: request('get-object', signed(v4({ credential: '{{accessKey}}' }))),
    expect: { outcome: 'reject' },
  }),

  // Parser differentials.
  httpCase({
    id: 'sigv4-two-credentials-valid-first',
    family: 'duplicates',
    title: 'rejects two Credential elements, a valid key then an unknown one',
    requirement: 'twoCredentials',
    request: request(
      'get-object',
      signed(`AWS4-HMAC-SHA256 Credential=${scope('{{accessKey}}')}, Credential=${scope(UNKNOWN_KEY)}, SignedHeaders=${SIGNED_HEADERS}, Signature=${SIGNATURE}`),
    ),
    expect: { outcome: 'malformed' },
  }),
  httpCase({
    id: 'sigv4-two-credentials-valid-last',
    family: 'duplicates',
    title: 'rejects two Credential elements, an unknown key then a valid one',
    requirement: 'twoCredentials',
    request: request(
      'get-object',
      signed(`AWS4-HMAC-SHA256 Credential=${scope(UNKNOWN_KEY)}, Credential=${scope('{{accessKey}}')}, SignedHeaders=${SIGNED_HEADERS}, Signature=${SIGNATURE}`),
    ),
    expect: { outcome: 'malformed' },
  }),
  smuggled({
    id: 'sigv4-credential-smuggled-before-real-one',
    title: 'rejects a valid key hidden in SignedHeaders before a Credential with an unknown key',
    request: request(
      'get-object',
      signed(`AWS4-HMAC-SHA256 SignedHeaders=Credential=${scope('{{accessKey}}')}, Credential=${scope(UNKNOWN_KEY)}, Signature=${SIGNATURE}`),
    ),
  }),
  smuggled({
    id: 'sigv4-credential-smuggled-after-real-one',
    title: 'rejects a valid key hidden in SignedHeaders after a Credential with an unknown key',
    request: request(
      'get-object',
      signed(`AWS4-HMAC-SHA256 Credential=${scope(UNKNOWN_KEY)}, SignedHeaders=Credential=${scope('{{accessKey}}')}, Signature=${SIGNATURE}`),
    ),
  }),
  smuggled({
    id: 'sigv4-credential-only-inside-signed-headers',
    title: 'rejects a valid key that appears only inside SignedHeaders',
    request: request('get-object', signed(`AWS4-HMAC-SHA256 SignedHeaders=Credential=${scope('{{accessKey}}')}, Signature=${SIGNATURE}`)),
  }),
];
