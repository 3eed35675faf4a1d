/**
 * The case types refuse wrong cases at compile time: each `@ts-expect-error` below fails the build
 * (tsc reports an unused directive) the day the type accepts what it marks.
 */
import { expect } from 'chai';

import { caseMethod, caseOperation, caseTarget, isHttpCase } from '../../src/cases/case-request.js';
import { findCase } from '../../src/cases/index.js';
import type { ConformanceCase, Expectation, RequestSpec, WireCase, WireRequest } from '../../src/cases/model.js';
import { request } from '../../src/cases/operations.js';

const COMMON = {
  id: 'cross-sample',
  form: 'cross-cutting',
  profiles: ['v3io'],
  family: 'sample',
  title: 'rejects a sample',
  requirement: 'A sample requirement.',
  level: 'must',
  sources: ['RFC 9110 §11.6.2'],
  expect: { outcome: 'unauthenticated' },
} as const;
const REQUEST: RequestSpec = request('list-container', []);
const WIRE: WireRequest = { parts: [{ kind: 'request-line', method: 'GET', target: '/' }, { kind: 'end' }], validCredential: false };
const TRANSPORT = { ...COMMON, id: 'http-sample', kind: 'transport', probe: 'no-strict-transport-security', protocol: 'http', expect: { outcome: 'accept' } } as const;

describe('case types', () => {
  it('refuse rejection statuses and same-response comparisons on an accept expectation', () => {
    // @ts-expect-error an accept expectation carries no rejection statuses
    const withStatuses: Expectation = { outcome: 'accept', statuses: [401] };
    // @ts-expect-error an accept expectation is compared with no second response
    const withSameResponse: Expectation = { outcome: 'accept', sameResponseAs: { headers: [] } };
    const rejection: Expectation = { outcome: 'unauthenticated', statuses: [401], sameResponseAs: { headers: [] } };
    expect([withStatuses, withSameResponse, rejection].map((e) => e.outcome)).to.deep.equal(['accept', 'accept', 'unauthenticated']);
  });

  it('refuse a request on a wire case, wire parts on an HTTP case, and either on a transport case', () => {
    const http: ConformanceCase = { ...COMMON, kind: 'http', request: REQUEST };
    const wire: ConformanceCase = { ...COMMON, id: 'cross-wire-sample', kind: 'wire', operation: 'list-container', wire: WIRE };
    const transport: ConformanceCase = TRANSPORT;
    // @ts-expect-error a wire case carries no request: its bytes are its request
    const wireWithRequest: ConformanceCase = { ...COMMON, kind: 'wire', operation: 'list-container', wire: WIRE, request: REQUEST };
    // @ts-expect-error an HTTP case carries no wire parts
    const httpWithWire: ConformanceCase = { ...COMMON, kind: 'http', request: REQUEST, wire: WIRE };
    // @ts-expect-error an HTTP case names its operation in its request, not beside it
    const httpWithOperation: ConformanceCase = { ...COMMON, kind: 'http', request: REQUEST, operation: 'list-container' };
    // @ts-expect-error a wire case needs its bytes
    const wireWithoutBytes: ConformanceCase = { ...COMMON, kind: 'wire', operation: 'list-container' };
    // @ts-expect-error a transport case sends no request of its own
    const transportWithRequest: ConformanceCase = { ...TRANSPORT, request: REQUEST };
    // @ts-expect-error a transport case derives no variables
    const transportWithDerive: ConformanceCase = { ...TRANSPORT, derive: [{ name: 'x', from: 'y', apply: [{ op: 'base64' }] }] };
    // @ts-expect-error a transport measurement has no status
    const transportWithStatuses: ConformanceCase = { ...TRANSPORT, expect: { outcome: 'reject', statuses: [400] } };
    const all = [http, wire, transport, wireWithRequest, httpWithWire, httpWithOperation, wireWithoutBytes, transportWithRequest, transportWithDerive, transportWithStatuses];
    expect(all.map((c) => c.kind)).to.deep.equal(['http', 'wire', 'transport', 'wire', 'http', 'http', 'wire', 'transport', 'transport', 'transport']);
  });

  it("give a case's request only once its kind is known, and a method only to a case that sends one", () => {
    // @ts-expect-error a case has a request only once it is known to be an HTTP case
    const unnarrowed = (c: ConformanceCase): RequestSpec => c.request;
    const narrowed = (c: ConformanceCase): RequestSpec | undefined => (isHttpCase(c) ? c.request : undefined);
    // @ts-expect-error a transport case sends no request, so it has no method
    const transportMethod = (): string => caseMethod(TRANSPORT);
    const http = findCase('cross-no-credentials-get-object')!;
    expect(narrowed(http)?.operation).to.equal('get-object');
    expect(unnarrowed(http).operation).to.equal('get-object');
    expect(narrowed(TRANSPORT)).to.equal(undefined);
    expect(transportMethod).to.be.a('function');
  });
});

describe('the request of a case', () => {
  it('is the request of an HTTP case', () => {
    const c = findCase('session-key-valid-head-object');
    if (c?.kind !== 'http') throw new Error('no HTTP case session-key-valid-head-object');
    expect([caseOperation(c), caseMethod(c), caseTarget(c)]).to.deep.equal(['head-object', c.request.method, c.request.path]);
    expect(caseMethod(c)).to.equal('HEAD');
  });

  it('is the last request line of a wire case, spelt as sent, with the operation it names', () => {
    const lowerCase = findCase('cross-wire-lower-case-method-without-credentials');
    const asterisk = findCase('cross-wire-asterisk-form-get');
    if (lowerCase?.kind !== 'wire' || asterisk?.kind !== 'wire') throw new Error('no such wire cases');
    expect([caseOperation(lowerCase), caseMethod(lowerCase)]).to.deep.equal(['list-container', 'get']);
    expect(caseTarget(asterisk)).to.equal('*');
    // Two requests on one connection (connection-reuse.ts): the second is the one judged.
    const twoRequests: WireCase = {
      ...COMMON,
      id: 'cross-wire-sample',
      kind: 'wire',
      operation: 'list-container',
      wire: { parts: [{ kind: 'request-line', method: 'HEAD', target: '/first' }, { kind: 'end' }, { kind: 'request-line', method: 'GET', target: '/second' }, { kind: 'end' }], validCredential: false },
    };
    expect([caseMethod(twoRequests), caseTarget(twoRequests)]).to.deep.equal(['GET', '/second']);
  });
});
