/**
 * The suite's power: deliberately broken servers, served over real HTTP, must be caught — a MUST
 * deviation fails the run (exit 1), a SHOULD deviation is reported and fails it under --strict.
 */
import { expect } from 'chai';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { BROKEN_VARIANTS } from '../broken/variants.js';
import { runCli, tempDir } from '../support/cli.js';
import { failedIds, readReport } from '../support/report.js';

describe('deliberately broken servers are caught', function () {
  this.timeout(120_000);

  for (const variant of BROKEN_VARIANTS) {
    it(`${variant.id}: ${variant.deviation} (${variant.level.toUpperCase()})`, async () => {
      const server = await startReferenceServer({ port: 0, reference: variant.reference() });
      try {
        const out = tempDir(`v3io-broken-${variant.id}-`);
        const args = ['run', '--target', server.url, '--env', GENERATED_PATHS.referenceEnvironment, '--out', out];
        const result = await runCli(args);
        const report = readReport(out);
        expect(failedIds(report)).to.include.members([...variant.caughtBy]);
        if (variant.level === 'must') {
          expect(result.code, result.stdout).to.equal(1);
          expect(report.verdict).to.equal('non-conformant');
          expect(result.stdout).to.contain('Verdict: NOT CONFORMANT');
        } else {
          expect(result.code, result.stdout).to.equal(0);
          expect(report.summary.failedChecks.should).to.be.greaterThan(0);
          const strict = await runCli([...args, '--strict', '--out', tempDir('v3io-strict-')]);
          expect(strict.code, strict.stdout).to.equal(1);
        }
      } finally {
        await server.close();
      }
    });
  }
});
