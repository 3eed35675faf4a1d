/**
 * A report's commands sent again with real curl against the broken servers that made the cases
 * fail: each gets the status the run recorded.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/package-info.js';
import { IDENTITY_ENVIRONMENT } from '../../src/results/reproduce-command.js';
import { BROKEN_SERVERS } from '../broken/all.js';
import { runInProcess } from '../support/in-process-run.js';

const run = promisify(execFile);
const ENV_FILE = join(packageRoot(), 'environments', 'reference.postman_environment.json');
const RUN_PREFIX = 'conformance-reproduce-spec';

/** The reference environment's values by variable name. */
function referenceVariables(): Map<string, string> {
  const file = JSON.parse(readFileSync(ENV_FILE, 'utf8')) as { values: { key: string; value: string }[] };
  return new Map(file.values.map((v) => [v.key, v.value]));
}

describe('reproducing commands against broken servers', function () {
  this.timeout(180_000);
  const variables = referenceVariables();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LC_ALL: 'C.UTF-8',
    ...Object.fromEntries(Object.entries(IDENTITY_ENVIRONMENT).map(([name, envName]) => [envName, variables.get(name)])),
  };

  for (const id of ['lenient-base64', 'key-in-query-string', 'basic-ignores-password']) {
    it(`${id}: each failed case's curl command gets the recorded status again`, async () => {
      const broken = BROKEN_SERVERS.find((b) => b.id === id)!;
      const server = await broken.start();
      try {
        const { report, stdout } = await runInProcess({ target: server.url, envFile: ENV_FILE, envVars: [['runPrefix', RUN_PREFIX]], engine: 'native', reporters: ['json', 'md', 'cli'] });
        const failed = report!.cases.filter((c) => c.outcome === 'fail');
        expect(failed.length).to.be.greaterThan(0);
        for (const c of failed) expect(c.reproduce, c.id).to.be.a('string');
        // The run removed its fixture object at the end: put it back, as `run --only` would.
        const put = await fetch(`${server.url}/bigdata/${RUN_PREFIX}/fixture.txt`, {
          method: 'PUT',
          headers: { 'X-v3io-session-key': variables.get('accessKey') ?? '' },
          body: 'v3io-auth-conformance fixture object',
        });
        expect(put.status).to.be.within(200, 299);
        let sent = 0;
        for (const c of failed.filter((r) => r.reproduce?.startsWith('curl ') && r.request?.path.includes('/fixture.txt'))) {
          const { stdout: answer } = await run('sh', ['-c', c.reproduce!], { env });
          const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(answer)?.[1]);
          const recorded = c.actual && 'status' in c.actual ? c.actual.status : undefined;
          expect(status, `${c.id}: ${c.reproduce}`).to.equal(recorded);
          sent += 1;
        }
        expect(sent).to.be.greaterThan(0);
        // The CLI summary shows each command under its failure.
        expect(stdout).to.contain(`again: ${failed[0]!.reproduce}`);
      } finally {
        await server.close();
      }
    });
  }
});
