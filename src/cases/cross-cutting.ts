/**
 * Cases that cut across the credential forms: enforcement on every operation, unsupported
 * schemes, channels the seed does not define, duplicate and conflicting credentials,
 * permissions and size limits.
 */
import { EVERY_PROFILE, V3IO_ONLY, type ConformanceCase, type Derivation, type HeaderLine, type OperationId, type ProfileId } from './model.js';
import { request } from './operations.js';
import { requirementSentences } from './requirements.js';
import { BASIC_TOKEN, SEED_BASIC as BASIC, SEED_S3 as S3_LIKE, SEED_HTTP_AUTH as HTTP_AUTH, SEED_SESSION_KEY as SESSION_KEY, UNKNOWN_KEY, WRONG_PASSWORD_TOKEN } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';

const sessionKey = (value: string): HeaderLine => ['X-v3io-session-key', value];
const authorization = (value: string): HeaderLine => ['Authorization', value];
const sigv4 = (key: string): HeaderLine =>
  authorization(
    `AWS4-HMAC-SHA256 Credential=${key}/20240115/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, ` +
      'Signature=9c1f4e2a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
  );
const sigv2 = (key: string): HeaderLine => authorization(`AWS ${key}:Vb3bM1v6sB5rT0k2Yq9xWn4hJcE=`);

const VALID_BASIC = authorization('Basic {{basicToken}}');
const WRONG_BASIC = authorization('Basic {{wrongPasswordToken}}');

/** Where an operation is, in titles. */
const WHERE: Readonly<Record<OperationId, string>> = {
  'list-containers': 'on the list of containers (GET /)',
  'list-container': 'on the container listing',
  'head-container': 'on HEAD container',
  'get-object': 'on GET object',
  'head-object': 'on HEAD object',
  'put-object': 'on PUT object',
  'post-object': 'on POST object',
  'delete-object': 'on DELETE object',
  'get-item': 'on GetItem',
  'put-item': 'on PutItem',
  'update-item': 'on UpdateItem',
  'get-items': 'on GetItems',
  'create-stream': 'on CreateStream',
  'describe-stream': 'on DescribeStream',
  'update-stream': 'on UpdateStream',
  'put-records': 'on PutRecords',
  seek: 'on Seek',
  'get-records': 'on GetRecords',
  'unknown-method': 'on an unknown method (PROPFIND)',
};

const ALL_OPERATIONS = Object.keys(WHERE) as OperationId[];
/** The operations a generic Basic server has (GET and HEAD of its protected URL; see profiles.ts). */
const BASIC_OPERATIONS: readonly OperationId[] = ['get-object', 'head-object'];
/** Every operation a valid request exists for (an authenticated unknown method gets 405/501). */
const VALID_OPERATIONS = ALL_OPERATIONS.filter((op) => op !== 'unknown-method');
/**
 * Every operation on the container, where an identity without permission on it is refused.
 * Not the list of containers: it answers everyone, with the containers they may use (none).
 */
const CONTAINER_OPERATIONS = ALL_OPERATIONS.filter((op) => op !== 'list-containers');

const R = requirementSentences('cross-cutting');

function validOn(operation: OperationId): ConformanceCase {
  return {
    id: `cross-valid-session-key-${operation}`,
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'every-operation',
    title: `accepts a valid access key ${WHERE[operation]}`,
    requirement: R.everyOperation,
    level: 'must',
    sources: [HTTP_AUTH, SESSION_KEY],
    request: request(operation, [sessionKey('{{accessKey}}')]),
    expect: { outcome: 'accept' },
  };
}

function noCredentialsOn(operation: OperationId): ConformanceCase {
  return {
    id: `cross-no-credentials-${operation}`,
    form: 'cross-cutting',
    profiles: BASIC_OPERATIONS.includes(operation) ? EVERY_PROFILE : V3IO_ONLY,
    family: 'every-operation',
    title: `rejects a request without credentials ${WHERE[operation]}`,
    requirement: R.noCredentials,
    level: 'must',
    sources: [HTTP_AUTH, 'seed §Overview', UNAUTHORIZED, 'RFC 9110 §11.6.1'],
    request: request(operation, []),
    expect: { outcome: 'unauthenticated' },
  };
}

