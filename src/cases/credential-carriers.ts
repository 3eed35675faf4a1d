/**
 * Places a request can carry a credential that the seed does not define, beyond those of
 * other-channels.ts: header names that APIs, gateways and frameworks read keys from, Basic
 * credentials under another header name (as frameworks accept when a proxy strips
 * Authorization), other query parameter and cookie names, and the body. None may authenticate.
 *
 * Also the routes and methods of a request without credentials: `X-v3io-function` values the
 * server does not know by that spelling, methods beyond those of every-operation.ts — a server
 * that authenticates per route must not leave a route or method out — and a method claimed in a
 * header: a server whose authentication reads the claimed method (an OPTIONS, as a CORS preflight,
 * let through) while its router reads the request line serves the request to anyone.
 *
 * Level: MUST (auth-requirements.md: accepting credentials through a channel the seed does not
 * define; letting a request in without a valid credential).
 */
import { EVERY_PROFILE, V3IO_ONLY, type HttpCase, type HeaderLine } from './model.js';
import { httpCaseBuilder } from './case-builder.js';
import { OPERATIONS, request } from './operations.js';
import type { RequirementName } from './requirements.js';
import { BASIC_TOKEN, SEED_HTTP_AUTH as HTTP_AUTH } from './credentials.js';

const UNAUTHORIZED = 'RFC 9110 §15.5.2';
const OBJECT_PATH = '/{{container}}/{{fixtureObject}}';

const httpCase = httpCaseBuilder({ form: 'cross-cutting', profiles: V3IO_ONLY, requirements: ['credential-carriers'] });

function carrier(id: string, title: string, requirement: RequirementName<'credential-carriers'>, credentials: readonly HeaderLine[], path?: string): HttpCase {
  return httpCase({
    id: `cross-carrier-${id}`,
    family: 'credential-carrier',
    title,
    requirement,
    request: request('get-object', credentials, path === undefined ? {} : { path }),
    expect: { outcome: 'unauthenticated' },
  });
}

const KEY_HEADERS = ['X-Api-Key', 'Api-Key', 'X-Access-Key', 'X-Auth-Token', 'X-v3io-access-key', 'X-Session-Key', 'X-Amz-Security-Token'] as const;
const BASIC_HEADERS = ['X-Authorization', 'X-Http-Authorization', 'X-Forwarded-Authorization'] as const;
const QUERY_PARAMETERS = ['session_key', 'accessKey', 'api_key', 'X-V3IO-SESSION-KEY'] as const;
const COOKIES = ['session', 'access_key', 'v3io_session'] as const;

function basicElsewhere(name: string): HttpCase {
  return httpCase({
    id: `cross-carrier-basic-in-${name.toLowerCase()}`,
    profiles: EVERY_PROFILE,
    family: 'credential-carrier',
    title: `rejects valid Basic credentials sent only in ${name}`,
    requirement: 'basicElsewhere',
    request: request('get-object', [[name, 'Basic {{basicToken}}']]),
    derive: [BASIC_TOKEN],
    expect: { outcome: 'unauthenticated' },
  });
}

/** GetItem without credentials with these function lines (the JSON content type kept). */
function functionNameCase(id: string, what: string, lines: readonly HeaderLine[]): HttpCase {
  return httpCase({
    id: `cross-function-${id}`,
    family: 'function-name',
    title: `rejects a request without credentials with ${what}`,
    requirement: 'functionName',
    request: { ...request('get-item', []), headers: [...lines, ['Content-Type', 'application/json']] },
    // Checking the function before the credentials is as good a rejection.
    expect: { outcome: 'reject', statuses: [401, 400] },
  });
}

function methodCase(method: string): HttpCase {
  return httpCase({
    id: `cross-method-${method.toLowerCase()}`,
    family: 'method',
    title: `rejects a request without credentials on ${method}`,
    requirement: 'method',
    request: request('unknown-method', [], { method }),
    // Refusing a method the server does not implement before authenticating is as good a rejection.
    expect: { outcome: 'reject', statuses: [401, 405] },
  });
}

/** Headers frameworks read a method from instead of the request line's. */
const METHOD_OVERRIDE_HEADERS = ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'] as const;

/** Where a request claims another method: a header, or the `_method` query parameter (Rails, Laravel). */
type MethodClaim = { readonly header: string } | { readonly query: '_method' };

