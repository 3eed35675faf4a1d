/** Hand-made run reports for reporter tests: a few cases of each outcome, and hostile text. */
import type { CaseResult, StepResult } from '../../src/run/results.js';
import { exitCodeOf, summarise, verdictOf } from '../../src/run/results.js';
import type { RunReport } from '../../src/report/run-report.js';

/** Text a hostile target could send back: markup, a script, Markdown syntax, a table pipe, controls. */
export const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> | **bold** [link](javascript:alert(1)) ``` &amp; \u0007';

const base = {
  requirement: 'An unknown key is rejected as unauthenticated.',
  sources: ['seed §X-v3io-session-key Authentication', 'RFC 9110 §15.5.2', 'OWASP Authentication Cheat Sheet'],
};

export const MUST_FAILURE: CaseResult = {
  ...base,
  id: 'session-key-unknown-key',
  title: 'rejects an unknown access key',
  form: 'session-key',
  family: 'unknown-credential',
  level: 'must',
  outcome: 'fail',
  expected: { outcome: 'unauthenticated', statuses: [401] },
  actual: {
    status: 200,
    statusText: 'OK',
    headers: [['Content-Type', 'text/html'], ['X-Echo', HOSTILE]],
    bodyExcerpt: HOSTILE,
  },
  request: {
    method: 'GET',
    path: '/bigdata/v3io-auth-conformance/fixture.txt',
    headers: [['X-v3io-session-key', '00000000-0000-4000-8000-000000000000'], ['User-Agent', 'PostmanRuntime/7.39.1']],
  },
  checks: [
    { name: 'rejects the request (4xx)', level: 'must', passed: false, message: 'Expected a 4xx rejection, got 200 for GET /bigdata/v3io-auth-conformance/fixture.txt' },
    { name: 'answers 401', level: 'should', passed: false, message: `Expected 401, got 200 ${HOSTILE}` },
    { name: 'echoes no secret', level: 'must', passed: true },
  ],
  failedLevel: 'must',
};

export const SHOULD_FAILURE: CaseResult = {
  ...base,
  id: 'basic-token-unpadded',
  title: 'rejects unpadded Base64',
  form: 'basic',
  family: 'strict-base64',
  level: 'should',
  requirement: 'Unpadded Base64 is rejected (RFC 4648 §3.2).',
  sources: ['RFC 4648 §3.2'],
  outcome: 'fail',
  expected: { outcome: 'malformed', statuses: [400] },
  actual: { status: 200, statusText: 'OK', headers: [['Content-Type', 'application/json']], bodyExcerpt: '{}' },
  request: { method: 'GET', path: '/bigdata/x', headers: [['Authorization', 'Basic {{basicToken}}']] },
  checks: [{ name: 'rejects the request', level: 'should', passed: false, message: 'Expected a 4xx rejection, got 200 for GET /bigdata/x' }],
  failedLevel: 'should',
};

export const PASSED: CaseResult = {
  ...base,
  id: 'basic-valid-get-object',
  title: 'accepts valid Basic credentials on GET object',
  form: 'basic',
  family: 'valid',
  level: 'must',
  outcome: 'pass',
  expected: { outcome: 'accept', statuses: [] },
  actual: { status: 200, statusText: 'OK' },
  request: { method: 'GET', path: '/bigdata/x' },
  checks: [{ name: 'accepts', level: 'must', passed: true }],
  failedLevel: null,
};

export const SKIPPED: CaseResult = {
  ...base,
  id: 'basic-utf8-password',
  title: 'accepts a UTF-8 password',
  form: 'basic',
  family: 'password-content',
  level: 'should',
  outcome: 'skip',
  expected: { outcome: 'accept', statuses: [] },
  actual: null,
  request: null,
  checks: [],
  failedLevel: null,
  reason: 'needs utf8Username, not set in the environment',
};

export const ERRORED: CaseResult = {
  ...base,
  id: 'cross-huge-basic-token',
  title: 'rejects a 64 KiB Basic token',
  form: 'cross-cutting',
  family: 'size',
  level: 'must',
  outcome: 'error',
  expected: { outcome: 'reject', statuses: [431, 400] },
  actual: { status: 400, statusText: 'Bad Request' },
  request: { method: 'GET', path: '/bigdata/x' },
  checks: [],
  failedLevel: null,
  reason: 'test script error: ReferenceError: x is not defined',
};

/** A MUST case the harness could not judge: its preparation failed, so the read-back proves nothing. */
export const INCONCLUSIVE: CaseResult = {
  ...base,
  id: 'cross-unknown-key-put-object',
  title: 'rejects PUT object with an unknown access key',
  form: 'cross-cutting',
  family: 'every-operation',
  level: 'must',
  outcome: 'inconclusive',
  expected: { outcome: 'unauthenticated', statuses: [401] },
  actual: { status: 401, statusText: 'Unauthorized' },
  request: { method: 'PUT', path: '/bigdata/x/scratch.txt' },
  checks: [{ name: 'rejects the request (4xx)', level: 'must', passed: true }],
  failedLevel: null,
  reason: `could not arrange the scratch object: Expected 2xx, got 400 for PUT /bigdata/x/scratch.txt ${HOSTILE}`,
};

export const ALL_SAMPLE_CASES: readonly CaseResult[] = [MUST_FAILURE, SHOULD_FAILURE, PASSED, SKIPPED, ERRORED, INCONCLUSIVE];

export function sampleReport(cases: readonly CaseResult[], options: { strict?: boolean; setup?: readonly StepResult[] } = {}): RunReport {
  const strict = options.strict ?? false;
  const setup = options.setup ?? [{ id: 'setup-put-fixture-object', title: 'create the fixture object', ok: true, status: 201 }];
  const summary = summarise(cases);
  const verdict = verdictOf(summary, setup, strict);
  return {
    tool: { name: 'v3io-auth-conformance', version: '0.1.0' },
    target: { mode: 'target', baseUrl: 'http://127.0.0.1:8081', profile: 'v3io' },
    startedAt: '2025-01-15T12:00:00.000Z',
    durationMs: 1234,
    strict,
    verdict,
    exitCode: exitCodeOf(verdict),
    summary,
    setup,
    teardown: [{ id: 'teardown-delete-fixture-object', title: 'remove the fixture object', ok: true, status: 204 }],
    cases,
    warnings: [`the target is plain http:// ${HOSTILE}`],
  };
}