function unknownKeyOn(operation: OperationId): ConformanceCase {
  return {
    id: `cross-unknown-key-${operation}`,
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'every-operation',
    title: `rejects an unknown access key ${WHERE[operation]}`,
    requirement: R.unknownKey,
    level: 'must',
    sources: [HTTP_AUTH, SESSION_KEY, UNAUTHORIZED],
    request: request(operation, [sessionKey(UNKNOWN_KEY)]),
    expect: { outcome: 'unauthenticated' },
  };
}

/** `profiles`: a scheme carrying a V3IO access key means nothing to a generic Basic server. */
function unsupportedScheme(id: string, title: string, value: string, profiles: readonly ProfileId[] = EVERY_PROFILE): ConformanceCase {
  return {
    id: `cross-unsupported-scheme-${id}`,
    form: 'cross-cutting',
    profiles,
    family: 'unsupported-scheme',
    title,
    requirement: R.unsupportedScheme,
    level: 'must',
    sources: [HTTP_AUTH, UNAUTHORIZED, 'RFC 9110 §11.6.2'],
    request: request('get-object', [authorization(value)]),
    expect: { outcome: 'unauthenticated' },
  };
}

function otherChannel(
  id: string,
  title: string,
  credentials: readonly HeaderLine[],
  sources: readonly string[],
  path?: string,
): ConformanceCase {
  return {
    id: `cross-${id}`,
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'other-channel',
    title,
    requirement: R.otherChannel,
    level: 'must',
    sources,
    request: request('get-object', credentials, path === undefined ? {} : { path }),
    expect: { outcome: 'unauthenticated' },
  };
}

function forbidden(id: string, operation: OperationId, via: string, credentials: HeaderLine, family = 'permission'): ConformanceCase {
  return {
    id: `cross-denied-${id}`,
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family,
    title: `rejects a valid ${via} of an identity without permission ${WHERE[operation]}`,
    requirement: R.permission,
    level: 'must',
    sources: [HTTP_AUTH, 'RFC 9110 §15.5.4'],
    request: request(operation, [credentials]),
    requires: ['deniedAccessKey'],
    expect: { outcome: 'forbidden' },
  };
}

/**
 * A denied identity's access key on the operation. The ids are those the permission family
 * used for its first six operations, so they stay stable.
 */
function deniedOn(operation: OperationId): ConformanceCase {
  const denied = forbidden(`session-key-${operation}`, operation, 'access key', sessionKey('{{deniedAccessKey}}'), 'every-operation');
  // A method the server does not implement: checking the method or the permission first are both right (403 or 405).
  return operation === 'unknown-method' ? { ...denied, expect: { outcome: 'forbidden', statuses: [403, 405] } } : denied;
}

const OBJECT_PATH = '/{{container}}/{{fixtureObject}}';

