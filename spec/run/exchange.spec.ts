/** What a report quotes of a request and its response: secrets as placeholders or masked, cut only after masking. */
import { expect } from 'chai';
import type { HttpCase } from '../../src/cases/model.js';
import { request } from '../../src/cases/operations.js';
import { MASK, redact, secretForms } from '../../src/report/redact.js';
import { MAX_BODY_EXCERPT, MAX_HEADER_VALUE, shorten } from '../../src/results/excerpt.js';
import type { ItemRecord as ItemTrace } from '../../src/run/engine.js';
import { PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { caseResult as judged } from '../../src/run/case-result.js';
import type { CaseResult } from '../../src/run/results.js';

const caseResult = (testCase: HttpCase, t: ItemTrace | undefined, masking = { secrets: new Map<string, string>(), mask: (text: string) => text }): CaseResult =>
  judged(testCase, t, { profile: PROFILE_DEFINITIONS.v3io, timeoutMs: 10_000, variables: new Map(), masking });

const KEY = 'e8bd4ca2-537b-4175-bf01-8c74963e90bf';
const PASSWORD = 'conformance-Pa55';
const TOKEN = Buffer.from(`iguazio:${PASSWORD}`).toString('base64');

const testCase: HttpCase = {
  kind: 'http',
  id: 'session-key-two-lines-both-invalid',
  form: 'session-key',
  profiles: ['v3io'],
  family: 'duplicates',
  title: 'rejects two invalid lines',
  requirement: 'r',
  level: 'must',
  sources: ['RFC 9110 §5.3'],
  request: request('get-object', [['X-v3io-session-key', '{{truncatedKey}}'], ['Authorization', 'Basic {{basicToken}}!!']]),
  derive: [
    { name: 'truncatedKey', from: '{{accessKey}}', apply: [{ op: 'drop-last-char' }] },
    { name: 'basicToken', from: '{{username}}:{{password}}', apply: [{ op: 'base64' }] },
  ],
  expect: { outcome: 'unauthenticated' },
};

const masking = {
  secrets: new Map([['accessKey', KEY], ['password', PASSWORD]]),
  mask: (text: string) => redact(text, secretForms([KEY, PASSWORD], [['iguazio', PASSWORD]])),
};

function trace(overrides: Partial<ItemTrace> = {}): ItemTrace {
  return {
    id: testCase.id,
    name: 'x',
    method: 'GET',
    path: `/bigdata/x?X-v3io-session-key=${KEY}`,
    requestHeaders: [
      ['X-v3io-session-key', KEY.slice(0, -1)],
      ['Authorization', `Basic ${TOKEN}!!`],
      ['Cookie', `k=${KEY}`],
      ['X-Huge', `${'a'.repeat(1000)}${KEY}`],
    ],
    derived: { truncatedKey: KEY.slice(0, -1), basicToken: TOKEN, unrelated: 'zzzz' },
    response: {
      status: 401,
      statusText: 'Unauthorized',
      headers: [['WWW-Authenticate', 'Basic realm="v3io"'], ['X-Echo', `${KEY.slice(0, -1)}`]],
      body: Buffer.from(`{"ErrorMessage":"bad key ${KEY}"}\u0000${'x'.repeat(2000)}`),
    },
    steps: [],
    assertions: [],
    exceptions: [],
    ...overrides,
  };
}

describe('recording the exchange of a case', () => {
  const t = trace();
  const result = caseResult(testCase, t, masking);
  const headers = result.request?.headers ?? [];
  const text = JSON.stringify(result);

  it('shows derived values and secrets as their {{placeholders}}', () => {
    expect(headers[0]).to.deep.equal(['X-v3io-session-key', '{{truncatedKey}}']);
    expect(headers[1]).to.deep.equal(['Authorization', 'Basic {{basicToken}}!!']);
    expect(headers[2]).to.deep.equal(['Cookie', 'k={{accessKey}}']);
    expect(result.request?.path).to.equal('/bigdata/x?X-v3io-session-key={{accessKey}}');
  });

  it('masks the response too, including a server echoing a mutated key', () => {
    if (!result.actual || !('status' in result.actual)) throw new Error('no response');
    expect(result.actual.headers).to.deep.include(['X-Echo', '{{truncatedKey}}']);
    expect(result.actual.bodyExcerpt).to.match(/^\{"ErrorMessage":"bad key \{\{accessKey\}\}"\}\ufffdx+… \(\d+ characters\)$/);
    expect(Array.from(result.actual.bodyExcerpt ?? '').length).to.be.lessThan(MAX_BODY_EXCERPT + 30);
  });

  it('leaves no secret, and no recognisable part of one, anywhere', () => {
    for (const secret of [KEY, KEY.slice(0, -1), KEY.slice(0, 20), PASSWORD, TOKEN]) expect(text).not.to.contain(secret);
  });

  it('cuts long values only after masking, so a cut secret cannot slip through', () => {
    const huge = headers[3]?.[1] ?? '';
    expect(huge).to.match(/^a+… \(\d+ characters\)$/);
    expect(Array.from(huge.split('…')[0] ?? '')).to.have.length(MAX_HEADER_VALUE);
    const onlyMask = caseResult(testCase, trace({ derived: {} }), { secrets: new Map(), mask: masking.mask });
    expect(JSON.stringify(onlyMask)).to.contain(MASK);
    expect(JSON.stringify(onlyMask)).not.to.contain(KEY);
  });

  it('shortens by whole characters and says how long the text was', () => {
    expect(shorten('abc', 3)).to.equal('abc');
    expect(shorten('£££££', 2)).to.equal('££… (5 characters)');
    // Characters beyond the BMP are two UTF-16 units each: never cut in half, counted once.
    expect(shorten('😀😀😀', 3)).to.equal('😀😀😀');
    expect(shorten('😀😀😀a', 2)).to.equal('😀😀… (4 characters)');
    expect(shorten('a😀b', 1)).to.equal('a… (3 characters)');
  });

  it('records nothing more for a case that did not run', () => {
    const skipped = caseResult(testCase, undefined, masking);
    expect(skipped).to.include({ outcome: 'skip', request: null, actual: null });
    expect(skipped).to.deep.equal(caseResult(testCase, undefined));
  });
});
