/** Newman traces judged by src/judge/: outcomes, levels, verdicts. */
import { expect } from 'chai';
import type { HttpCase } from '../../src/cases/model.js';
import { request } from '../../src/cases/operations.js';
import { PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { caseResult as judged, type CaseJudging } from '../../src/run/case-result.js';
import type { ItemRecord as ItemTrace } from '../../src/run/engine.js';
import { stepResults, summarise, verdictOf, type CaseResult } from '../../src/run/results.js';

const judging: CaseJudging = { profile: PROFILE_DEFINITIONS.v3io, timeoutMs: 10_000, variables: new Map(), masking: { secrets: new Map(), mask: (text) => text } };
const caseResult = (testCase: HttpCase, t: ItemTrace | undefined): CaseResult => judged(testCase, t, judging);
const V3IO_ERROR = Buffer.from('{"ErrorCode":-1,"ErrorMessage":"Permission denied"}');
const CHALLENGE: readonly [string, string] = ['WWW-Authenticate', 'Basic realm="v3io"'];

const rejectCase: HttpCase = {
  kind: 'http',
  id: 'session-key-unknown-key',
  form: 'session-key',
  profiles: ['v3io'],
  family: 'unknown-credential',
  title: 'rejects an unknown access key',
  requirement: 'An unknown key is rejected as unauthenticated.',
  level: 'must',
  sources: ['seed §X-v3io-session-key Authentication'],
  request: request('get-object', [['X-v3io-session-key', 'nope']]),
  expect: { outcome: 'unauthenticated' },
};
const optionalCase: HttpCase = { ...rejectCase, id: 'basic-utf8', form: 'basic', level: 'should', requires: ['utf8Username'] };

function trace(status = 401, headers: readonly (readonly [string, string])[] = status === 401 ? [CHALLENGE] : []): ItemTrace {
  return {
    id: rejectCase.id,
    name: 'x',
    method: 'GET',
    path: '/bigdata/x',
    response: { status, statusText: 'Unauthorized', headers, body: V3IO_ERROR },
    steps: [],
    assertions: [],
    exceptions: [],
  };
}

const failing = (id: string, level: CaseResult['level']): CaseResult => ({
  ...caseResult(rejectCase, trace()),
  id,
  outcome: 'fail',
  checks: [{ id: 'x', name: 'x', level, passed: false, message: 'm' }],
  failedLevel: level,
});

describe('judging newman traces', () => {
  it('passes a case whose checks all pass, judged on the recorded response (not on script assertions)', () => {
    const result = caseResult(rejectCase, trace());
    expect(result.outcome).to.equal('pass');
    expect(result.checks.map((c) => [c.id, c.level, c.passed])).to.deep.equal([
      ['rejected', 'must', true],
      ['exact-status', 'should', true],
      ['challenge', 'must', true],
      ['basic-realm', 'should', true],
      ['error-body', 'should', true],
      ['no-disclosure', 'must', true],
      ['no-echo', 'must', true],
    ]);
    expect(result.actual).to.deep.equal({ status: 401, statusText: 'Unauthorized', headers: [CHALLENGE], bodyExcerpt: V3IO_ERROR.toString() });
    expect(result.expected).to.deep.equal({ outcome: 'unauthenticated', statuses: [401] });
  });

  it('fails a case at the strongest failed level, with the message and what was expected and found', () => {
    const result = caseResult(rejectCase, trace(400));
    expect(result.outcome).to.equal('fail');
    expect(result.failedLevel).to.equal('should');
    const exact = result.checks.find((c) => c.id === 'exact-status');
    expect(exact).to.deep.include({ name: 'answers 401', level: 'should', passed: false, expected: '401', actual: '400', message: 'Expected 401, got 400 for GET /bigdata/x' });
    expect(caseResult(rejectCase, trace(401, [])).failedLevel).to.equal('must');
  });

  it('turns a connection error into a MUST failure naming the request', () => {
    const t: ItemTrace = { ...trace(), response: undefined, requestError: { code: 'ECONNRESET', message: 'socket hang up' } };
    const result = caseResult(rejectCase, t);
    expect(result.outcome).to.equal('fail');
    expect(result.failedLevel).to.equal('must');
    expect(result.checks.map((c) => c.name)).to.deep.equal(['the server answers']);
    expect(result.checks[0]?.message).to.equal('Expected a 4xx rejection, got a connection error (ECONNRESET) for GET /bigdata/x');
  });

  it('skips a case that never sent its request, naming the missing variable', () => {
    const result = caseResult(optionalCase, undefined);
    expect(result.outcome).to.equal('skip');
    expect(result.reason).to.contain('utf8Username');
  });

  it("an accepted case whose preparation was not sent (a script error) is inconclusive, not the server's failure", () => {
    const deleteCase: HttpCase = { ...rejectCase, id: 'session-key-valid-delete-object', request: request('delete-object', [['X-v3io-session-key', '{{accessKey}}']]), expect: { outcome: 'accept' } };
    const t = { ...trace(404), method: 'DELETE', exceptions: ['ReferenceError: x is not defined'] };
    const result = caseResult(deleteCase, t);
    expect(result.outcome).to.equal('inconclusive');
    expect(result.failedLevel).to.equal(null);
    expect(result.reason).to.equal('could not prepare the case: PUT /{{container}}/{{scratchObject}} was not sent; the request then got 404 for DELETE /bigdata/x; test script error: ReferenceError: x is not defined');
    expect(result.inconclusiveChecks?.map((c) => c.id)).to.deep.equal(['accepted']);
  });

  it('decides the verdict from MUST failures, SHOULD failures only when strict', () => {
    const shouldFail = failing('a', 'should');
    const mustFail = failing('b', 'must');
    expect(verdictOf(summarise([shouldFail]), [], false)).to.equal('conformant');
    expect(verdictOf(summarise([shouldFail]), [], true)).to.equal('non-conformant');
    expect(verdictOf(summarise([mustFail]), [], false)).to.equal('non-conformant');
    const summary = summarise([shouldFail, mustFail, caseResult(optionalCase, undefined)]);
    expect(summary.outcomes).to.deep.equal({ pass: 0, fail: 2, inconclusive: 0, skip: 1, error: 0 });
    expect(summary.byForm.basic.skip).to.equal(1);
    expect(summary.byForm['session-key'].fail).to.equal(2);
    expect(summary.failingCases).to.deep.equal({ must: 1, should: 1, may: 0 });
  });

  it('counts a case failing checks of two levels once, under the stronger: cases failing a MUST check, cases failing only a SHOULD check', () => {
    const both: CaseResult = {
      ...failing('c', 'must'),
      checks: [
        { id: 'x', name: 'x', level: 'must', passed: false, message: 'm' },
        { id: 'y', name: 'y', level: 'should', passed: false, message: 'm' },
      ],
    };
    const summary = summarise([both, failing('a', 'should'), failing('d', 'may')]);
    expect(summary.failingCases).to.deep.equal({ must: 1, should: 1, may: 1 });
  });

  it('gives no verdict when a setup step failed', () => {
    const traces = new Map([['setup-a', { ...trace(), id: 'setup-a', response: { status: 401, statusText: '', headers: [], body: Buffer.alloc(0) } }]]);
    const steps = stepResults([{ id: 'setup-a', title: 'create the fixture' }], traces);
    expect(steps[0]).to.include({ ok: false, status: 401 });
    expect(steps[0]?.message).to.equal('Expected 2xx, got 401 for GET /bigdata/x');
    expect(verdictOf(summarise([]), steps, false)).to.equal('error');
  });
});


