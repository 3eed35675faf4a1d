/**
 * The V3IO operations the cases use, the fixtures they rely on, and `request()`, the builder
 * case modules use to write a request as plain data.
 */
import type { HeaderLine, OperationId, RequestSpec } from './model.js';

/** JSON Schemas (see `src/schemas/`) that responses are checked against, by id. */
export const SCHEMA_IDS = ['v3io-error', 'get-item'] as const;
export type SchemaId = (typeof SCHEMA_IDS)[number];

/** How a 2xx response of an operation is recognised as the operation's normal response. */
export type SuccessCheck =
  | { readonly kind: 'xml-root'; readonly root: string }
  | { readonly kind: 'body-equals'; readonly template: string }
  | { readonly kind: 'json-schema'; readonly schema: SchemaId }
  | { readonly kind: 'status-only' };

export interface Operation {
  readonly id: OperationId;
  /** What the operation does, for titles and reports. */
  readonly summary: string;
  readonly method: string;
  readonly path: string;
  /** Headers the operation itself needs (function name, content type), before credentials. */
  readonly headers: readonly HeaderLine[];
  readonly body?: string;
  /** Statuses a valid request gets. */
  readonly successStatuses: readonly number[];
  readonly success: SuccessCheck;
  /**
   * A request sent with valid credentials before the case's own, so that the case's valid
   * request has something to act on (e.g. the object a DELETE removes).
   */
  readonly prepare?: OperationId;
}

/**
 * Variables the collection defines for itself (not the environment): where the fixtures live.
 * `runPrefix` keeps everything the suite writes under one folder of the container.
 */
export const COLLECTION_VARIABLES = {
  runPrefix: 'v3io-auth-conformance',
  fixtureObject: '{{runPrefix}}/fixture.txt',
  fixtureContent: 'v3io-auth-conformance fixture object',
  scratchObject: '{{runPrefix}}/scratch.txt',
  table: '{{runPrefix}}/table',
} as const;
export type CollectionVariable = keyof typeof COLLECTION_VARIABLES;

const JSON_CONTENT: HeaderLine = ['Content-Type', 'application/json'];

export const OPERATIONS: Readonly<Record<OperationId, Operation>> = {
  'list-containers': {
    id: 'list-containers',
    summary: 'list the containers',
    method: 'GET',
    path: '/',
    headers: [],
    successStatuses: [200],
    success: { kind: 'xml-root', root: 'ListAllMyBucketsResult' },
  },
  'list-container': {
    id: 'list-container',
    summary: 'list the container',
    method: 'GET',
    path: '/{{container}}/?prefix={{runPrefix}}/',
    headers: [],
    successStatuses: [200],
    success: { kind: 'xml-root', root: 'ListBucketResult' },
  },
  'get-object': {
    id: 'get-object',
    summary: 'GET an object',
    method: 'GET',
    path: '/{{container}}/{{fixtureObject}}',
    headers: [],
    successStatuses: [200],
    success: { kind: 'body-equals', template: '{{fixtureContent}}' },
  },
  'head-object': {
    id: 'head-object',
    summary: 'HEAD an object',
    method: 'HEAD',
    path: '/{{container}}/{{fixtureObject}}',
    headers: [],
    successStatuses: [200],
    success: { kind: 'status-only' },
  },
  'put-object': {
    id: 'put-object',
    summary: 'PUT an object',
    method: 'PUT',
    path: '/{{container}}/{{scratchObject}}',
    headers: [['Content-Type', 'text/plain']],
    body: 'written by v3io-auth-conformance',
    successStatuses: [200, 201, 204],
    success: { kind: 'status-only' },
  },
  'post-object': {
    id: 'post-object',
    summary: 'POST an object',
    method: 'POST',
    path: '/{{container}}/{{scratchObject}}',
    headers: [['Content-Type', 'text/plain']],
    body: 'written by v3io-auth-conformance',
    successStatuses: [200, 201, 204],
    success: { kind: 'status-only' },
  },
  'delete-object': {
    id: 'delete-object',
    summary: 'DELETE an object',
    method: 'DELETE',
    path: '/{{container}}/{{scratchObject}}',
    headers: [],
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
    prepare: 'put-object',
  },
  'get-item': {
    id: 'get-item',
    summary: 'GetItem on a NoSQL table',
    method: 'POST',
    path: '/{{container}}/{{table}}/',
    headers: [['X-v3io-function', 'GetItem'], JSON_CONTENT],
    body: '{"Key":{"id":{"S":"fixture"}},"AttributesToGet":"*"}',
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'get-item' },
  },
  'put-item': {
    id: 'put-item',
    summary: 'PutItem on a NoSQL table',
    method: 'PUT',
    path: '/{{container}}/{{table}}/',
    headers: [['X-v3io-function', 'PutItem'], JSON_CONTENT],
    body: '{"Key":{"id":{"S":"scratch"}},"Item":{"note":{"S":"written by v3io-auth-conformance"}}}',
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
  },
  'unknown-method': {
    id: 'unknown-method',
    summary: 'an unknown method (PROPFIND) on an object',
    method: 'PROPFIND',
    path: '/{{container}}/{{fixtureObject}}',
    headers: [],
    // No valid request exists: an authenticated unknown method is answered 405 or 501.
    successStatuses: [],
    success: { kind: 'status-only' },
  },
};

