/** The judge on hand-made exchanges: the registry, the plan, steps, snapshots, outcomes. */
import { expect } from 'chai';
import { isHttpCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import type { HttpCase } from '../../src/cases/model.js';
import { OPERATIONS, request, type PrepareStep } from '../../src/cases/operations.js';
import type { Answer, CaseExchange, StepExchange } from '../../src/judge/exchange.js';
import { SLOW_TARGET_CODE } from '../../src/judge/answers.js';
import { casePlan, CHECKS, duplicateIds, judgeCase, stepDone } from '../../src/judge/index.js';
import { snapshotDifference } from '../../src/judge/snapshot.js';

const WHERE = 'PUT /bigdata/run/scratch.txt';
const context = { errorSchema: 'v3io-error' as const, timeoutMs: 1000, resolve: (t: string) => t };
const answer = (status: number, body = '', headers: readonly (readonly [string, string])[] = []): Answer => ({
  kind: 'response',
  response: { status, statusText: '', headers, body: Buffer.from(body) },
});
const V3IO_401 = answer(401, '{"ErrorCode":-1,"ErrorMessage":"Unauthorized"}', [['WWW-Authenticate', 'Basic realm="x"']]);
const steps = (list: readonly PrepareStep[], answers: readonly (Answer | undefined)[]): StepExchange[] =>
  list.map((step, i) => ({ step, where: `${step.method} ${step.path}`, ...(answers[i] ? { answer: answers[i] } : {}) }));

const rejectedPut: HttpCase = {
  kind: 'http',
  id: 'cross-unknown-key-put-object',
  form: 'cross-cutting',
  profiles: ['v3io'],
  family: 'every-operation',
  title: 'rejects an unknown key on PUT',
  requirement: 'r',
  level: 'must',
  sources: ['s'],
  request: request('put-object', [['X-v3io-session-key', 'nope']]),
  expect: { outcome: 'unauthenticated' },
};
const operation = OPERATIONS['put-object'];
const plan = casePlan(rejectedPut, operation);

function exchange(before: Answer | undefined, after: Answer | undefined, arranged: Answer | undefined = answer(200)): CaseExchange {
  return {
    where: WHERE,
    answer: V3IO_401,
    preparation: steps(plan.preparation, [arranged]),
    before: steps(plan.beforeRead, [before]),
    after: steps(plan.afterRead, [after]),
    secrets: [],
  };
}

describe('the judge', () => {
  it('lists every check once, in the order a case lists its checks', () => {
    expect(duplicateIds(CHECKS)).to.deep.equal([]);
    expect(duplicateIds([...CHECKS, { ...CHECKS[2]! }])).to.deep.equal(['rejected']);
    expect(CHECKS.map((definition) => definition.id)).to.deep.equal([
      'server-answers',
      'accepted',
      'rejected',
      'robustness',
      'success-body',
      'unchanged',
      'exact-status',
      'challenge',
      'basic-realm',
      'error-body',
      'no-disclosure',
      'no-echo',
      'same-response',
      'shared-cache',
    ]);
  });

  it('plans arrange, before-read and after-read for a rejected write, preparation alone for an accepted one', () => {
    expect([plan.preparation.length, plan.beforeRead.length, plan.afterRead.length, plan.proof?.what]).to.deep.equal([1, 1, 1, 'the scratch object']);
    const accepted = casePlan({ ...rejectedPut, expect: { outcome: 'accept' } }, OPERATIONS['delete-object']);
    expect([accepted.preparation.map((s) => s.method), accepted.beforeRead, accepted.afterRead]).to.deep.equal([['PUT'], [], []]);
  });

  it('counts a step done on a 2xx or one of its other answers', () => {
    const creating = OPERATIONS['describe-stream'].prepare![0]!;
    expect(stepDone(creating, answer(200))).to.equal(true);
    expect(stepDone(creating, answer(400, '{"ErrorCode":-17,"ErrorMessage":"ResourceInUseException"}'))).to.equal(true);
    expect(stepDone(creating, answer(400, '{"ErrorCode":-22,"ErrorMessage":"InvalidArgument"}'))).to.equal(false);
    expect(stepDone(creating, { kind: 'error', code: 'ECONNRESET' })).to.equal(false);
    expect(stepDone(creating, undefined)).to.equal(false);
  });

  it('compares snapshots by status and body, status alone, or JSON members', () => {
    expect(snapshotDifference({ status: 200, body: 'a' }, { status: 200, body: 'a' }, { kind: 'status-and-body' })).to.equal('');
    expect(snapshotDifference({ status: 200, body: 'a' }, { status: 200, body: 'b' }, { kind: 'status-and-body' })).to.equal('the body');
    expect(snapshotDifference({ status: 404, body: 'a' }, { status: 200, body: 'b' }, { kind: 'status' })).to.equal('the status (404, then 200)');
    const members = { kind: 'json-members', members: ['Item.note', 'Item.updates'] } as const;
    expect(snapshotDifference({ status: 200, body: '{"Item":{"note":1}}' }, { status: 200, body: '{"Item":{"note":1,"other":2}}' }, members)).to.equal('');
    expect(snapshotDifference({ status: 200, body: '{"Item":{"note":1}}' }, { status: 200, body: '{"Item":{"note":2,"updates":1}}' }, members)).to.equal('Item.note, Item.updates');
    expect(snapshotDifference({ status: 200, body: 'not json' }, { status: 200, body: '{}' }, members)).to.equal(undefined);
  });

  it('passes "changed nothing" when before and after are equal, whatever the arranged text', () => {
    const judged = judgeCase(rejectedPut, operation, plan, exchange(answer(200, 'left by someone'), answer(200, 'left by someone')), context);
    expect(judged.outcome).to.equal('pass');
    expect(judged.checks.find((c) => c.id === 'unchanged')).to.deep.include({ level: 'must', passed: true });
  });

  it('fails "changed nothing" at MUST level when the after-snapshot differs, quoting no value', () => {
    const judged = judgeCase(rejectedPut, operation, plan, exchange(answer(200, 'kept'), answer(200, 'written')), context);
    expect([judged.outcome, judged.failedLevel]).to.deep.equal(['fail', 'must']);
    expect(judged.checks.find((c) => c.id === 'unchanged')?.message).to.equal(
      `Expected the scratch object unchanged after the rejected ${WHERE}, but reading it back before and after differs in the body`,
    );
  });

  it('counts a thing gone after the rejected request (a 404 read-back) as a change, not as a failed read', () => {
    const judged = judgeCase(rejectedPut, operation, plan, exchange(answer(200, 'kept'), answer(404, '{}')), context);
    expect([judged.outcome, judged.failedLevel]).to.deep.equal(['fail', 'must']);
    expect(judged.checks.find((c) => c.id === 'unchanged')?.actual).to.equal('changed: the status (200, then 404)');
  });

  it('is inconclusive, with the step and its answer, when arranging or either read was not done', () => {
    const cases: [CaseExchange, string][] = [
      [exchange(answer(200, 'x'), answer(200, 'y'), answer(507)), 'could not arrange the scratch object: PUT /{{container}}/{{scratchObject}} got 507'],
      [exchange(answer(500), answer(200, 'y')), 'could not read the scratch object before the request: GET /{{container}}/{{scratchObject}} got 500'],
      [exchange(answer(200, 'x'), { kind: 'error', code: 'ECONNRESET' }), 'could not read the scratch object back after the request: GET /{{container}}/{{scratchObject}} got no answer (ECONNRESET)'],
      [exchange(answer(200, 'x'), undefined), 'could not read the scratch object back after the request: GET /{{container}}/{{scratchObject}} was not sent'],
    ];
    for (const [recorded, reason] of cases) {
      const judged = judgeCase(rejectedPut, operation, plan, recorded, context);
      expect([judged.outcome, judged.failedLevel, judged.reason], reason).to.deep.equal(['inconclusive', null, reason]);
      expect(judged.checks.map((c) => c.id)).to.not.include('unchanged');
      expect(judged.inconclusiveChecks.map((c) => [c.id, c.level])).to.deep.equal([['unchanged', 'must']]);
    }
  });

  it('is inconclusive when its HTTP client refused to send the request (a header it cannot encode), and fails on a connection error', () => {
    const getObject = CATALOGUE.filter(isHttpCase).find((c) => c.id === 'session-key-password-as-key')!;
    const op = OPERATIONS['get-object'];
    const judge = (got: Answer) => judgeCase(getObject, op, casePlan(getObject, op), { where: 'GET /o', answer: got, preparation: [], before: [], after: [], secrets: [] }, context);
    for (const code of ['ERR_INVALID_CHAR', 'UND_ERR_INVALID_ARG']) {
      const notSent = judge({ kind: 'error', code });
      expect([notSent.outcome, notSent.failedLevel], code).to.deep.equal(['inconclusive', null]);
      expect(notSent.reason).to.equal(`the HTTP client refused to send the request (${code}: a header value holds a character it cannot encode, such as a password beyond Latin-1) for GET /o`);
    }
    const reset = judge({ kind: 'error', code: 'ECONNRESET' });
    expect([reset.outcome, reset.failedLevel]).to.deep.equal(['fail', 'must']);
  });

  it('is inconclusive when the target was slow everywhere (no answer even alone, others slow too), and when it asked to wait (429, 503 with Retry-After)', () => {
    const getObject = CATALOGUE.filter(isHttpCase).find((c) => c.id === 'session-key-password-as-key')!;
    const op = OPERATIONS['get-object'];
    const judge = (got: Answer) => judgeCase(getObject, op, casePlan(getObject, op), { where: 'GET /o', answer: got, preparation: [], before: [], after: [], secrets: [] }, context);
    const slow = judge({ kind: 'error', code: SLOW_TARGET_CODE });
    expect([slow.outcome, slow.failedLevel]).to.deep.equal(['inconclusive', null]);
    expect(slow.reason).to.match(/slow everywhere, not a hang\) for GET \/o$/);
    const hang = judge({ kind: 'error', code: 'ETIMEDOUT' });
    expect([hang.outcome, hang.failedLevel], 'a timeout the runner kept is a hang').to.deep.equal(['fail', 'must']);
    const unavailable = judge(answer(503, '', [['Retry-After', '5']]));
    expect(unavailable.outcome).to.equal('inconclusive');
    expect(unavailable.reason).to.match(/^the server answered 503 Service Unavailable with Retry-After/);
    const limited = judge(answer(429, '', [['Retry-After', '1']]));
    expect(limited.outcome).to.equal('inconclusive');
    const plain503 = judge(answer(503));
    expect(plain503.outcome, 'a 503 without Retry-After is an answer like any').to.equal('fail');
  });

  it('judges no same-response when either answer asked to wait (a 429, a 503 with Retry-After): inconclusive, never a difference charged to the server', () => {
    const twoRequests = CATALOGUE.filter(isHttpCase).find((c) => c.expect.sameResponseAs !== undefined)!;
    const op = OPERATIONS[twoRequests.request.operation];
    const refused = answer(401, '{"ErrorCode":-1,"ErrorMessage":"Unauthorized"}', [['WWW-Authenticate', 'Basic realm="x"']]);
    const sameResponse = (own: Answer, second: Answer) =>
      judgeCase(twoRequests, op, casePlan(twoRequests, op), { where: 'GET /o', answer: own, second, preparation: [], before: [], after: [], secrets: [] }, context).checks.find((k) => k.id === 'same-response');
    expect(sameResponse(refused, refused)?.passed).to.equal(true);
    expect(sameResponse(refused, answer(403))?.passed, 'a real difference still fails').to.equal(false);
    const judged = (own: Answer, second: Answer) =>
      judgeCase(twoRequests, op, casePlan(twoRequests, op), { where: 'GET /o', answer: own, second, preparation: [], before: [], after: [], secrets: [] }, context);
    for (const [own, second] of [[refused, answer(429)], [answer(429, '', [['Retry-After', '1']]), refused], [refused, answer(503, '', [['Retry-After', '1']])]] as const) {
      const result = judged(own, second);
      expect(result.checks.find((k) => k.id === 'same-response'), 'not made').to.equal(undefined);
      expect(result.inconclusiveChecks?.map((k) => k.id)).to.include('same-response');
      expect(result.outcome).to.not.equal('fail');
    }
  });

  it('still fails a case whose MUST check failed even when another could not be made', () => {
    const noChallenge: CaseExchange = { ...exchange(answer(500), undefined), answer: answer(401, '{"ErrorCode":-1,"ErrorMessage":"x"}') };
    const judged = judgeCase(rejectedPut, operation, plan, noChallenge, context);
    expect([judged.outcome, judged.failedLevel]).to.deep.equal(['fail', 'must']);
  });

  it('demands only the success status and no error body of an accept case at its level; the body an SDK reads at SHOULD', () => {
    const getItems = CATALOGUE.filter(isHttpCase).find((c) => c.id === 'cross-valid-session-key-get-items')!;
    const op = OPERATIONS['get-items'];
    const judge = (got: Answer) => judgeCase(getItems, op, casePlan(getItems, op), { where: 'PUT /t/', answer: got, preparation: [], before: [], after: [], secrets: [] }, context);
    expect(judge(answer(200, '{"Items":[]}')).outcome).to.equal('pass');
    const unreadable = judge(answer(200, '{"NumItems":0}'));
    expect([unreadable.outcome, unreadable.failedLevel]).to.deep.equal(['fail', 'should']);
    expect(unreadable.checks.find((c) => c.id === 'success-body')?.sources).to.deep.equal(['v3io-py v3io/dataplane/output.py GetItemsOutput']);
    const errorBody = judge(answer(200, '{"ErrorCode":-2,"ErrorMessage":"x"}'));
    expect(errorBody.checks.find((c) => c.id === 'accepted')).to.deep.include({ level: getItems.level, passed: false, message: 'Expected 200 without a V3IO error body, got 200 with one for PUT /t/' });
  });

  describe('a 2xx to a request that names the resource only by another spelling (letInOnEvidence)', () => {
    const spelt: HttpCase = { ...rejectedPut, id: 'spelt-put-object', expect: { outcome: 'unauthenticated', letInOnEvidence: true } };
    const speltPlan = casePlan(spelt, operation);
    const letIn = (before: Answer, after: Answer | undefined): CaseExchange => ({ ...exchange(before, after), answer: answer(200, '') });
    const rejectedCheck = (judged: ReturnType<typeof judgeCase>) => judged.checks.find((c) => c.id === 'rejected');

    it('reads the write back after a 2xx too, and keeps a canonical case as it was', () => {
      expect(speltPlan.readsAfterLetIn).to.equal(true);
      expect(plan.readsAfterLetIn).to.equal(undefined);
    });

    it('is a MUST failure when the write happened (the after-snapshot differs)', () => {
      const judged = judgeCase(spelt, operation, speltPlan, letIn(answer(200, 'kept'), answer(200, 'written')), context);
      expect(judged.failedLevel).to.equal('must');
      expect(rejectedCheck(judged)).to.deep.include({ level: 'must', passed: false, message: `Expected a 4xx rejection, got 200 and the scratch object changed (the body) for ${WHERE}` });
    });

    it('is a SHOULD failure, saying what it showed, when nothing was written', () => {
      const judged = judgeCase(spelt, operation, speltPlan, { ...letIn(answer(200, 'kept'), answer(200, 'kept')), answer: answer(200, '{"Status":"ok"}') }, context);
      expect(judged.failedLevel).to.equal('should');
      expect(rejectedCheck(judged)).to.deep.include({
        level: 'should',
        passed: false,
        message: `Expected a 4xx rejection, got 200 with a JSON object with Status, nothing of what the request must not reach (the server read it as another resource) for ${WHERE}`,
      });
    });

    it('is inconclusive at MUST when the write cannot be read back', () => {
      const judged = judgeCase(spelt, operation, speltPlan, letIn(answer(200, 'kept'), undefined), context);
      expect(judged.inconclusiveChecks.map((c) => [c.id, c.level])).to.deep.equal([['rejected', 'must']]);
      expect(judged.reason).to.match(/^let in with 200, and whether it changed the scratch object is unknown: GET .* was not sent, for PUT /);
      expect(judged.checks.map((c) => c.id)).to.not.include('rejected');
    });

    it("is a MUST failure when a read shows the fixture's content, and stays one for a canonical request whatever it shows", () => {
      const op = OPERATIONS['get-object'];
      const getObject: HttpCase = { ...rejectedPut, id: 'spelt-get-object', request: request('get-object', []), expect: { outcome: 'unauthenticated', letInOnEvidence: true } };
      const resolve = (t: string): string => t.replace('{{fixtureContent}}', 'the fixture bytes');
      const judge = (testCase: HttpCase, body: string) =>
        judgeCase(testCase, op, casePlan(testCase, op), { where: 'GET /o', answer: answer(200, body), preparation: [], before: [], after: [], secrets: [] }, { ...context, resolve });
      expect(rejectedCheck(judge(getObject, 'the fixture bytes'))).to.deep.include({ level: 'must', message: "Expected a 4xx rejection, got 200 with the fixture object's content in its body for GET /o" });
      expect(rejectedCheck(judge(getObject, '<html><body>hello</body></html>'))).to.deep.include({ level: 'should', passed: false });
      const canonical: HttpCase = { ...getObject, expect: { outcome: 'unauthenticated' } };
      expect(rejectedCheck(judge(canonical, '<html><body>hello</body></html>'))).to.deep.include({ level: 'must', passed: false, message: 'Expected a 4xx rejection, got 200 for GET /o' });
    });

    it('takes a listing of containers that names the container as evidence without credentials, not with the key of an identity that may list them', () => {
      const op = OPERATIONS['list-container'];
      const resolve = (t: string): string => t.replace('{{container}}', 'bigdata').replace('{{runPrefix}}', 'conformance-x');
      const withoutCredentials: HttpCase = { ...rejectedPut, id: 'spelt-list-container', request: request('list-container', []), expect: { outcome: 'unauthenticated', letInOnEvidence: true } };
      const deniedKey: HttpCase = { ...withoutCredentials, id: 'spelt-list-container-denied-key', requires: ['deniedAccessKey'], expect: { outcome: 'forbidden', letInOnEvidence: true } };
      const judge = (testCase: HttpCase, body: string) =>
        judgeCase(testCase, op, casePlan(testCase, op), { where: 'GET /', answer: answer(200, body), preparation: [], before: [], after: [], secrets: [] }, { ...context, resolve });
      const rootListing = '<ListAllMyBucketsResult><Buckets><Bucket><Name>bigdata</Name></Bucket></Buckets></ListAllMyBucketsResult>';
      const ownListing = '<ListBucketResult><Name>bigdata</Name><MaxKeys>1</MaxKeys></ListBucketResult>';
      expect(rejectedCheck(judge(withoutCredentials, rootListing))).to.deep.include({ level: 'must', passed: false });
      expect(rejectedCheck(judge(deniedKey, rootListing))).to.deep.include({ level: 'should', passed: false });
      expect(rejectedCheck(judge(deniedKey, ownListing))).to.deep.include({ level: 'must', passed: false });
    });
  });

  describe('shared-cache', () => {
    const op = OPERATIONS['get-object'];
    const accepted = (headers: readonly (readonly [string, string])[], method = 'GET'): HttpCase => ({
      ...rejectedPut,
      id: 'valid-get-object',
      request: { ...request('get-object', headers), method },
      expect: { outcome: 'accept' },
    });
    const judge = (testCase: HttpCase, got: Answer) => judgeCase(testCase, op, casePlan(testCase, op), { where: 'GET /o', answer: got, preparation: [], before: [], after: [], secrets: [] }, context);
    const sharedCacheCheck = (testCase: HttpCase, got: Answer) => judge(testCase, got).checks.find((c) => c.id === 'shared-cache');
    const basic: [string, string][] = [['Authorization', 'Basic YTpi']];
    const sessionKey: [string, string][] = [['X-v3io-session-key', 'k']];

    it('fails at SHOULD a 2xx to Authorization that a shared cache may reuse (RFC 9111 §3.5: public, s-maxage, must-revalidate), naming the directive, no value', () => {
      for (const directive of ['public, max-age=3600', 's-maxage=60', 'must-revalidate']) {
        const judged = judge(accepted(basic), answer(200, 'x', [['Cache-Control', directive]]));
        expect([judged.outcome, judged.failedLevel], directive).to.deep.equal(['fail', 'should']);
      }
      expect(sharedCacheCheck(accepted(basic), answer(200, 'x', [['Cache-Control', 'public, max-age=3600']]))?.message).to.equal(
        'Expected a protected response no shared cache may hand to others (Cache-Control private or no-store, or none of public, s-maxage, must-revalidate) (invited by: public), got 200 for GET /o',
      );
    });

    it('passes a response to Authorization with no Cache-Control, max-age alone, or private, no-store, no-cache or Vary: Authorization beside an invitation', () => {
      const passing: (readonly [string, string])[][] = [
        [],
        [['Cache-Control', 'max-age=3600']],
        [['Cache-Control', 'public, private']],
        [['Cache-Control', 'no-store, s-maxage=5']],
        [['Cache-Control', 'public'], ['Cache-Control', 'no-cache']],
        [['Cache-Control', 'public'], ['Vary', 'Accept-Encoding, authorization']],
      ];
      for (const headers of passing) expect(sharedCacheCheck(accepted(basic), answer(200, 'x', headers))?.passed, JSON.stringify(headers)).to.equal(true);
      // private with field names lets a shared cache store the rest.
      expect(sharedCacheCheck(accepted(basic), answer(200, 'x', [['Cache-Control', 'private="Set-Cookie, X-A", public']]))?.passed).to.equal(false);
    });

    it('wants no explicit freshness for a session key (not Authorization: §3.5 does not hold the cache back), and judges no heuristic freshness', () => {
      expect(sharedCacheCheck(accepted(sessionKey), answer(200, 'x', [['Cache-Control', 'max-age=600']]))?.passed).to.equal(false);
      expect(sharedCacheCheck(accepted(sessionKey, 'HEAD'), answer(200, '', [['Cache-Control', 'public']]))?.passed).to.equal(false);
      expect(sharedCacheCheck(accepted(sessionKey), answer(200, 'x', [['Cache-Control', 'max-age=0, must-revalidate']]))?.passed).to.equal(true);
      expect(sharedCacheCheck(accepted(sessionKey), answer(200, 'x', [['Last-Modified', 'Mon, 07 Dec 2026 10:00:00 GMT']]))?.passed).to.equal(true);
      expect(sharedCacheCheck(accepted(sessionKey), answer(200, 'x', [['Cache-Control', 'max-age=600'], ['Vary', 'X-v3io-Session-Key']]))?.passed).to.equal(true);
    });

    it('is made only on a 2xx to GET or HEAD of an accept case that carries a credential header', () => {
      const offered = [['Cache-Control', 'public']] as const;
      expect(sharedCacheCheck(accepted(basic), answer(404, '', offered))).to.equal(undefined);
      expect(sharedCacheCheck(accepted(basic, 'PUT'), answer(200, '', offered))).to.equal(undefined);
      expect(sharedCacheCheck(accepted([]), answer(200, '', offered))).to.equal(undefined);
      expect(sharedCacheCheck({ ...accepted(basic), expect: { outcome: 'unauthenticated' } }, answer(200, '', offered))).to.equal(undefined);
    });
  });
});
