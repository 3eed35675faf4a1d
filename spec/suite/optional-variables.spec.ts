/**
 * Optional variables: a target without a user lacking permission (its access key, or its Basic
 * username and password), a colon password or a UTF-8 password still gets a verdict; the cases
 * that need them are skipped, visibly, never failed. The run (in the test process) selects every
 * case that needs one, and the valid-credential cases.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../src/cases/index.js';
import { OPTIONAL_VARIABLES } from '../../src/cases/model.js';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { tempDir } from '../support/cli.js';
import { reportOf, runInProcess } from '../support/in-process-run.js';

describe('a target without the optional identities', function () {
  this.timeout(120_000);

  it('skips exactly the cases that need them, names the variable, and still passes', async () => {
    const dir = tempDir('v3io-optional-');
    const reference = JSON.parse(readFileSync(join(packageRoot(), GENERATED_PATHS.referenceEnvironment), 'utf8')) as { values: { key: string }[] };
    const optional = new Set<string>(OPTIONAL_VARIABLES);
    const env = { ...reference, values: reference.values.filter((v) => !optional.has(v.key)) };
    const envFile = join(dir, 'minimal.postman_environment.json');
    writeFileSync(envFile, JSON.stringify(env));

    // An environment file describes a real target: the reference, served.
    const server = await startReferenceServer({ port: 0 });
    const needing = CATALOGUE.filter((c) => c.kind !== 'transport' && (c.requires ?? []).length > 0).map((c) => c.id);
    expect(needing.length).to.be.greaterThan(5);
    const selection = { grep: new RegExp(`^(${needing.join('|')})$|-valid-get-object$`, 'i') };
    const result = await runInProcess({ envFile, target: server.url, out: dir, selection }).finally(() => server.close());
    expect(result.code, result.stdout + (result.error?.message ?? '')).to.equal(0);
    const report = reportOf(result);
    expect(report.cases.filter((c) => c.outcome === 'pass').length, 'the cases that need no optional variable pass').to.be.greaterThan(3);
    const skipped = report.cases.filter((c) => c.outcome === 'skip');
    expect(skipped.map((c) => c.id)).to.deep.equal(needing);
    for (const c of skipped) expect(c.reason, c.id).to.match(/needs (deniedAccessKey|deniedUsername|colonUsername|utf8Username)/);
    expect(report.summary.outcomes.fail).to.equal(0);
    expect(result.stdout).to.match(/Skipped:\n {2}- /);
  });

  // A target whose one user with a colon in its password is the main user: crossing the two users'
  // credentials would send the main user's valid ones, so those cases are skipped, not failed.
  for (const engine of ['newman', 'native'] as const) {
    it(`skips the cases whose two users must differ when they are one, on the ${engine} engine`, async () => {
      const dir = tempDir('v3io-distinct-');
      const reference = JSON.parse(readFileSync(join(packageRoot(), GENERATED_PATHS.referenceEnvironment), 'utf8')) as { values: { key: string; value: string }[] };
      const value = (key: string): string => reference.values.find((v) => v.key === key)?.value ?? '';
      const same: Record<string, string> = { colonUsername: value('username'), colonPassword: value('password') };
      const envFile = join(dir, 'one-user.postman_environment.json');
      writeFileSync(envFile, JSON.stringify({ ...reference, values: reference.values.map((v) => (v.key in same ? { ...v, value: same[v.key] } : v)) }));
      const crossed = CATALOGUE.filter((c) => c.kind !== 'transport' && (c.distinct ?? []).length > 0).map((c) => c.id);
      expect(crossed).to.include.members(['basic-password-of-another-user', 'basic-user-id-of-another-user']);
      const server = await startReferenceServer({ port: 0 });
      const selection = { grep: new RegExp(`^(${crossed.join('|')}|basic-colon-in-password)$`) };
      const result = await runInProcess({ envFile, target: server.url, out: dir, selection, engine, reporters: ['json'] }).finally(() => server.close());
      const report = reportOf(result);
      expect(report.cases.find((c) => c.id === 'basic-colon-in-password')?.outcome, 'the main user stands in for the colon user').to.equal('pass');
      const skipped = report.cases.filter((c) => c.outcome === 'skip');
      expect(skipped.map((c) => c.id)).to.deep.equal(crossed);
      for (const c of skipped) expect(c.reason, c.id).to.equal('needs username and colonUsername to differ, and the environment gives them the same value');
      expect(result.code).to.equal(0);
    });
  }
});
