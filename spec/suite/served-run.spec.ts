/**
 * The suite over a real socket: our runner against `serve` (the whole suite, in the test process,
 * shared with target-run.spec.ts and wire-run.spec.ts), and the exported collections run by the
 * plain newman CLI, as someone who imported them into Postman would: the basic collection whole,
 * the v3io collection's fixtures and one folder of cases (its every request, scripts included,
 * runs under newman against the reference in spec/judge/collection-equivalence.spec.ts, which
 * finds each of its tests passed there).
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, type ProfileId } from '../../src/cases/model.js';
import { packageRoot, PROFILE_PATHS, type ProfilePaths } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { tempDir } from '../support/cli.js';
import { reportOf } from '../support/in-process-run.js';
import { servedReferenceRun } from '../support/shared-runs.js';

describe('run against the served reference (real HTTP)', function () {
  this.timeout(120_000);
  let server: ReferenceServer;

  beforeEach(async () => {
    server = await startReferenceServer({ port: 0 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('passes every case and warns that plain HTTP sends credentials in clear', async () => {
    const { run, url } = await servedReferenceRun();
    expect(run.code, run.stdout + (run.error?.message ?? '')).to.equal(0);
    const report = reportOf(run);
    expect(report.target).to.deep.equal({ mode: 'target', baseUrl: url, profile: 'v3io' });
    expect(report.cases.filter((c) => c.outcome !== 'pass').map((c) => c.id)).to.deep.equal([]);
    expect(run.stdout).to.match(/Warning: the target is plain http:\/\/: every credential form is a bearer secret sent in clear/);
  });

  /** Runs a committed collection (these folders of it, or all) with the plain newman CLI; resolves with its exit code and its JSON summary. */
  async function plainNewman(paths: ProfilePaths, folders: readonly string[]): Promise<{ code: number | null; assertions: number; failures: number; items: readonly string[] }> {
    const newman = join(packageRoot(), 'node_modules/newman/bin/newman.js');
    const exported = join(tempDir('v3io-newman-'), 'out.json');
    const args = ['run', paths.collection, '-e', paths.referenceEnvironment, '--env-var', `baseUrl=${server.url}`, ...folders.flatMap((f) => ['--folder', f]), '--reporters', 'json', '--reporter-json-export', exported];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [newman, ...args], { cwd: packageRoot(), stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    const { run } = JSON.parse(readFileSync(exported, 'utf8')) as { run: { stats: { assertions: { total: number; failed: number } }; executions: { item: { name: string } }[] } };
    return { code, assertions: run.stats.assertions.total, failures: run.stats.assertions.failed, items: [...new Set(run.executions.map((e) => e.item.name))].sort() };
  }

  /** The folders run, by profile: none named is the whole collection. */
  const FOLDERS: Readonly<Record<ProfileId, readonly string[]>> = { v3io: ['Setup', 'X-v3io-session-key', 'Teardown'], basic: [] };

  for (const profile of PROFILES) {
    const folders = FOLDERS[profile];
    it(`passes every test of the exported ${profile} collection (${folders.length > 0 ? `folders ${folders.join(', ')}` : 'every folder'}) under the plain newman CLI`, async () => {
      const collection = JSON.parse(readFileSync(join(packageRoot(), PROFILE_PATHS[profile].collection), 'utf8')) as { item: { name: string; item: { name: string }[] }[] };
      const chosen = folders.length > 0 ? collection.item.filter((folder) => folders.includes(folder.name)) : collection.item;
      if (folders.length > 0) expect(chosen.map((folder) => folder.name), 'the folders, in the collection').to.deep.equal(folders);
      const { code, assertions, failures, items } = await plainNewman(PROFILE_PATHS[profile], folders);
      expect(items, 'every request of the folders run').to.deep.equal(chosen.flatMap((folder) => folder.item.map((item) => item.name)).sort());
      expect(failures).to.equal(0);
      expect(assertions).to.be.greaterThan(50);
      expect(code).to.equal(0);
    });
  }
});
