/**
 * The V3IO operations the cases use, the fixtures they rely on, and `request()`, the builder
 * case modules use to write a request as plain data.
 */
import type { HeaderLine, OperationId, RequestSpec } from './model.js';

/** JSON Schemas (see `src/schemas/`) that responses are checked against, by id. */
export const SCHEMA_IDS = ['v3io-error', 'get-item', 'get-items', 'describe-stream', 'put-records', 'seek', 'get-records'] as const;
export type SchemaId = (typeof SCHEMA_IDS)[number];

/**
 * What of a 2xx response's body an official SDK relies on (issue #13: the accept case's MUST part
 * is only that the request was let in; body shape is a SHOULD, and only what a client reads).
 * `sources` cite the SDK code that reads it (repository, file, function).
 */
export type SuccessCheck =
  /** An XML body with these elements (under any root element). */
  | { readonly kind: 'xml-elements'; readonly elements: readonly string[]; readonly sources: readonly string[] }
  | { readonly kind: 'body-equals'; readonly template: string; readonly sources: readonly string[] }
  | { readonly kind: 'json-schema'; readonly schema: SchemaId; readonly sources: readonly string[] }
  | { readonly kind: 'status-only' };

/** Where v3io-py decodes the bodies the success checks look at. */
const V3IO_PY_OUTPUT = 'v3io-py v3io/dataplane/output.py';

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
  /** A stream of one shard that the stream cases read and write. */
  stream: '{{runPrefix}}/stream',
  /** A stream the CreateStream and UpdateStream cases create anew each time. */
  scratchStream: '{{runPrefix}}/scratch-stream',
  /**
   * The Location GetRecords reads from: the valid GetRecords case's preparation replaces it with
   * the one its Seek returned. Until then the documented example (shard 0, from the start), so
   * that the rejection cases send a well-formed body.
   */
  streamLocation: 'AQAAAAAAAAAAAAAAAAAAAA==',
} as const;
export type CollectionVariable = keyof typeof COLLECTION_VARIABLES;

/** A request as fixture steps and preparations write it: templates with `{{variables}}`, credentials added when sent. */
export interface StepRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly HeaderLine[];
  readonly body?: string;
}

/**
 * A request sent with valid credentials before (or, to read a state back, after) a case's own.
 * It is done when it gets a 2xx or one of the answers of `alsoDone` (a DELETE of what is not
 * there: 404). A step that is not done leaves the case inconclusive, never failed: the harness
 * could not establish what the case needs.
 */
export interface PrepareStep extends StepRequest {
  /** Keeps a string member of the JSON answer in a variable the case's request uses (a stream Location). */
  readonly capture?: { readonly variable: CollectionVariable; readonly member: string };
  /** Answers besides a 2xx that mean the step's aim holds. */
  readonly alsoDone?: readonly StepAnswer[];
}

/** An answer a step accepts: a status and, optionally, text its body must contain. */
export interface StepAnswer {
  readonly status: number;
  readonly bodyIncludes?: string;
}

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
  /** Requests sent in order before an accepted case's own (see PrepareStep). */
  readonly prepare?: readonly PrepareStep[];
  /** For an operation that writes: how a rejected request is proven to have changed nothing. */
  readonly unchanged?: UnchangedProof;
  /**
   * For an operation that reads a fixture: text only a permitted request gets back (a template). A
   * rejection whose response holds it disclosed what it refused, as a server that reads before it
   * authenticates does.
   */
  readonly disclosed?: { readonly what: string; readonly template: string };
  /**
   * For an operation that reads: what in a 2xx body shows that a request reached the operation's
   * resource, for a rejection case with `letInOnEvidence` (absent: `disclosed` is the evidence).
   * The body shows it when it holds every text (templates) of one of `anyOf`; for a request with
   * the valid credential of an identity without permission, of one of `withCredential` when set
   * (what that identity may be shown elsewhere, e.g. a root listing that names the container, is
   * no evidence that it reached the resource).
   */
  readonly reached?: { readonly what: string; readonly anyOf: readonly (readonly string[])[]; readonly withCredential?: readonly (readonly string[])[] };
}

/** The note of the fixture item, which GetItem and GetItems return. */
const FIXTURE_ITEM_NOTE = 'v3io-auth-conformance fixture item';
const FIXTURE_ITEM_DISCLOSED = { what: "the fixture item's note", template: FIXTURE_ITEM_NOTE } as const;