export const CROSS_CUTTING_CASES: readonly ConformanceCase[] = [
  // Enforcement on every operation.
  ...VALID_OPERATIONS.map(validOn),
  ...ALL_OPERATIONS.map(noCredentialsOn),
  ...ALL_OPERATIONS.map(unknownKeyOn),
  ...CONTAINER_OPERATIONS.map(deniedOn),

  // Authorization schemes the server does not support.
  unsupportedScheme('bearer-access-key', 'rejects a valid access key as a Bearer token', 'Bearer {{accessKey}}', V3IO_ONLY),
  unsupportedScheme('bearer', 'rejects an arbitrary Bearer token', 'Bearer x'),
  unsupportedScheme(
    'digest',
    'rejects Digest credentials',
    'Digest username="{{username}}", realm="v3io", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/", ' +
      'response="6629fae49393a05397450978507c4ef1", qop=auth, nc=00000001, cnonce="0a4f113b"',
  ),
  unsupportedScheme('negotiate', 'rejects Negotiate credentials', 'Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXegDTALBgkqhkiG9xIBAgI='),
  unsupportedScheme('unknown', 'rejects the unknown scheme HAHAHA', 'HAHAHA'),
  unsupportedScheme('key-without-scheme', 'rejects a valid access key as the whole Authorization value', '{{accessKey}}', V3IO_ONLY),
  {
    id: 'cross-empty-authorization',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'empty-credential',
    title: 'rejects an empty Authorization value',
    requirement: R.emptyAuthorization,
    level: 'must',
    sources: [HTTP_AUTH, UNAUTHORIZED, 'RFC 9110 §11.6.2'],
    request: request('get-object', [authorization('')]),
    expect: { outcome: 'unauthenticated' },
  },

  // Channels the seed does not define.
  {
    id: 'cross-proxy-authorization-basic',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'other-channel',
    title: 'rejects valid Basic credentials sent only in Proxy-Authorization',
    requirement: R.proxy,
    level: 'must',
    sources: [BASIC, 'RFC 9110 §11.7.2', UNAUTHORIZED],
    request: request('get-object', [['Proxy-Authorization', 'Basic {{basicToken}}']]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'unauthenticated' },
  },
  {
    id: 'cross-proxy-authorization-session-key',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'other-channel',
    title: 'rejects a valid access key sent only in Proxy-Authorization',
    requirement: R.proxy,
    level: 'must',
    sources: [SESSION_KEY, 'RFC 9110 §11.7.2', UNAUTHORIZED],
    request: request('get-object', [['Proxy-Authorization', '{{accessKey}}']]),
    expect: { outcome: 'unauthenticated' },
  },
  otherChannel(
    'underscore-header-name',
    'rejects a valid access key in an X_v3io_session_key header (underscores)',
    [['X_v3io_session_key', '{{accessKey}}']],
    [SESSION_KEY, 'RFC 9110 §17.10'],
  ),
  otherChannel(
    'query-session-key',
    'rejects a valid access key in the query parameter X-v3io-session-key',
    [],
    [SESSION_KEY, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?X-v3io-session-key={{accessKey}}`,
  ),
  otherChannel(
    'query-access-key',
    'rejects a valid access key in the query parameter access_key',
    [],
    [SESSION_KEY, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?access_key={{accessKey}}`,
  ),
  otherChannel(
    'query-presigned-sigv4',
    'rejects a valid access key in a SigV4 presigned-URL query (X-Amz-Credential)',
    [],
    [S3_LIKE, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={{accessKey}}%2F20240115%2Fus-east-1%2Fs3%2Faws4_request` +
      '&X-Amz-Date=20240115T120000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host' +
      '&X-Amz-Signature=9c1f4e2a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
  ),
  otherChannel(
    'query-presigned-sigv2',
    'rejects a valid access key in a SigV2 presigned-URL query (AWSAccessKeyId)',
    [],
    [S3_LIKE, 'RFC 9110 §17.9', 'OWASP REST Security Cheat Sheet'],
    `${OBJECT_PATH}?AWSAccessKeyId={{accessKey}}&Expires=1893456000&Signature=Vb3bM1v6sB5rT0k2Yq9xWn4hJcE%3D`,
  ),
  otherChannel(
    'cookie-session-key',
    'rejects a valid access key in a cookie',
    [['Cookie', 'X-v3io-session-key={{accessKey}}']],
    [SESSION_KEY, 'OWASP REST Security Cheat Sheet'],
  ),

  // Two Authorization lines (newman sends both).
  {
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

  // X-v3io-session-key and Authorization in one request.
  {
    id: 'cross-session-key-and-basic-same-identity',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'accepts a valid access key and valid Basic credentials of the same identity together',
    requirement: R.sameIdentity,
    level: 'may',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{accessKey}}'), VALID_BASIC]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'accept' },
  },
  {
    id: 'cross-session-key-and-sigv4-same-key',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'accepts the same valid access key in X-v3io-session-key and in a SigV4 Authorization',
    requirement: R.sameIdentity,
    level: 'may',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{accessKey}}'), sigv4('{{accessKey}}')]),
    expect: { outcome: 'accept' },
  },
  {
    id: 'cross-valid-session-key-wrong-basic',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'rejects a valid access key together with Basic credentials with a wrong password',
    requirement: R.conflicting,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{accessKey}}'), WRONG_BASIC]),
    derive: [WRONG_PASSWORD_TOKEN],
    expect: { outcome: 'reject' },
  },
  {
    id: 'cross-valid-session-key-malformed-basic',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'rejects a valid access key together with a malformed Basic token',
    requirement: R.conflicting,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{accessKey}}'), authorization('Basic !!!!')]),
    expect: { outcome: 'reject' },
  },
  {
    id: 'cross-unknown-session-key-valid-basic',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'rejects an unknown access key together with valid Basic credentials',
    requirement: R.conflicting,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey(UNKNOWN_KEY), VALID_BASIC]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'reject' },
  },
  {
    id: 'cross-valid-sigv4-unknown-session-key',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'rejects a valid SigV4 Authorization together with an unknown access key',
    requirement: R.conflicting,
    level: 'should',
    sources: [S3_LIKE, 'RFC 6750 §2'],
    request: request('get-object', [sigv4('{{accessKey}}'), sessionKey(UNKNOWN_KEY)]),
    expect: { outcome: 'reject' },
  },
  {
    id: 'cross-valid-basic-empty-session-key',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'rejects valid Basic credentials together with an empty X-v3io-session-key',
    requirement: R.conflicting,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [VALID_BASIC, sessionKey('')]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'reject' },
  },
  {
    id: 'cross-session-key-and-basic-different-identities',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'conflicting-forms',
    title: 'rejects a session key and Basic credentials of two different identities',
    requirement: R.differentIdentities,
    level: 'should',
    sources: [HTTP_AUTH, 'RFC 6750 §2'],
    request: request('get-object', [sessionKey('{{deniedAccessKey}}'), VALID_BASIC]),
    derive: [BASIC_TOKEN],
    requires: ['deniedAccessKey'],
    expect: { outcome: 'reject' },
  },

  // Valid identity, no permission, through the Authorization forms (the access key is on every operation above).
  forbidden('sigv4-get-object', 'get-object', 'SigV4 Authorization', sigv4('{{deniedAccessKey}}')),
  forbidden('sigv2-get-object', 'get-object', 'SigV2 Authorization', sigv2('{{deniedAccessKey}}')),

  // Size limits.
  {
    id: 'cross-huge-session-key',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'size',
    title: 'rejects a 64 KiB X-v3io-session-key value with 431 or 400',
    requirement: R.size,
    level: 'must',
    sources: ['RFC 6585 §5', 'RFC 9110 §5.4', 'RFC 9110 §17.5'],
    request: request('get-object', [sessionKey('{{hugeKey}}')]),
    derive: [{ name: 'hugeKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: 65536 }] }],
    expect: { outcome: 'reject', statuses: [431, 400] },
  },
  {
    id: 'cross-huge-basic-token',
    form: 'cross-cutting',
    profiles: EVERY_PROFILE,
    family: 'size',
    title: 'rejects a 64 KiB Basic token with 431 or 400',
    requirement: R.size,
    level: 'must',
    sources: ['RFC 6585 §5', 'RFC 9110 §5.4', 'RFC 9110 §17.5'],
    request: request('get-object', [authorization('Basic {{hugeToken}}')]),
    derive: [
      {
        name: 'hugeToken',
        from: '{{username}}:{{password}}',
        apply: [{ op: 'repeat-to-length', length: 49152 }, { op: 'base64' }],
      },
    ],
    expect: { outcome: 'reject', statuses: [431, 400] },
  },
  {
    id: 'cross-huge-sigv4-credential',
    form: 'cross-cutting',
    profiles: V3IO_ONLY,
    family: 'size',
    title: 'rejects a SigV4 Authorization with a 64 KiB key with 431 or 400',
    requirement: R.size,
    level: 'must',
    sources: ['RFC 6585 §5', 'RFC 9110 §5.4', 'RFC 9110 §17.5'],
    request: request('get-object', [sigv4('{{hugeKey}}')]),
    derive: [{ name: 'hugeKey', from: '{{accessKey}}', apply: [{ op: 'repeat-to-length', length: 65536 }] }],
    expect: { outcome: 'reject', statuses: [431, 400] },
  },
];
