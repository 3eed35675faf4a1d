/**
 * Sharding for a CI matrix, end to end: the suite run as three shards against a broken server and
 * merged gives the same verdict, exit code, summary and case outcomes as one unsharded run. (The
 * broken server here accepts nothing it should not: one that accepts unauthorised writes changes
 * the fixtures, and then which later cases see the change depends on the order they run in.)
 * The unsharded run is the one shared with broken-servers.spec.ts and the shards run in the test
 * process (support/shared-runs.ts); the merge goes through the CLI, whose command this is about.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { runCli, tempDir } from '../support/cli.js';
import { runInProcess } from '../support/in-process-run.js';
import { junitSchemaErrors } from '../support/junit-schema.js';
import { readReport } from '../support/report.js';
import { brokenVariant, noChallengeRun } from '../support/shared-runs.js';

describe('sharded run and merge', function () {
  this.timeout(180_000);
  let server: ReferenceServer;

  before(async () => {
    server = await startReferenceServer({ port: 0, reference: brokenVariant('no-challenge').reference(), errorLog: () => {} });
  });
  after(async () => {
    await server.close();
  });

  it('merging the shards gives the verdict of the unsharded run', async () => {
    const whole = await noChallengeRun();
    expect(whole.code, whole.error?.message).to.equal(1);

    const shardDirs = [1, 2, 3].map((i) => tempDir(`v3io-shard-${i}-`));
    const shardCodes: (number | null)[] = [];
    for (const [i, dir] of shardDirs.entries()) {
      const shard = { index: i + 1, count: 3 };
      const result = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, out: dir, reporters: ['json'], quiet: true, selection: { shard }, engine: 'native' });
      expect(result.error, result.error?.message).to.equal(undefined);
      shardCodes.push(result.code);
    }
    expect(shardCodes).to.include(1);

    const mergedDir = tempDir('v3io-merged-');
    const merged = await runCli(['merge', ...shardDirs.map((d) => join(d, 'conformance.json')), '--out', mergedDir, '--no-color']);
    expect(merged.code, merged.stderr).to.equal(whole.code);
    expect(merged.stdout).to.contain('Merged from 3 reports');
    expect(merged.stdout).to.contain('Verdict: NOT CONFORMANT');
    for (const file of ['conformance.json', 'junit.xml', 'conformance.html', 'conformance.md']) expect(existsSync(join(mergedDir, file)), file).to.equal(true);

    const a = readReport(whole.out);
    const b = readReport(mergedDir);
    expect(b.verdict).to.equal(a.verdict);
    expect(b.exitCode).to.equal(a.exitCode);
    expect(b.summary).to.deep.equal(a.summary);
    expect(b.cases.map((c) => [c.id, c.outcome, c.failedLevel])).to.deep.equal(a.cases.map((c) => [c.id, c.outcome, c.failedLevel]));
    expect(b.merged).to.deep.equal({ reports: 3 });
    expect(await junitSchemaErrors(readFileSync(join(mergedDir, 'junit.xml'), 'utf8'))).to.deep.equal([]);
  });
});