/**
 * auth-requirements.md: "every rejection keeps data intact (MUST; checked by reading back with
 * valid credentials)". Before a rejection case's request, `arrange` puts what the operation would
 * change into a known state, different from what the request writes, and `read` takes the
 * before-snapshot; after the rejection, `read` again takes the after-snapshot (the steps in order:
 * an earlier one may capture what a later one needs; the last answer is the snapshot), and the
 * two must be equal as `compare` says. All with the fixture credentials. When arranging or either
 * read is not done, the check cannot be made: the case is inconclusive with that step's answer.
 */
export interface UnchangedProof {
  /** What the request would change, for messages: `the scratch object`. */
  readonly what: string;
  readonly arrange: readonly PrepareStep[];
  readonly read: readonly PrepareStep[];
  readonly compare: SnapshotComparison;
}

export type SnapshotComparison =
  /** The same status and exactly the same body. */
  | { readonly kind: 'status-and-body' }
  /** The same status (e.g. 404 both times: still absent). */
  | { readonly kind: 'status' }
  /** The same status and JSON bodies whose members (dotted paths) are equal (absent counts as null). */
  | { readonly kind: 'json-members'; readonly members: readonly string[] };

const JSON_CONTENT: HeaderLine = ['Content-Type', 'application/json'];

/** The headers of an `X-v3io-function` operation. */
function functionHeaders(name: string): readonly HeaderLine[] {
  return [['X-v3io-function', name], JSON_CONTENT];
}

/** A DELETE is done when the thing is gone: removed now (2xx) or not there (404). */
const deleting = (path: string): PrepareStep => ({ method: 'DELETE', path, headers: [], alsoDone: [{ status: 404 }] });

const SCRATCH_OBJECT_WRITE = {
  path: '/{{container}}/{{scratchObject}}',
  headers: [['Content-Type', 'text/plain']],
  body: 'written by v3io-auth-conformance',
} as const satisfies Omit<StepRequest, 'method'>;

const ONE_SHARD_STREAM = '{"ShardCount":1,"RetentionPeriodHours":1}';
/** Done when the stream exists: created now, or there already (409, or 400 naming ResourceInUseException as V3IO answers). */
const creatingStream = (path: string): PrepareStep => ({
  method: 'POST',
  path,
  headers: functionHeaders('CreateStream'),
  body: ONE_SHARD_STREAM,
  alsoDone: [{ status: 409 }, { status: 400, bodyIncludes: 'ResourceInUse' }],
});

/**
 * Streams are created by the preparations, not by the setup: CreateStream is not idempotent, and
 * a stream left behind by an interrupted run would make every later setup fail. "Already exists"
 * counts as done (`creatingStream`).
 */
const CREATE_FIXTURE_STREAM = creatingStream('/{{container}}/{{stream}}/');

/** Removes the scratch stream the way the SDKs delete a stream (shard files, then the directory), whatever a previous case or run left. */
const REMOVE_SCRATCH_STREAM: readonly PrepareStep[] = [
  deleting('/{{container}}/{{scratchStream}}/0'),
  deleting('/{{container}}/{{scratchStream}}/1'),
  deleting('/{{container}}/{{scratchStream}}/'),
];

/** A record's Data: the Base64 of "v3io-auth-conformance record". */
const RECORD_DATA = 'djNpby1hdXRoLWNvbmZvcm1hbmNlIHJlY29yZA==';
const SHARD_ZERO = '/{{container}}/{{stream}}/0';

/** A read-back: a 404 (the thing is gone, e.g. deleted by the rejected request) is an answer about the state too. */
const readingBack = (step: PrepareStep): PrepareStep => ({ ...step, alsoDone: [{ status: 404 }] });

/** What the proofs arrange: text no request of the suite writes. */
const KEPT_TEXT = 'kept by v3io-auth-conformance';
const GET_SCRATCH_ITEM: PrepareStep = {
  method: 'PUT',
  path: '/{{container}}/{{table}}/',
  headers: functionHeaders('GetItem'),
  body: '{"Key":{"id":{"S":"scratch"}},"AttributesToGet":"*"}',
};
const DESCRIBE_SCRATCH_STREAM: PrepareStep = { method: 'PUT', path: '/{{container}}/{{scratchStream}}/', headers: functionHeaders('DescribeStream'), body: '{}' };

