/**
 * The rules Node's judge and the collection's scripts share: each is one plain function whose own
 * source the scripts run. Here each runs from that source in a context of its own (no module, no
 * import) and gives what it gives in Node; and the guards compose as they say.
 */
import { expect } from 'chai';
import vm from 'node:vm';
import { askedToWait } from '../../src/judge/asked-to-wait.js';
import { credentialsIn, decodeBase64InNode, echoedCredentials, echoSecrets } from '../../src/judge/echo.js';
import { bodyDescription } from '../../src/judge/evidence.js';
import { onRejection, onStatus, when, withBody } from '../../src/judge/guards.js';
import type { JudgeInput, RenderInput } from '../../src/judge/check-definition.js';
import { responseDifferences } from '../../src/judge/same-response.js';
import { functionLines } from '../../src/judge/script-function.js';
import { sharedReuseInvitations } from '../../src/judge/shared-cache.js';
import { snapshotDifference } from '../../src/judge/snapshot.js';
import { answerDone } from '../../src/judge/steps.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { isHttpCase } from '../../src/cases/case-request.js';
import { OPERATIONS } from '../../src/cases/operations.js';
import { casePlan } from '../../src/judge/plan.js';

/** The function as a script defines it: from its source alone, in a fresh context. */
function fromSource<F extends (...args: never[]) => unknown>(fn: F): F {
  const context = vm.createContext({});
  return vm.runInContext(`${functionLines(fn).join('\n')}\n${fn.name};`, context) as F;
}

/** Results crossing from another context: compared as JSON. */
function same(a: unknown, b: unknown): void {
  expect(JSON.parse(JSON.stringify(a) ?? 'null')).to.deep.equal(JSON.parse(JSON.stringify(b) ?? 'null'));
}

