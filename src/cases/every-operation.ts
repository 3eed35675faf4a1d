/**
 * Cross-cutting cases: authentication enforced alike on every operation (a valid key accepted; no
 * credentials, an unknown key and a denied identity rejected), and the denied identity through the
 * Authorization forms.
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type HeaderLine, type OperationId } from './model.js';
import { request } from './operations.js';
import { requirementSentences } from './requirements.js';
import { SEED_HTTP_AUTH as HTTP_AUTH, SEED_SESSION_KEY as SESSION_KEY, UNKNOWN_KEY } from './credentials.js';
import { UNAUTHORIZED, sessionKey, sigv4, sigv2 } from './cross-cutting-headers.js';

const R = requirementSentences('cross-cutting');

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

function validOn(operation: OperationId): HttpCase {
  return {
    kind: 'http',
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

function noCredentialsOn(operation: OperationId): HttpCase {
  return {
    kind: 'http',
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

function unknownKeyOn(operation: OperationId): HttpCase {
  return {
    kind: 'http',
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
function forbidden(id: string, operation: OperationId, via: string, credentials: HeaderLine, family = 'permission'): HttpCase {
  return {
    kind: 'http',
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
function deniedOn(operation: OperationId): HttpCase {
  const denied = forbidden(`session-key-${operation}`, operation, 'access key', sessionKey('{{deniedAccessKey}}'), 'every-operation');
  // A method the server does not implement: checking the method or the permission first are both right (403 or 405).
  return operation === 'unknown-method' ? { ...denied, expect: { outcome: 'forbidden', statuses: [403, 405] } } : denied;
}

export const EVERY_OPERATION_CASES: readonly HttpCase[] = [
  // Enforcement on every operation.
  ...VALID_OPERATIONS.map(validOn),
  ...ALL_OPERATIONS.map(noCredentialsOn),
  ...ALL_OPERATIONS.map(unknownKeyOn),
  ...CONTAINER_OPERATIONS.map(deniedOn),
];

export const PERMISSION_VIA_AUTHORIZATION_CASES: readonly HttpCase[] = [
  // Valid identity, no permission, through the Authorization forms (the access key is on every operation above).
  forbidden('sigv4-get-object', 'get-object', 'SigV4 Authorization', sigv4('{{deniedAccessKey}}')),
  forbidden('sigv2-get-object', 'get-object', 'SigV2 Authorization', sigv2('{{deniedAccessKey}}')),
];