const SCRATCH_OBJECT_KEPT: UnchangedProof = {
  what: 'the scratch object',
  arrange: [{ method: 'PUT', path: SCRATCH_OBJECT_WRITE.path, headers: SCRATCH_OBJECT_WRITE.headers, body: KEPT_TEXT }],
  read: [readingBack({ method: 'GET', path: SCRATCH_OBJECT_WRITE.path, headers: [] })],
  compare: { kind: 'status-and-body' },
};
const SCRATCH_ITEM_KEPT: UnchangedProof = {
  what: 'the scratch item',
  arrange: [{ method: 'PUT', path: '/{{container}}/{{table}}/', headers: functionHeaders('PutItem'), body: `{"Key":{"id":{"S":"scratch"}},"Item":{"note":{"S":"${KEPT_TEXT}"}}}` }],
  read: [readingBack(GET_SCRATCH_ITEM)],
  compare: { kind: 'json-members', members: ['Item.note', 'Item.updates'] },
};

export const OPERATIONS: Readonly<Record<OperationId, Operation>> = {
  'list-containers': {
    id: 'list-containers',
    summary: 'list the containers',
    method: 'GET',
    path: '/',
    headers: [],
    successStatuses: [200],
    // v3io-py reads Buckets/Bucket under whatever root; v3io-go never lists the root.
    success: { kind: 'xml-elements', elements: ['Buckets'], sources: [`${V3IO_PY_OUTPUT} GetContainersOutput`] },
  },
  'list-container': {
    id: 'list-container',
    summary: 'list the container',
    method: 'GET',
    // The container's root, one entry a page: the wire cases send it after the teardown, when a
    // listing of the run's folder is a 404 (V3IO lists directories; v3io-py's tests expect the 404).
    path: '/{{container}}/?max-keys=1',
    headers: [],
    successStatuses: [200],
    success: { kind: 'xml-elements', elements: ['Name', 'NextMarker', 'MaxKeys', 'IsTruncated'], sources: [`${V3IO_PY_OUTPUT} GetContainerContentsOutput`] },
    // The container by its name (its own listing's <Name>, or a listing of containers that names
    // it), or an entry the suite wrote into it; a root listing of no container shows none of these.
    // An identity without permission on the container may still list the root, which may name it:
    // with its credential, only the container's own listing or entries are evidence.
    reached: {
      what: "the container's name or entries",
      anyOf: [['<Name>{{container}}</Name>'], ['<Key>{{runPrefix}}/'], ['<Prefix>{{runPrefix}}/']],
      withCredential: [['<ListBucketResult', '<Name>{{container}}</Name>'], ['<Key>{{runPrefix}}/'], ['<Prefix>{{runPrefix}}/']],
    },
  },
  'head-container': {
    id: 'head-container',
    summary: 'HEAD the container (existence and permission)',
    method: 'HEAD',
    path: '/{{container}}',
    headers: [],
    successStatuses: [200],
    success: { kind: 'status-only' },
  },
  'get-object': {
    id: 'get-object',
    summary: 'GET an object',
    method: 'GET',
    path: '/{{container}}/{{fixtureObject}}',
    headers: [],
    successStatuses: [200],
    success: { kind: 'body-equals', template: '{{fixtureContent}}', sources: ['v3io-py v3io/dataplane/object.py Object.get'] },
    disclosed: { what: "the fixture object's content", template: '{{fixtureContent}}' },
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
    ...SCRATCH_OBJECT_WRITE,
    successStatuses: [200, 201, 204],
    success: { kind: 'status-only' },
    unchanged: SCRATCH_OBJECT_KEPT,
  },
  'post-object': {
    id: 'post-object',
    summary: 'POST an object',
    method: 'POST',
    ...SCRATCH_OBJECT_WRITE,
    successStatuses: [200, 201, 204],
    success: { kind: 'status-only' },
    unchanged: SCRATCH_OBJECT_KEPT,
  },
  'delete-object': {
    id: 'delete-object',
    summary: 'DELETE an object',
    method: 'DELETE',
    path: '/{{container}}/{{scratchObject}}',
    headers: [],
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
    prepare: [{ method: 'PUT', ...SCRATCH_OBJECT_WRITE }],
    unchanged: SCRATCH_OBJECT_KEPT,
  },
  'get-item': {
    id: 'get-item',
    summary: 'GetItem on a NoSQL table',
    method: 'POST',
    path: '/{{container}}/{{table}}/',
    headers: functionHeaders('GetItem'),
    body: '{"Key":{"id":{"S":"fixture"}},"AttributesToGet":"*"}',
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'get-item', sources: [`${V3IO_PY_OUTPUT} GetItemOutput`] },
    disclosed: FIXTURE_ITEM_DISCLOSED,
  },
  'put-item': {
    id: 'put-item',
    summary: 'PutItem on a NoSQL table',
    method: 'PUT',
    path: '/{{container}}/{{table}}/',
    headers: functionHeaders('PutItem'),
    body: '{"Key":{"id":{"S":"scratch"}},"Item":{"note":{"S":"written by v3io-auth-conformance"}}}',
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
    unchanged: SCRATCH_ITEM_KEPT,
  },
  'update-item': {
    id: 'update-item',
    summary: 'UpdateItem on a NoSQL table',
    method: 'POST',
    path: '/{{container}}/{{table}}/',
    headers: functionHeaders('UpdateItem'),
    body: '{"Key":{"id":{"S":"scratch"}},"UpdateExpression":"SET note = \'updated by v3io-auth-conformance\'; SET updates = 1"}',
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
    unchanged: SCRATCH_ITEM_KEPT,
  },
  'get-items': {
    id: 'get-items',
    summary: 'GetItems on a NoSQL table',
    method: 'PUT',
    path: '/{{container}}/{{table}}/',
    headers: functionHeaders('GetItems'),
    body: '{"AttributesToGet":"*","Limit":10}',
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'get-items', sources: [`${V3IO_PY_OUTPUT} GetItemsOutput`] },
    disclosed: FIXTURE_ITEM_DISCLOSED,
  },
  'create-stream': {
    id: 'create-stream',
    summary: 'CreateStream',
    method: 'POST',
    path: '/{{container}}/{{scratchStream}}/',
    headers: functionHeaders('CreateStream'),
    body: ONE_SHARD_STREAM,
    successStatuses: [200, 201, 204],
    success: { kind: 'status-only' },
    prepare: REMOVE_SCRATCH_STREAM,
    unchanged: { what: 'the absence of the scratch stream', arrange: REMOVE_SCRATCH_STREAM, read: [readingBack(DESCRIBE_SCRATCH_STREAM)], compare: { kind: 'status' } },
  },
  'describe-stream': {
    id: 'describe-stream',
    summary: 'DescribeStream',
    method: 'PUT',
    path: '/{{container}}/{{stream}}/',
    headers: functionHeaders('DescribeStream'),
    body: '{}',
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'describe-stream', sources: [`${V3IO_PY_OUTPUT} DescribeStreamOutput`] },
    prepare: [CREATE_FIXTURE_STREAM],
  },
  'update-stream': {
    id: 'update-stream',
    summary: 'UpdateStream (more shards)',
    method: 'POST',
    path: '/{{container}}/{{scratchStream}}/',
    headers: functionHeaders('UpdateStream'),
    body: '{"ShardCount":2}',
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
    // A fresh one-shard stream, whatever was left: UpdateStream must raise the count.
    prepare: [...REMOVE_SCRATCH_STREAM, creatingStream('/{{container}}/{{scratchStream}}/')],
    unchanged: {
      what: "the scratch stream's shard count",
      arrange: [...REMOVE_SCRATCH_STREAM, creatingStream('/{{container}}/{{scratchStream}}/')],
      read: [readingBack(DESCRIBE_SCRATCH_STREAM)],
      compare: { kind: 'json-members', members: ['ShardCount'] },
    },
  },
  'put-records': {
    id: 'put-records',
    summary: 'PutRecords on a stream',
    method: 'POST',
    path: '/{{container}}/{{stream}}/',
    headers: functionHeaders('PutRecords'),
    body: `{"Records":[{"Data":"${RECORD_DATA}","PartitionKey":"v3io-auth-conformance"}]}`,
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'put-records', sources: [`${V3IO_PY_OUTPUT} PutRecordsOutput`] },
    prepare: [CREATE_FIXTURE_STREAM],
    // A fresh, empty stream; read back from its start, it must still hold no record.
    unchanged: {
      what: 'the records of the stream',
      arrange: [deleting(SHARD_ZERO), deleting('/{{container}}/{{stream}}/'), CREATE_FIXTURE_STREAM],
      read: [
        readingBack({ method: 'PUT', path: SHARD_ZERO, headers: functionHeaders('SeekShard'), body: '{"Type":"EARLIEST"}', capture: { variable: 'streamLocation', member: 'Location' } }),
        readingBack({ method: 'PUT', path: SHARD_ZERO, headers: functionHeaders('GetRecords'), body: '{"Location":"{{streamLocation}}","Limit":10}' }),
      ],
      compare: { kind: 'json-members', members: ['Records'] },
    },
  },
  seek: {
    id: 'seek',
    summary: 'Seek in a stream shard (SeekShard, as the SDKs send it)',
    method: 'PUT',
    path: SHARD_ZERO,
    headers: functionHeaders('SeekShard'),
    body: '{"Type":"EARLIEST"}',
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'seek', sources: [`${V3IO_PY_OUTPUT} SeekShardOutput`] },
    prepare: [CREATE_FIXTURE_STREAM],
  },
  'get-records': {
    id: 'get-records',
    summary: 'GetRecords from a stream shard',
    method: 'PUT',
    path: SHARD_ZERO,
    headers: functionHeaders('GetRecords'),
    body: '{"Location":"{{streamLocation}}","Limit":10}',
    successStatuses: [200],
    success: { kind: 'json-schema', schema: 'get-records', sources: [`${V3IO_PY_OUTPUT} GetRecordsOutput`] },
    // A stream with a record in shard 0, and a Location from the server (clients must not compute one).
    prepare: [
      CREATE_FIXTURE_STREAM,
      { method: 'POST', path: '/{{container}}/{{stream}}/', headers: functionHeaders('PutRecords'), body: `{"Records":[{"Data":"${RECORD_DATA}","ShardId":0}]}` },
      { method: 'PUT', path: SHARD_ZERO, headers: functionHeaders('SeekShard'), body: '{"Type":"EARLIEST"}', capture: { variable: 'streamLocation', member: 'Location' } },
    ],
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

/** Credentials the fixtures and preparations are sent with. */
export const FIXTURE_CREDENTIALS: readonly HeaderLine[] = [['X-v3io-session-key', '{{accessKey}}']];

/**
 * What the suite creates before the cases (in order) and removes after them. The teardown also
 * removes what the cases' preparations create (the streams), shard files first: the way the SDKs
 * delete a stream.
 */
export const FIXTURES: Readonly<Record<'setup' | 'teardown', readonly FixtureStep[]>> = {
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
        headers: functionHeaders('PutItem'),
        body: `{"Key":{"id":{"S":"fixture"}},"Item":{"note":{"S":"${FIXTURE_ITEM_NOTE}"},"count":{"N":"1"}}}`,
      },
    },
  ],
  teardown: [
    { id: 'teardown-delete-stream-shard', title: "remove the fixture stream's shard", request: deleting('/{{container}}/{{stream}}/0') },
    { id: 'teardown-delete-stream', title: 'remove the fixture stream', request: deleting('/{{container}}/{{stream}}/') },
    { id: 'teardown-delete-scratch-stream-shard-0', title: "remove the scratch stream's first shard", request: deleting('/{{container}}/{{scratchStream}}/0') },
    { id: 'teardown-delete-scratch-stream-shard-1', title: "remove the scratch stream's second shard", request: deleting('/{{container}}/{{scratchStream}}/1') },
    { id: 'teardown-delete-scratch-stream', title: 'remove the scratch stream', request: deleting('/{{container}}/{{scratchStream}}/') },
    { id: 'teardown-delete-fixture-object', title: 'remove the fixture object', request: deleting('/{{container}}/{{fixtureObject}}') },
    { id: 'teardown-delete-scratch-object', title: 'remove the scratch object', request: deleting('/{{container}}/{{scratchObject}}') },
    { id: 'teardown-delete-fixture-item', title: 'remove the fixture item', request: deleting('/{{container}}/{{table}}/fixture') },
    { id: 'teardown-delete-scratch-item', title: 'remove the scratch item', request: deleting('/{{container}}/{{table}}/scratch') },
    // Directories last, once empty: V3IO keeps empty directories (the reference answers 404).
    { id: 'teardown-delete-table', title: "remove the table's directory", request: deleting('/{{container}}/{{table}}/') },
    { id: 'teardown-delete-run-folder', title: "remove the run's folder", request: deleting('/{{container}}/{{runPrefix}}/') },
  ],
};

export interface FixtureStep {
  readonly id: string;
  readonly title: string;
  readonly request: StepRequest;
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
