/** Judging a wire exchange: which outcomes pass which checks, at which level, in which words (the one caseResult of every engine). */
import { expect } from 'chai';
import { findCase } from '../../src/cases/index.js';
import type { WireCase } from '../../src/cases/model.js';
import { PROFILE_DEFINITIONS, type Profile } from '../../src/cases/profiles.js';
import { ROBUSTNESS_CHECK } from '../../src/judge/index.js';
import type { LivenessProbe } from '../../src/judge/exchange.js';
import { caseResult } from '../../src/run/case-result.js';
import type { CaseResult } from '../../src/run/results.js';
import type { WireResponse } from '../../src/wire/response-parser.js';
import type { WireOutcome } from '../../src/wire/socket-exchange.js';
import { COLLECTION_VARIABLES } from '../../src/cases/operations.js';

const KEY = 'e8bd4ca2-537b-4175-bf01-8c74963e90bf';
const WHERE = 'GET /bigdata/?prefix=v3io-auth-conformance/';

function wireCase(id: string): WireCase {
  const found = findCase(id);
  if (found?.kind !== 'wire') throw new Error(`no wire case ${id}`);
  return found;
}

/** A MUST case whose bytes carry no valid credential, a SHOULD one around a valid key, one a repair may accept. */
const HIDDEN_LINE = wireCase('session-key-wire-key-line-on-obs-fold');
const NUL_AFTER_KEY = wireCase('session-key-wire-nul-after-key');
const FOLDED_KEY = wireCase('session-key-wire-key-on-obs-fold-line');

interface Context {
  readonly probe?: LivenessProbe;
  readonly profile: Profile;
}

function context(probe?: LivenessProbe): Context {
  return { profile: PROFILE_DEFINITIONS.v3io, ...(probe ? { probe } : {}) };
}

/** The case's result on a wire record of this outcome: the request of WHERE, the access key its one secret. */
function judgeWireCase(testCase: WireCase, outcome: WireOutcome, { probe, profile }: Context): CaseResult {
  return caseResult(
    testCase,
    {
      kind: 'wire',
      id: testCase.id,
      request: { method: 'GET', path: '/bigdata/?prefix=v3io-auth-conformance/', headers: [] },
      outcome,
      ...(probe ? { probe } : {}),
      credentials: {},
      secrets: [['the accessKey variable', KEY]],
      scope: VARIABLES,
    },
    { profile, timeoutMs: 1_000, variables: VARIABLES, masking: { secrets: new Map([['accessKey', KEY]]), mask: (text) => text } },
  );
}

const VARIABLES = new Map<string, string>([...Object.entries(COLLECTION_VARIABLES), ['container', 'bigdata']]);

const V3IO_400 = '{"ErrorCode":-201326592,"ErrorMessage":"InvalidArgumentException"}';

function response(status: number, body = '', headers: [string, string][] = []): WireOutcome {
  const answer: WireResponse = { version: '1.1', status, statusText: 'Text', headers, body: Buffer.from(body, 'latin1') };
  return { kind: 'response', response: answer };
}

function failed(result: CaseResult): string[] {
  return result.checks.filter((c) => !c.passed).map((c) => `[${c.level.toUpperCase()}] ${c.name}: ${c.message ?? ''}`);
}

