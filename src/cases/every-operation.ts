/**
 * Cross-cutting cases: authentication enforced alike on every operation (a valid key accepted; no
 * credentials, an unknown key and a denied identity rejected), and the denied identity through the
 * Authorization forms (SigV4, SigV2, Basic) on GET object and on every operation that writes.
 */
import { EVERY_PROFILE, V3IO_ONLY, type Derivation, type HttpCase, type HeaderLine, type OperationId, type OptionalVariable } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { OPERATIONS, request } from './operations.js';
import { UNKNOWN_KEY } from './credentials.js';
import { authorization, sessionKey, sigv4, sigv2 } from './cross-cutting-headers.js';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['cross-cutting'] });

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
/**
 * The operations that write (those whose rejection is proven to change nothing): a server that
 * checks permissions only on reads lets a denied identity change data through them.
 */
const WRITE_OPERATIONS = ALL_OPERATIONS.filter((op) => OPERATIONS[op].unchanged !== undefined);
/** GET object, the read every form's denied identity is checked on, then the writes. */
const DENIED_VIA_AUTHORIZATION_OPERATIONS: readonly OperationId[] = ['get-object', ...WRITE_OPERATIONS];

function validOn(operation: OperationId): HttpCase {
  return httpCase({
    id: `cross-valid-session-key-${operation}`,
    family: 'every-operation',
    title: `accepts a valid access key ${WHERE[operation]}`,
    requirement: 'everyOperation',
    request: request(operation, [sessionKey('{{accessKey}}')]),
    expect: { outcome: 'accept' },
  });
}

function noCredentialsOn(operation: OperationId): HttpCase {
  return httpCase({
    id: `cross-no-credentials-${operation}`,
    profiles: BASIC_OPERATIONS.includes(operation) ? EVERY_PROFILE : V3IO_ONLY,
    family: 'every-operation',
    title: `rejects a request without credentials ${WHERE[operation]}`,
    requirement: 'noCredentials',
    request: request(operation, []),
    expect: { outcome: 'unauthenticated' },
  });
}

function unknownKeyOn(operation: OperationId): HttpCase {
  return httpCase({
    id: `cross-unknown-key-${operation}`,
    family: 'every-operation',
    title: `rejects an unknown access key ${WHERE[operation]}`,
    requirement: 'unknownKey',
    request: request(operation, [sessionKey(UNKNOWN_KEY)]),
    expect: { outcome: 'unauthenticated' },
  });
}

/** How a denied identity's credential travels: its header line, the variables it needs, what it derives. */
interface DeniedCredential {
  /** After `cross-denied-`, before the operation, in ids. */
  readonly id: string;
  /** In titles: `SigV4 Authorization`. */
  readonly via: string;
  readonly line: HeaderLine;
  readonly requires: readonly OptionalVariable[];
  readonly derive?: readonly Derivation[];
}

const DENIED_SESSION_KEY: DeniedCredential = { id: 'session-key', via: 'access key', line: sessionKey('{{deniedAccessKey}}'), requires: ['deniedAccessKey'] };

/** The Authorization forms of a denied identity: its access key in the AWS syntaxes, its username and password in Basic. */
const DENIED_VIA_AUTHORIZATION: readonly DeniedCredential[] = [
  { id: 'sigv4', via: 'SigV4 Authorization', line: sigv4('{{deniedAccessKey}}'), requires: ['deniedAccessKey'] },
  { id: 'sigv2', via: 'SigV2 Authorization', line: sigv2('{{deniedAccessKey}}'), requires: ['deniedAccessKey'] },
  {
    id: 'basic',
    via: 'Basic username and password',
    line: authorization('Basic {{deniedBasicToken}}'),
    requires: ['deniedUsername', 'deniedPassword'],
    derive: [{ name: 'deniedBasicToken', from: '{{deniedUsername}}:{{deniedPassword}}', apply: [{ op: 'base64' }] }],
  },
];

function forbidden(credential: DeniedCredential, operation: OperationId, family = 'permission'): HttpCase {
  return httpCase({
    id: `cross-denied-${credential.id}-${operation}`,
    // V3IO only: a generic Basic server has no permissions model, so no identity without permission.
    profiles: V3IO_ONLY,
    family,
    title: `rejects a valid ${credential.via} of an identity without permission ${WHERE[operation]}`,
    requirement: 'permission',
    request: request(operation, [credential.line]),
    ...(credential.derive ? { derive: credential.derive } : {}),
    requires: credential.requires,
    expect: { outcome: 'forbidden' },
  });
}

/**
 * A denied identity's access key on the operation. The ids are those the permission family
 * used for its first six operations, so they stay stable.
 */
function deniedOn(operation: OperationId): HttpCase {
  const denied = forbidden(DENIED_SESSION_KEY, operation, 'every-operation');
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

/**
 * Valid identity, no permission, through the Authorization forms (the access key is on every
 * operation above): a server that enforces permissions only on reads, or only for one form, lets
 * the identity in through the others.
 */
export const PERMISSION_VIA_AUTHORIZATION_CASES: readonly HttpCase[] = DENIED_VIA_AUTHORIZATION.flatMap((credential) =>
  DENIED_VIA_AUTHORIZATION_OPERATIONS.map((operation) => forbidden(credential, operation)),
);