describe('the rules the collection runs from their source', () => {
  it('finds the credentials a request carried, the Basic password decoded, from its source as in Node', () => {
    const variables: [string, string][] = [['password', 'sesame-123'], ['accessKey', '']];
    const headers: [string, string][] = [
      ['Authorization', `Basic ${Buffer.from('alice:open sesame').toString('base64')}`],
      ['X-v3io-session-key', ' key-0123456789 '],
      ['Proxy-Authorization', 'Bearer tok'],
      ['Accept', 'application/json'],
    ];
    const node = credentialsIn(variables, headers, decodeBase64InNode);
    expect(node).to.deep.equal([
      ['the password variable', 'sesame-123'],
      ['the accessKey variable', ''],
      ['the Authorization credentials', Buffer.from('alice:open sesame').toString('base64')],
      ['the password of the Authorization Basic credentials', 'open sesame'],
      ['the X-v3io-session-key value', 'key-0123456789'],
      ['the Proxy-Authorization credentials', 'tok'],
    ]);
    same(fromSource(credentialsIn)(variables, headers, decodeBase64InNode), node);
    expect(echoSecrets(new Map(variables), headers)).to.deep.equal(node);
  });

  it("keeps Node's Base64 decoding: characters outside the alphabet are skipped", () => {
    const token = Buffer.from('bob:hunter22').toString('base64');
    const spoiled = `${token.slice(0, 4)}*${token.slice(4)}`;
    expect(echoSecrets(new Map(), [['Authorization', `Basic ${spoiled}`]]).at(-1)).to.deep.equal(['the password of the Authorization Basic credentials', 'hunter22']);
    // A decoder that finds nothing (the sandbox's on text that is not Base64 of UTF-8): no password to look for.
    expect(credentialsIn([], [['Authorization', `Basic ${spoiled}`]], () => undefined)).to.have.length(1);
  });

  it('says where a response echoes a credential of six characters or more, once each', () => {
    const credentials: [string, string][] = [['the password variable', ' sesame-123 '], ['the short variable', 'abc']];
    const places: [string, string][] = [['the status text', 'OK'], ['header X-Echo', 'X-Echo: sesame-123'], ['the body', 'abc sesame-123'], ['the body', 'sesame-123']];
    const node = echoedCredentials(credentials, places, 6);
    expect(node).to.deep.equal(['the password variable in header X-Echo', 'the password variable in the body']);
    same(fromSource(echoedCredentials)(credentials, places, 6), node);
  });

  it('compares two responses by status, header lines (per-request ones left out) and body, from its source as in Node', () => {
    const mine = { status: 401, statusText: 'Unauthorized', headers: [['Date', 'a'], ['WWW-Authenticate', 'Basic realm="x"']] as [string, string][], body: '{}' };
    const theirs = { status: 401, statusText: 'Unauthorized', headers: [['date', 'b'], ['www-authenticate', 'Basic realm="y"'], ['X-Hint', 'no such user']] as [string, string][], body: '{"a":1}' };
    const node = responseDifferences(mine, theirs, ['date']);
    expect(node).to.deep.equal(['header www-authenticate, x-hint', 'the body']);
    same(fromSource(responseDifferences)(mine, theirs, ['date']), node);
    expect(responseDifferences(mine, { ...mine, headers: [['date', 'b'], ['www-authenticate', 'Basic realm="x"']] }, ['date'])).to.deep.equal([]);
  });

  it('finds what invites a shared cache to reuse a protected response, from its source as in Node', () => {
    const examples: [string[], [string, string][], string[]][] = [
      [['authorization'], [['Cache-Control', 'Public, max-age=3600']], ['public']],
      [['authorization'], [['cache-control', 'max-age=3600, S-MAXAGE=60'], ['Cache-Control', 'must-revalidate']], ['s-maxage', 'must-revalidate']],
      [['authorization'], [['Cache-Control', 'max-age=3600']], []],
      [['x-v3io-session-key'], [['Cache-Control', 'max-age=3600']], ['max-age']],
      [['x-v3io-session-key'], [['Cache-Control', 'max-age="0"']], []],
      [['x-v3io-session-key'], [['Cache-Control', 'public, private']], []],
    ];
    for (const [credentials, headers, invited] of examples) {
      expect(sharedReuseInvitations(credentials, headers), JSON.stringify(headers)).to.deep.equal(invited);
      same(fromSource(sharedReuseInvitations)(credentials, headers), invited);
    }
  });

  it('compares snapshots, counts a step done, describes a body and reads a request to wait, from their sources as in Node', () => {
    const members = { kind: 'json-members', members: ['Item.note'] } as const;
    for (const [before, after] of [
      [{ status: 200, body: '{"Item":{"note":1}}' }, { status: 200, body: '{"Item":{"note":2}}' }],
      [{ status: 200, body: 'not json' }, { status: 200, body: '{}' }],
      [{ status: 404, body: '' }, { status: 200, body: '' }],
    ] as const) {
      same(fromSource(snapshotDifference)(before, after, members), snapshotDifference(before, after, members));
    }
    expect(snapshotDifference({ status: 200, body: '{"Item":{"note":1}}' }, { status: 200, body: '{"Item":{"note":2}}' }, members)).to.equal('Item.note');
    const alsoDone = [{ status: 400, bodyIncludes: 'ResourceInUse' }];
    for (const [status, body] of [[204, ''], [400, 'ResourceInUseException'], [400, 'InvalidArgument'], [404, '']] as const) {
      expect(fromSource(answerDone)(alsoDone, status, () => body), `${status} ${body}`).to.equal(answerDone(alsoDone, status, () => body));
    }
    expect([answerDone(alsoDone, 400, () => 'ResourceInUse'), answerDone(alsoDone, 404, () => '')]).to.deep.equal([true, false]);
    for (const [text, size] of [['', 0], ['<?xml version="1.0"?><ListAllMyBucketsResult/>', 46], ['<html></html>', 13], ['{"Containers":[]}', 17], ['[1]', 3], ['plain', 5]] as const) {
      expect(fromSource(bodyDescription)(text, size), text).to.equal(bodyDescription(text, size));
    }
    expect(bodyDescription('{"Containers":[]}', 17)).to.equal('a JSON object with Containers');
    for (const [status, retryAfter, expected] of [[429, false, []], [429, false, [429]], [503, true, []], [503, false, []], [401, true, []]] as const) {
      expect(fromSource(askedToWait)(status, retryAfter, expected), `${status}`).to.equal(askedToWait(status, retryAfter, expected));
    }
    expect([askedToWait(503, true, []) !== '', askedToWait(503, false, []), askedToWait(429, false, [429])]).to.deep.equal([true, '', '']);
  });
});

describe('the guards of the checks', () => {
  const cases = CATALOGUE.filter(isHttpCase);
  const rejection = cases.find((c) => c.expect.outcome !== 'accept' && c.request.method === 'GET')!;
  const acceptance = cases.find((c) => c.expect.outcome === 'accept' && c.request.method === 'HEAD')!;
  const facts = (testCase: typeof rejection): RenderInput => {
    const operation = OPERATIONS[testCase.request.operation];
    return { testCase, operation, plan: casePlan(testCase, operation) };
  };
  const judged = (testCase: typeof rejection, status: number): JudgeInput => ({
    ...facts(testCase),
    exchange: { where: 'GET /', answer: { kind: 'response', response: { status, statusText: '', headers: [], body: Buffer.alloc(0) } }, preparation: [], before: [], after: [], secrets: [] },
    context: { timeoutMs: 1000, resolve: (t) => t },
  });

  it('holds of a case when every guard of `when` does, on the case and on the answer apart', () => {
    const challenge = when(onRejection, onStatus(401));
    expect([challenge.onCase(facts(rejection)), challenge.onCase(facts(acceptance))]).to.deep.equal([true, false]);
    expect([challenge.onAnswer(judged(rejection, 401)), challenge.onAnswer(judged(rejection, 403))]).to.deep.equal([true, false]);
    expect([withBody.onCase(facts(rejection)), withBody.onCase(facts(acceptance))]).to.deep.equal([true, false]);
    expect(when().onCase(facts(acceptance))).to.equal(true);
  });
});