/** Credentials the fixtures are written and removed with. */
export const FIXTURE_CREDENTIALS: readonly HeaderLine[] = [['X-v3io-session-key', '{{accessKey}}']];

/** What the suite creates before the cases (in order) and removes after them. */
export const FIXTURES = {
  setup: [
    {
      id: 'setup-put-fixture-object',
      title: 'create the fixture object',
      request: { method: 'PUT', path: '/{{container}}/{{fixtureObject}}', headers: [['Content-Type', 'text/plain']], body: '{{fixtureContent}}' },
    },
    {
      id: 'setup-put-fixture-item',
      title: 'create the fixture item',
      request: {
        method: 'PUT',
        path: '/{{container}}/{{table}}/',
        headers: [['X-v3io-function', 'PutItem'], JSON_CONTENT],
        body: '{"Key":{"id":{"S":"fixture"}},"Item":{"note":{"S":"v3io-auth-conformance fixture item"},"count":{"N":"1"}}}',
      },
    },
  ],
  teardown: [
    { id: 'teardown-delete-fixture-object', title: 'remove the fixture object', request: { method: 'DELETE', path: '/{{container}}/{{fixtureObject}}', headers: [] } },
    { id: 'teardown-delete-scratch-object', title: 'remove the scratch object', request: { method: 'DELETE', path: '/{{container}}/{{scratchObject}}', headers: [] } },
    { id: 'teardown-delete-fixture-item', title: 'remove the fixture item', request: { method: 'DELETE', path: '/{{container}}/{{table}}/fixture', headers: [] } },
    { id: 'teardown-delete-scratch-item', title: 'remove the scratch item', request: { method: 'DELETE', path: '/{{container}}/{{table}}/scratch', headers: [] } },
  ],
} as const satisfies Record<'setup' | 'teardown', readonly FixtureStep[]>;

export interface FixtureStep {
  readonly id: string;
  readonly title: string;
  readonly request: { readonly method: string; readonly path: string; readonly headers: readonly HeaderLine[]; readonly body?: string };
}

/**
 * The request of a case: the operation's method, path, own headers and body, then the case's
 * credential headers in the order given. `overrides` replaces the method or path (e.g. to put a
 * credential in the query string) or the operation headers.
 */
export function request(
  operation: OperationId,
  credentials: readonly HeaderLine[],
  overrides: { readonly method?: string; readonly path?: string; readonly body?: string } = {},
): RequestSpec {
  const op = OPERATIONS[operation];
  const body = overrides.body ?? op.body;
  return {
    operation,
    method: overrides.method ?? op.method,
    path: overrides.path ?? op.path,
    headers: [...op.headers, ...credentials],
    ...(body === undefined ? {} : { body }),
  };
}