describe('judging a wire exchange', () => {
  it('passes a 400 with a V3IO error body', () => {
    const result = judgeWireCase(HIDDEN_LINE, response(400, V3IO_400), context());
    expect(failed(result)).to.deep.equal([]);
    expect(result.outcome).to.equal('pass');
    expect(result.checks.map((c) => `${c.level} ${c.name}`)).to.deep.equal([
      `must ${HIDDEN_LINE.title}`,
      `must ${ROBUSTNESS_CHECK}`,
      'should answers 400 or 401',
      'should the error body is a V3IO error',
      'must the response echoes no credential',
    ]);
  });

  it('fails a MUST case that is accepted, saying what came back for which request', () => {
    const result = judgeWireCase(HIDDEN_LINE, response(200, '<ListBucketResult/>'), context());
    expect(result.failedLevel).to.equal('must');
    expect(failed(result)).to.include(`[MUST] ${HIDDEN_LINE.title}: Expected a 4xx rejection, got 200 for ${WHERE}`);
  });

  it('fails a SHOULD case that is accepted at SHOULD only', () => {
    const result = judgeWireCase(NUL_AFTER_KEY, response(200, '<ListBucketResult/>'), context());
    expect(result.outcome).to.equal('fail');
    expect(result.failedLevel).to.equal('should');
  });

  it('makes a 5xx a MUST failure even where the case is SHOULD', () => {
    const result = judgeWireCase(NUL_AFTER_KEY, response(500, '{"ErrorCode":-5,"ErrorMessage":"x"}'), context());
    expect(result.failedLevel).to.equal('must');
    expect(failed(result)).to.include(`[MUST] ${ROBUSTNESS_CHECK}: Expected no 5xx, got 500 for ${WHERE}`);
  });

  it('takes a 501 or 505 as a refusal where the case lists it, and any other 5xx as a failure', () => {
    const method = wireCase('cross-wire-bypass-method-pouet');
    expect(failed(judgeWireCase(method, response(501, '{"ErrorCode":-95,"ErrorMessage":"x"}'), context()))).to.deep.equal([]);
    const version = wireCase('cross-wire-bypass-version-http-2-0');
    expect(failed(judgeWireCase(version, response(505, '{"ErrorCode":-95,"ErrorMessage":"x"}'), context()))).to.deep.equal([]);
    // 505 is no refusal of a method, nor 501 of a version.
    expect(judgeWireCase(method, response(505), context()).failedLevel).to.equal('must');
    expect(judgeWireCase(version, response(501), context()).failedLevel).to.equal('must');
    expect(judgeWireCase(version, response(503), context()).failedLevel).to.equal('must');
  });

  it('takes a closed connection as a rejection, and as the whole answer when the bytes carry no valid credential', () => {
    const result = judgeWireCase(HIDDEN_LINE, { kind: 'closed' }, context({ alive: true }));
    expect(result.outcome).to.equal('pass');
    expect(result.actual).to.deep.equal({ error: 'closed by the server before a response' });
  });

  it('prefers the status to a closed connection around a valid credential (SHOULD)', () => {
    const result = judgeWireCase(NUL_AFTER_KEY, { kind: 'reset', code: 'ECONNRESET' }, context({ alive: true }));
    expect(result.failedLevel).to.equal('should');
    expect(failed(result)).to.deep.equal([`[SHOULD] answers 400 or 401: Expected 400 or 401, got the connection reset (ECONNRESET) without a response for ${WHERE}`]);
  });

  it('fails a closed connection at MUST when the server stops answering afterwards (a crash)', () => {
    const result = judgeWireCase(HIDDEN_LINE, { kind: 'closed' }, context({ alive: false, what: 'no connection (ECONNREFUSED)' }));
    expect(result.failedLevel).to.equal('must');
    expect(failed(result)).to.deep.equal([
      `[MUST] ${ROBUSTNESS_CHECK}: Expected the server to go on answering after it dropped the connection, got no connection (ECONNREFUSED) for a well-formed request after ${WHERE}`,
    ]);
  });

  it('fails a hang and a malformed response at MUST', () => {
    const hang = judgeWireCase(NUL_AFTER_KEY, { kind: 'timeout', receivedBytes: 0 }, context());
    expect(hang.failedLevel).to.equal('must');
    expect(failed(hang)).to.include(`[MUST] ${ROBUSTNESS_CHECK}: Expected a response or a closed connection, got no response within 1000 ms for ${WHERE}`);
    expect(hang.actual).to.deep.equal({ error: 'no response within 1000 ms' });
    const garbage = judgeWireCase(NUL_AFTER_KEY, { kind: 'malformed', reason: 'not a status line' }, context());
    expect(garbage.failedLevel).to.equal('must');
  });

  it('fails a 101 Switching Protocols to a WebSocket upgrade without credentials at MUST, and passes a refused upgrade', () => {
    const upgrade = wireCase('cross-wire-upgrade-websocket-without-credentials');
    const switched = judgeWireCase(upgrade, response(101, '', [['Upgrade', 'websocket'], ['Connection', 'Upgrade']]), context());
    expect(switched.failedLevel).to.equal('must');
    expect(failed(switched)).to.include(`[MUST] ${upgrade.title}: Expected a 4xx rejection, got 101 for ${WHERE}`);
    expect(failed(judgeWireCase(upgrade, response(426, V3IO_400), context()))).to.deep.equal([]);
  });

  it('fails a credential read from a trailer at MUST, and takes a 400 or 411 for a refused chunked GET', () => {
    const trailer = wireCase('session-key-wire-key-in-trailer');
    expect(judgeWireCase(trailer, response(200, '<ListBucketResult/>'), context()).failedLevel).to.equal('must');
    for (const status of [400, 411]) expect(failed(judgeWireCase(trailer, response(status, V3IO_400), context())), String(status)).to.deep.equal([]);
  });

  it('accepts a 2xx where the RFC lets the server repair the bytes into a valid request', () => {
    expect(judgeWireCase(FOLDED_KEY, response(200, '<ListBucketResult/>'), context()).outcome).to.equal('pass');
    expect(judgeWireCase(FOLDED_KEY, response(400, V3IO_400), context()).outcome).to.equal('pass');
    expect(judgeWireCase(FOLDED_KEY, response(401, '{"ErrorCode":-13,"ErrorMessage":"x"}', [['WWW-Authenticate', 'Basic realm="v3io"']]), context()).failedLevel).to.equal('should');
  });

  it('checks the challenge of a 401 and the error body of a 4xx', () => {
    const bare401 = judgeWireCase(HIDDEN_LINE, response(401, 'nope'), context());
    expect(failed(bare401).map((f) => f.slice(0, f.indexOf(':')))).to.deep.equal([
      '[MUST] the 401 carries a WWW-Authenticate challenge',
      '[SHOULD] the challenge offers Basic with a quoted realm',
      '[SHOULD] the error body is a V3IO error',
    ]);
  });

  it('judges no body when the profile has no error schema (a generic Basic server)', () => {
    const { errorSchema: _, ...withoutSchema } = PROFILE_DEFINITIONS.v3io;
    const plain400 = judgeWireCase(HIDDEN_LINE, response(400, '<html>Bad Request</html>'), { profile: withoutSchema });
    expect(plain400.outcome).to.equal('pass');
    expect(plain400.checks.map((c) => c.name)).to.not.include('[SHOULD] the error body is a V3IO error');
  });

  it('names an echoed credential and where, never its value', () => {
    const result = judgeWireCase(HIDDEN_LINE, response(400, `{"ErrorCode":1,"ErrorMessage":"bad key ${KEY}"}`, [['X-Echo', KEY]]), context());
    const messages = failed(result);
    expect(messages).to.deep.equal([
      `[MUST] the response echoes no credential: Expected no credential in the response (echoed: the accessKey variable in header X-Echo; the accessKey variable in the body), got 400 for ${WHERE}`,
    ]);
    expect(JSON.stringify(result)).not.to.contain(KEY);
  });

  describe('a 2xx to a path spelling (letInOnEvidence) needs the container\'s listing to be a MUST failure', () => {
    const DOUBLE_SLASH = wireCase('cross-wire-path-double-slash-denied-key');
    const EMPTY_ROOT = '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Owner><ID>d</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>';
    const ROOT_NAMING_IT = '<ListAllMyBucketsResult><Buckets><Bucket><Name>bigdata</Name></Bucket></Buckets></ListAllMyBucketsResult>';
    const LISTING = '<ListBucketResult><Name>bigdata</Name><Prefix></Prefix><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>';
    const FIXTURE_ENTRY = '<ListBucketResult><Name>other</Name><Contents><Key>v3io-auth-conformance/fixture.txt</Key></Contents></ListBucketResult>';

    it('a root listing of no containers: a SHOULD failure that says what it showed', () => {
      const result = judgeWireCase(DOUBLE_SLASH, response(200, EMPTY_ROOT), context());
      expect(result.failedLevel).to.equal('should');
      expect(failed(result)).to.include(
        `[SHOULD] ${DOUBLE_SLASH.title}: Expected a 4xx rejection, got 200 with an XML body <ListAllMyBucketsResult>, nothing of what the request must not reach (the server read it as another resource) for ${WHERE}`,
      );
    });

    it("the container's listing or an entry the suite wrote: a MUST failure", () => {
      for (const body of [LISTING, FIXTURE_ENTRY]) {
        const result = judgeWireCase(DOUBLE_SLASH, response(200, body), context());
        expect(result.failedLevel, body).to.equal('must');
        expect(failed(result), body).to.include(`[MUST] ${DOUBLE_SLASH.title}: Expected a 4xx rejection, got 200 with the container's name or entries in its body for ${WHERE}`);
      }
    });

    it('a listing of containers that names it: a MUST failure without credentials, a SHOULD one with the key of the identity that may list them', () => {
      const withoutCredentials = wireCase('cross-wire-path-double-slash');
      expect(judgeWireCase(withoutCredentials, response(200, ROOT_NAMING_IT), context()).failedLevel).to.equal('must');
      expect(judgeWireCase(DOUBLE_SLASH, response(200, ROOT_NAMING_IT), context()).failedLevel).to.equal('should');
    });

    it('a canonical target keeps any 2xx as let in (MUST)', () => {
      const canonical = wireCase('cross-wire-absolute-form-without-credentials');
      expect(canonical.expect.letInOnEvidence).to.equal(undefined);
      expect(judgeWireCase(canonical, response(200, EMPTY_ROOT), context()).failedLevel).to.equal('must');
    });
  });
});