/**
 * A request without credentials that claims to be an OPTIONS. A GET for each header (any profile:
 * the protected URL); a POST (the V3IO append) with the header and the query parameter frameworks
 * honour on POST alone, whose rejection must also leave the object unchanged.
 */
function methodOverrideCase(operation: 'get-object' | 'post-object', claim: MethodClaim): HttpCase {
  const method = operation === 'get-object' ? 'GET' : 'POST';
  const where = 'header' in claim ? claim.header : `the query parameter ${claim.query}`;
  return httpCase({
    id: `cross-method-override-${method.toLowerCase()}-${'header' in claim ? claim.header.toLowerCase() : 'query-method'}`,
    profiles: operation === 'get-object' ? EVERY_PROFILE : V3IO_ONLY,
    family: 'method',
    title: `rejects a ${method} without credentials that claims to be an OPTIONS in ${where}`,
    requirement: 'methodOverride',
    sources: [HTTP_AUTH, UNAUTHORIZED, 'RFC 9110 §9.1', 'OWASP WSTG 4.2.6 Test HTTP Methods'],
    request:
      'header' in claim
        ? request(operation, [[claim.header, 'OPTIONS']])
        : request(operation, [], { path: `${OPERATIONS[operation].path}?${claim.query}=OPTIONS` }),
    expect: { outcome: 'unauthenticated' },
  });
}

export const CREDENTIAL_CARRIER_CASES: readonly HttpCase[] = [
  ...KEY_HEADERS.map((name) =>
    carrier(`header-${name.toLowerCase()}`, `rejects a valid access key sent only in ${name}`, 'header', [[name, '{{accessKey}}']]),
  ),
  ...BASIC_HEADERS.map(basicElsewhere),
  ...QUERY_PARAMETERS.map((name) =>
    carrier(`query-${name.toLowerCase().replace(/_/g, '-')}`, `rejects a valid access key in the query parameter ${name}`, 'query', [], `${OBJECT_PATH}?${name}={{accessKey}}`),
  ),
  ...COOKIES.map((name) =>
    carrier(`cookie-${name.replace(/_/g, '-')}`, `rejects a valid access key in the cookie ${name}`, 'cookie', [['Cookie', `${name}={{accessKey}}`]]),
  ),
  httpCase({
    id: 'cross-carrier-form-body',
    family: 'credential-carrier',
    title: 'rejects a POST whose form-encoded body holds a valid access key',
    requirement: 'body',
    request: { ...request('post-object', []), headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'access_key={{accessKey}}&X-v3io-session-key={{accessKey}}' },
    expect: { outcome: 'unauthenticated' },
  }),
  httpCase({
    id: 'cross-carrier-json-body',
    family: 'credential-carrier',
    title: 'rejects a GetItem whose JSON body holds a valid access key',
    requirement: 'body',
    request: { ...request('get-item', []), body: '{"Key":{"id":{"S":"fixture"}},"AttributesToGet":"*","AccessKey":"{{accessKey}}","X-v3io-session-key":"{{accessKey}}"}' },
    expect: { outcome: 'unauthenticated' },
  }),

  functionNameCase('lower-case', 'the function name in lower case (getitem)', [['X-v3io-function', 'getitem']]),
  functionNameCase('upper-case', 'the function name in upper case (GETITEM)', [['X-v3io-function', 'GETITEM']]),
  functionNameCase('unknown', 'an unknown function name', [['X-v3io-function', 'NoSuchFunction']]),
  functionNameCase('empty', 'an empty X-v3io-function value', [['X-v3io-function', '']]),
  functionNameCase('two-lines', 'two X-v3io-function lines (GetItem, PutItem)', [['X-v3io-function', 'GetItem'], ['X-v3io-function', 'PutItem']]),
  functionNameCase('list', 'a comma-separated function list (GetItem, PutItem)', [['X-v3io-function', 'GetItem, PutItem']]),

  ...['TRACE', 'PATCH', 'MKCOL', 'PURGE'].map(methodCase),
  ...METHOD_OVERRIDE_HEADERS.map((header) => methodOverrideCase('get-object', { header })),
  methodOverrideCase('post-object', { header: 'X-HTTP-Method-Override' }),
  methodOverrideCase('post-object', { query: '_method' }),
];
