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
});
