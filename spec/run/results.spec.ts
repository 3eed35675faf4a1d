/** Judging newman traces: outcomes, levels, verdicts. */
import { expect } from 'chai';
import type { ConformanceCase } from '../../src/cases/model.js';
import { request } from '../../src/cases/operations.js';
import type { ItemTrace } from '../../src/run/newman-session.js';
import { caseResult, checkLevel, stepResults, summarise, verdictOf } from '../../src/run/results.js';

const rejectCase: ConformanceCase = {
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
const optionalCase: ConformanceCase = { ...rejectCase, id: 'basic-utf8', form: 'basic', level: 'should', requires: ['utf8Username'] };

function trace(assertions: ItemTrace['assertions'], status = 401): ItemTrace {
  return {
    id: rejectCase.id,
    name: 'x',
    method: 'GET',
    path: '/bigdata/x',
    response: { status, statusText: 'Unauthorized', headers: [], body: Buffer.alloc(0) },
    assertions,
    exceptions: [],
  };
}

describe('judging results', () => {
  it('reads the level from the check name', () => {
    expect(checkLevel('[SHOULD] answers 401')).to.deep.equal({ level: 'should', text: 'answers 401' });
    expect(checkLevel('no prefix').level).to.equal('must');
  });

  it('passes a case whose checks all passed', () => {
    const result = caseResult(rejectCase, trace([{ name: '[MUST] rejects', passed: true, skipped: false }]));
    expect(result.outcome).to.equal('pass');
    expect(result.actual).to.deep.equal({ status: 401, statusText: 'Unauthorized' });
    expect(result.expected).to.deep.equal({ outcome: 'unauthenticated', statuses: [401] });
  });

  it('fails a case at the strongest failed level', () => {
    const result = caseResult(
      rejectCase,
      trace([
        { name: '[MUST] rejects', passed: true, skipped: false },
        { name: '[SHOULD] answers 401', passed: false, skipped: false, message: 'Expected 401, got 400 for GET /bigdata/x' },
      ], 400),
    );
    expect(result.outcome).to.equal('fail');
    expect(result.failedLevel).to.equal('should');
    expect(result.checks[1]?.message).to.equal('Expected 401, got 400 for GET /bigdata/x');
  });

  it('turns a connection error into a MUST failure naming the request', () => {
    const t: ItemTrace = { id: rejectCase.id, name: 'x', method: 'GET', path: '/bigdata/x', requestError: { code: 'ECONNRESET', message: 'socket hang up' }, assertions: [], exceptions: [] };
    const result = caseResult(rejectCase, t);
    expect(result.outcome).to.equal('fail');
    expect(result.failedLevel).to.equal('must');
    expect(result.checks[0]?.message).to.equal('Expected a 4xx rejection, got a connection error (ECONNRESET) for GET /bigdata/x');
  });

  it('skips a case that never sent its request, naming the missing variable', () => {
    const result = caseResult(optionalCase, undefined);
    expect(result.outcome).to.equal('skip');
    expect(result.reason).to.contain('utf8Username');
  });

  it('reports a script error as an error, not as the server\'s failure', () => {
    const t = { ...trace([]), exceptions: ['ReferenceError: x is not defined'] };
    const result = caseResult(rejectCase, t);
    expect(result.outcome).to.equal('error');
    expect(result.reason).to.contain('ReferenceError');
  });

  it('decides the verdict from MUST failures, SHOULD failures only when strict', () => {
    const shouldFail = caseResult(rejectCase, trace([{ name: '[SHOULD] x', passed: false, skipped: false, message: 'm' }]));
    const mustFail = caseResult(rejectCase, trace([{ name: '[MUST] x', passed: false, skipped: false, message: 'm' }]));
    expect(verdictOf(summarise([shouldFail]), [], false)).to.equal('conformant');
    expect(verdictOf(summarise([shouldFail]), [], true)).to.equal('non-conformant');
    expect(verdictOf(summarise([mustFail]), [], false)).to.equal('non-conformant');
    const summary = summarise([shouldFail, mustFail, caseResult(optionalCase, undefined)]);
    expect(summary.outcomes).to.deep.equal({ pass: 0, fail: 2, inconclusive: 0, skip: 1, error: 0 });
    expect(summary.byForm.basic.skip).to.equal(1);
    expect(summary.failedChecks).to.deep.equal({ must: 1, should: 1, may: 0 });
  });

  it('gives no verdict when a setup step failed', () => {
    const traces = new Map([['setup-a', { ...trace([]), id: 'setup-a', response: { status: 401, statusText: '', headers: [], body: Buffer.alloc(0) } }]]);
    const steps = stepResults([{ id: 'setup-a', title: 'create the fixture' }], traces);
    expect(steps[0]).to.include({ ok: false, status: 401 });
    expect(steps[0]?.message).to.equal('Expected 2xx, got 401 for GET /bigdata/x');
    expect(verdictOf(summarise([]), steps, false)).to.equal('error');
  });
});
