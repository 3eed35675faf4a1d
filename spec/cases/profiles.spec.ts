/**
 * Profiles as data: which cases each one takes, and that the basic profile's cases need nothing
 * a generic Basic-authentication server lacks (no access key, container, fixture or V3IO path).
 */
import { expect } from 'chai';
import { CATALOGUE, findCase } from '../../src/cases/index.js';
import { caseMethod, caseOperation, caseTarget, isRequestCase, isTransportCase } from '../../src/cases/case-request.js';
import { WIRE_VARIABLES, type ConformanceCase, type HttpCase, type RequestCase } from '../../src/cases/model.js';
import { OPERATIONS, request } from '../../src/cases/operations.js';
import { casesOf, inProfile, PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { allDerivations, requestTexts, variablesIn } from '../support/case-texts.js';

const basic = PROFILE_DEFINITIONS.basic;
const v3io = PROFILE_DEFINITIONS.v3io;

/** What a generic Basic server has to offer a request (the oracle, written out here). */
const BASIC_SERVER_VARIABLES = new Set(['baseUrl', 'protectedPath', 'username', 'password', 'colonUsername', 'colonPassword', 'utf8Username', 'utf8Password', ...WIRE_VARIABLES]);

/** The case with every request target replaced by `/`: what it sends beside the resource it names. */
function withoutTargets(c: RequestCase): RequestCase {
  if (c.kind === 'http') return { ...c, request: { ...c.request, path: '/' } };
  return { ...c, wire: { ...c.wire, parts: c.wire.parts.map((p) => (p.kind === 'request-line' ? { ...p, target: '/' } : p)) } };
}

/** The names of the header lines a case sends. */
function headerNames(c: RequestCase): string[] {
  if (c.kind === 'http') return c.request.headers.map(([name]) => name);
  return c.wire.parts.flatMap((p) => (p.kind === 'header' ? [p.name.trim()] : []));
}

function undefinedVariables(c: RequestCase): string[] {
  const derived = new Set(allDerivations(c).map((d) => d.name));
  const used = [...requestTexts(c), ...allDerivations(c).map((d) => d.from), ...(c.expect.sameResponseAs?.headers ?? []).flat()].flatMap(variablesIn);
  return [...new Set(used.filter((name) => !derived.has(name) && !BASIC_SERVER_VARIABLES.has(name)))];
}

describe('profiles', () => {
  it('v3io takes the whole catalogue, unchanged', () => {
    expect(casesOf(v3io, CATALOGUE)).to.deep.equal(CATALOGUE);
  });

  describe('basic', () => {
    const cases = casesOf(basic, CATALOGUE);
    const requestCases = cases.filter(isRequestCase);

    it('takes only Basic and cross-cutting cases, in catalogue order', () => {
      expect(cases.length).to.be.at.least(40);
      expect(new Set(cases.map((c) => c.form))).to.deep.equal(new Set(['basic', 'cross-cutting']));
      const order = CATALOGUE.map((c) => c.id).filter((id) => cases.some((c) => c.id === id));
      expect(cases.map((c) => c.id)).to.deep.equal(order);
    });

    it('sends every request case to the protected URL with GET or HEAD, each request line of a wire case included', () => {
      expect(requestCases.length).to.be.lessThan(cases.length);
      for (const c of requestCases) {
        expect(caseTarget(c), c.id).to.equal('/{{protectedPath}}');
        expect(['GET', 'HEAD'], c.id).to.include(caseMethod(c));
        if (c.kind === 'http') expect(c.request.body, c.id).to.equal(undefined);
        else for (const line of c.wire.parts.filter((p) => p.kind === 'request-line')) expect(line, c.id).to.deep.include({ method: 'GET', target: '/{{protectedPath}}' });
      }
    });

    it('titles name the request as sent (the protected URL), never a V3IO object or operation', () => {
      const v3ioWords = /\b(object|container|NoSQL|stream|item|bucket)s?\b/i;
      expect(cases.filter((c) => v3ioWords.test(c.title)).map((c) => `${c.id}: ${c.title}`)).to.deep.equal([]);
      expect(cases.find((c) => c.id === 'basic-valid-head-object')?.title).to.equal('accepts valid Basic credentials on HEAD of the protected URL');
      expect(CATALOGUE.find((c) => c.id === 'basic-valid-head-object')?.title, 'the catalogue keeps its V3IO words').to.equal('accepts valid Basic credentials on HEAD object');
    });

    it('keeps the transport cases as they are: they send no request', () => {
      const transport = CATALOGUE.filter(isTransportCase);
      expect(cases.filter(isTransportCase)).to.deep.equal(transport);
    });

    it('uses no variable a generic Basic server lacks (access keys, container, fixtures)', () => {
      const offending = requestCases.flatMap((c) => undefinedVariables(c).map((name) => `${c.id}: {{${name}}}`));
      expect(offending).to.deep.equal([]);
    });

    it('leaves out no Basic or cross-cutting case that a generic Basic server could answer', () => {
      // A case on GET or HEAD of an object, with its plain path, whose variables any Basic server
      // has, and without X-v3io-session-key: a header that means nothing to a generic server.
      const couldBeSent = CATALOGUE.filter(isRequestCase).filter(
        (c) =>
          (c.form === 'basic' || c.form === 'cross-cutting') &&
          !headerNames(c).some((name) => name.toLowerCase() === 'x-v3io-session-key') &&
          ['get-object', 'head-object', 'list-container'].includes(caseOperation(c)) &&
          !c.requires?.includes('deniedAccessKey') &&
          // A generic Basic server has no permissions model: no identity it authenticates is denied.
          c.expect.outcome !== 'forbidden' &&
          undefinedVariables(withoutTargets(c)).length === 0 &&
          (c.kind === 'wire' || caseOperation(c) !== 'list-container'),
      );
      // Plain: the operation's own method and target, as `inProfile` requires (a lower-case `get` is not).
      const plainPath = couldBeSent.filter((c) => caseTarget(c) === OPERATIONS[caseOperation(c)].path && caseMethod(c) === OPERATIONS[caseOperation(c)].method);
      expect(plainPath.filter((c) => !c.profiles.includes('basic')).map((c) => c.id)).to.deep.equal([]);
    });

    it('covers what RFC 7617 and RFC 9110 ask of any Basic server', () => {
      const ids = new Set(cases.map((c) => c.id));
      for (const id of [
        'basic-valid-get-object',
        'basic-valid-head-object',
        'cross-no-credentials-get-object',
        'basic-wrong-password',
        'basic-unknown-user',
        'basic-colon-in-password',
        'basic-utf8-password',
        'basic-scheme-lower-case',
        'basic-token-not-base64',
        'basic-no-token',
        'cross-unsupported-scheme-bearer',
        'cross-proxy-authorization-basic',
        'cross-two-authorization-wrong-then-valid',
        'cross-huge-basic-token',
        'basic-wire-token-on-obs-fold-line',
      ]) {
        expect(ids.has(id), id).to.equal(true);
      }
      for (const id of ['basic-valid-put-object', 'cross-unknown-key-get-object', 'cross-unsupported-scheme-bearer-access-key', 'cross-denied-session-key-get-object', 'cross-denied-basic-get-object']) {
        expect(ids.has(id), id).to.equal(false);
      }
    });

    it('keeps a V3IO error-body judgement out of the profile', () => {
      expect(basic.errorSchema).to.equal(undefined);
      expect(basic.schemas).to.deep.equal([]);
      expect(basic.fixtures).to.deep.equal({ setup: [], teardown: [] });
    });
  });

  describe('inProfile', () => {
    const valid = findCase('basic-valid-get-object') as HttpCase;

    it('refuses a case that is not marked for the profile', () => {
      expect(() => inProfile(basic, findCase('basic-valid-put-object') as ConformanceCase)).to.throw(/not in the basic profile/);
    });

    it('refuses a case whose request has its own path: a generic server has no such path', () => {
      const ownPath = { ...valid, id: 'basic-sample-own-path', request: request('get-object', valid.request.headers, { path: '/{{container}}/elsewhere' }) };
      expect(() => inProfile(basic, ownPath)).to.throw(/basic-sample-own-path: in the basic profile, but its request is not the plain get-object request/);
    });

    it('refuses a case on an operation the profile has no counterpart for', () => {
      const item = { ...valid, id: 'basic-sample-item', request: request('get-item', valid.request.headers) };
      expect(() => inProfile(basic, item)).to.throw(/the basic profile has no get-item operation/);
    });

    it('keeps the credentials and expectation of the case as they are', () => {
      const mapped = inProfile(basic, valid);
      expect(mapped.request.headers).to.deep.equal(valid.request.headers);
      expect(mapped.expect).to.deep.equal(valid.expect);
      expect(mapped.derive).to.deep.equal(valid.derive);
    });
  });
});
