/**
 * `explain <id>`, `list --grep` and `run --only`: finding a case and reading what it checks. The
 * explanation of every case of every profile is built in-process (no secret of the reference
 * environment in it, the sources linked as the reports link them, the request as the profile sends
 * it); a few runs of the command line (in the test process, support/cli-in-process.ts) check what only the command shows: stdout, exit codes, one-line errors.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, catalogueFor } from '../../src/cases/index.js';
import { SECRET_VARIABLES } from '../../src/cases/model.js';
import { casesOf, operationOf, PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { isRequestCase } from '../../src/cases/case-request.js';
import type { Answer, StepExchange } from '../../src/judge/exchange.js';
import { casePlan, judgeCase } from '../../src/judge/index.js';
import type { PrepareStep } from '../../src/cases/operations.js';
import { explainCase, renderExplanation, type CaseExplanation } from '../../src/commands/case-explanation.js';
import { runConformance } from '../../src/commands/conformance-run.js';
import { packageRoot } from '../../src/package-info.js';
import { sourceLink } from '../../src/report/source-links.js';
import { tempDir } from '../support/cli.js';
import { runCliInProcess } from '../support/cli-in-process.js';
import { checkReport } from '../support/report.js';

const SECRETS: string[] = ['reference.postman_environment.json', 'reference-basic.postman_environment.json'].flatMap((file) => {
  const { values } = JSON.parse(readFileSync(join(packageRoot(), 'environments', file), 'utf8')) as { values: { key: string; value: string }[] };
  return values.filter((v) => (SECRET_VARIABLES as readonly string[]).includes(v.key) && v.value.length > 0).map((v) => v.value);
});

const explained = (id: string, profile: 'v3io' | 'basic' = 'v3io'): CaseExplanation => {
  const testCase = casesOf(PROFILE_DEFINITIONS[profile], CATALOGUE).find((c) => c.id === id);
  if (!testCase) throw new Error(`no case ${id} in ${profile}`);
  return explainCase(testCase, PROFILE_DEFINITIONS[profile]);
};

describe('explain, list --grep, run --only', function () {
  this.timeout(60_000);

  it('explains every case of every profile, with its sources linked as the reports link them and no secret value', () => {
    expect(SECRETS.length).to.be.greaterThan(3);
    for (const profile of Object.values(PROFILE_DEFINITIONS)) {
      for (const testCase of casesOf(profile, CATALOGUE)) {
        const explanation = explainCase(testCase, profile);
        const text = `${renderExplanation(explanation)}${JSON.stringify(explanation)}`;
        for (const secret of SECRETS) expect(text.includes(secret), `${testCase.id}: a secret value`).to.equal(false);
        expect(explanation.sources, testCase.id).to.deep.equal(testCase.sources.map(sourceLink));
        expect(explanation.checks.length, testCase.id).to.be.greaterThan(0);
        expect(explanation.checks.some((c) => c.level === testCase.level && c.name === testCase.title) || testCase.kind === 'transport', `${testCase.id}: its primary check`).to.equal(true);
      }
    }
  });

  it('lists every check judging makes, whatever the answer: the judge never makes a check explain left out', () => {
    const response = (status: number, headers: readonly (readonly [string, string])[] = [], body = ''): Answer => ({ kind: 'response', response: { status, statusText: '', headers, body: Buffer.from(body) } });
    const answers: Answer[] = [
      response(200, [], '<ListBucketResult><Contents/></ListBucketResult>'),
      response(401, [['WWW-Authenticate', 'Basic realm="x"']], '{"ErrorCode":-1}'),
      response(400),
      response(403),
      response(500),
      { kind: 'error', code: 'ECONNRESET' },
      { kind: 'closed' },
    ];
    const done = (list: readonly PrepareStep[]): StepExchange[] => list.map((step) => ({ step, where: `${step.method} ${step.path}`, answer: response(200) }));
    let judged = 0;
    for (const profile of Object.values(PROFILE_DEFINITIONS)) {
      const context = { ...(profile.errorSchema ? { errorSchema: profile.errorSchema } : {}), timeoutMs: 1000, resolve: (t: string) => t };
      for (const testCase of casesOf(profile, CATALOGUE).filter(isRequestCase)) {
        const planned = new Set(explainCase(testCase, profile).checks.map((c) => c.id));
        const operation = operationOf(profile, testCase);
        const plan = casePlan(testCase, operation);
        for (const got of answers) {
          const exchange = { where: 'GET /x', answer: got, preparation: done(plan.preparation), before: done(plan.beforeRead), after: done(plan.afterRead), ...(plan.second ? { second: got } : {}), secrets: [] };
          const result = judgeCase(testCase, operation, plan, exchange, context);
          const made = [...result.checks.map((c) => c.id ?? ''), ...result.inconclusiveChecks.map((c) => c.id)];
          expect(made.filter((id) => !planned.has(id)), `${profile.id} ${testCase.id} on ${got.kind === 'response' ? got.response.status : got.kind}`).to.deep.equal([]);
          judged += 1;
        }
      }
    }
    expect(judged).to.be.greaterThan(1000);
  });

  it('shows a rejection case: the request line and header lines with placeholders, the statuses, every check with its level', () => {
    const e = explained('session-key-truncated-key');
    expect(e.request).to.deep.include({ kind: 'http', method: 'GET', target: '{{baseUrl}}/{{container}}/{{fixtureObject}}' });
    expect(e.derived.map((d) => d.name)).to.have.length.greaterThan(0);
    expect(e.expected).to.deep.include({ outcome: 'unauthenticated', statuses: [401] });
    const text = renderExplanation(e);
    expect(text).to.match(/^session-key-truncated-key: /);
    expect(text).to.contain('    GET {{baseUrl}}/{{container}}/{{fixtureObject}}\n');
    expect(text).to.match(/\n {4}X-v3io-session-key: \{\{\w+\}\}\n/);
    expect(text).to.contain('RFC 9110 §15.5.2 <https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2>');
    expect(text).to.contain('  expected     unauthenticated (401)\n');
    for (const line of ['[MUST] the server answers', '[SHOULD] answers 401', '[MUST] the 401 carries a WWW-Authenticate challenge', '[MUST] the response echoes no credential']) expect(text).to.contain(`    ${line}\n`);
  });

  it('shows a write rejected: the read-backs around it and the check that it changed nothing', () => {
    const e = explained('cross-unknown-key-put-object');
    expect(e.request).to.deep.include({ method: 'PUT' });
    expect(e.steps.map((s) => s.when)).to.include.members(['before', 'after']);
    expect(e.checks).to.deep.include({ id: 'unchanged', name: 'the rejected request changed nothing', level: 'must' });
  });

  it('shows a wire case as its escaped bytes and a profile\'s request as that profile sends it', () => {
    const wire = explained('basic-wire-cr-after-token', 'basic');
    expect(wire.request.kind).to.equal('wire');
    expect(wire.request.kind === 'wire' && wire.request.bytes).to.match(/^GET \/\{\{protectedPath\}\} HTTP\/1\.1\\r\\n/);
    expect(wire.checks.map((c) => c.id)).to.include('robustness');
    const basic = explained('basic-valid-get-object', 'basic');
    expect(basic.title).to.equal('accepts valid Basic credentials on GET of the protected URL');
    expect(basic.request).to.deep.include({ method: 'GET', target: '{{baseUrl}}/{{protectedPath}}' });
    expect(basic.checks.map((c) => c.id), 'no V3IO error body in the basic profile').not.to.include('error-body');
  });

  it('on the command line: explain --json, explain of an unknown id, list --grep <family>, run --only with an unknown id', async () => {
    // One after another: the command line run in the test process owns its streams (support/cli-in-process.ts).
    const json = await runCliInProcess(['explain', 'basic-wrong-password', '--json']);
    const typo = await runCliInProcess(['explain', 'basic-wrong-pasword']);
    const family = await runCliInProcess(['list', '--grep', 'strict-base64', '--format', 'json']);
    const noMatch = await runCliInProcess(['list', '--grep', 'no-such-family-anywhere']);
    const only = await runCliInProcess(['run', '--only', 'basic-wrong-password,session-key-unknwn-key', '--engine', 'native']);
    expect(json.code, json.stderr).to.equal(0);
    expect(JSON.parse(json.stdout)).to.deep.equal(explained('basic-wrong-password'));
    expect(typo.code).to.equal(2);
    expect(typo.stderr).to.equal('v3io-auth-conformance: unknown case id basic-wrong-pasword (did you mean basic-wrong-password?) (see the list command)\n');
    expect(family.code, family.stderr).to.equal(0);
    expect((JSON.parse(family.stdout) as { id: string }[]).map((c) => c.id)).to.deep.equal(CATALOGUE.filter((c) => c.family === 'strict-base64').map((c) => c.id));
    expect(noMatch.code).to.equal(2);
    expect(noMatch.stderr).to.equal('v3io-auth-conformance: no case matches --grep no-such-family-anywhere (see the list command)\n');
    expect(only.code).to.equal(2);
    expect(only.stderr).to.equal('v3io-auth-conformance: unknown case id session-key-unknwn-key (did you mean session-key-unknown-key?) (see the list command)\n');
  });

  it('explain and run --only find a case of the bypass long tail without --bypass full (the id a report names)', async () => {
    const longTail = catalogueFor('full').find((c) => !CATALOGUE.includes(c))!;
    const explained = await runCliInProcess(['explain', longTail.id]);
    expect(explained.code, explained.stderr).to.equal(0);
    expect(explained.stdout.split('\n')[0]).to.equal(`${longTail.id}: ${longTail.title}`);
    const out = tempDir('v3io-only-long-tail-');
    const run = await runCliInProcess(['run', '--only', longTail.id, '--engine', 'native', '--quiet', '--out', out]);
    expect(run.code, run.stderr).to.equal(0);
    const report = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as { cases: { id: string }[] };
    expect(report.cases.map((c) => c.id)).to.deep.equal([longTail.id]);
  });

  it('run --only runs exactly those cases and records the selection', async () => {
    const ids = ['basic-wrong-password', 'session-key-unknown-key'];
    const outcome = await runConformance({ outDir: tempDir('v3io-only-'), strict: false, timeoutMs: 10_000, reporters: [], selection: { ids }, engine: 'native' });
    expect(outcome.report.cases.map((c) => c.id).sort()).to.deep.equal([...ids].sort());
    expect(outcome.report.cases.map((c) => c.outcome)).to.deep.equal(['pass', 'pass']);
    expect(outcome.report.selection).to.deep.equal({ only: ids });
    expect(checkReport(JSON.parse(JSON.stringify(outcome.report))).selection, 'the report schema knows --only').to.deep.equal({ only: ids });
  });
});
