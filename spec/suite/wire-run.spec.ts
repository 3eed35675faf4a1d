/**
 * The wire cases in a run: against `serve` they are sent over raw sockets and pass, in the same
 * report as the newman cases; against the embedded reference they are skipped with the reason;
 * and broken servers built on raw sockets are caught — a MUST deviation fails the run (exit 1), a
 * SHOULD deviation under --strict. The whole-suite runs are those shared with other tests
 * (support/shared-runs.ts); the selections run in the test process.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRequestCase, isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { BROKEN_WIRE_SERVERS, startBrokenWireServer } from '../broken/wire-servers.js';
import { failedIds, readReport } from '../support/report.js';
import { reportOf, runInProcess } from '../support/in-process-run.js';
import { embeddedCliRun, servedReferenceRun } from '../support/shared-runs.js';

const WIRE_IDS = CATALOGUE.filter(isWireCase).map((c) => c.id);
const WIRE_CASES = new Map(CATALOGUE.filter(isWireCase).map((c) => [c.id, c]));

describe('wire cases in a run', function () {
  this.timeout(180_000);

  describe('against serve', () => {
    it('sends each wire case over a raw socket and passes it, in one report with the newman cases', async () => {
      const { run } = await servedReferenceRun();
      expect(run.code, run.stdout + (run.error?.message ?? '')).to.equal(0);
      const report = reportOf(run);
      expect(report.verdict).to.equal('conformant');
      const ids = report.cases.map((c) => c.id);
      expect(ids.filter((id) => WIRE_IDS.includes(id))).to.deep.equal(WIRE_IDS);
      expect(ids).to.include('session-key-valid-get-object');
      for (const c of report.cases.filter((r) => WIRE_IDS.includes(r.id))) {
        expect(c.outcome, `${c.id}: ${JSON.stringify(c.checks)}`).to.equal('pass');
        // Rejected, but for the cases that send a valid request (an absolute-form target, a valid request after a rejected one).
        const [low, high] = c.expected.outcome === 'accept' ? [200, 299] : [400, 499];
        expect(c.actual && 'status' in c.actual ? c.actual.status : c.actual, c.id).to.be.within(low, high);
        // Every request line carries its Host, but for the cases whose bytes leave it out (HTTP/1.0 without Host).
        const sendsHost = WIRE_CASES.get(c.id)?.wire.parts.some((part) => part.kind === 'header' && part.name.toLowerCase() === 'host');
        expect(c.request?.headers?.some(([name]) => name === 'Host'), c.id).to.equal(sendsHost);
      }
      // The report shows each header line as sent, escaped, with the secrets as placeholders.
      const nul = report.cases.find((c) => c.id === 'session-key-wire-nul-after-key');
      expect(nul?.request?.headers).to.deep.include(['X-v3io-session-key', '{{accessKey}}\\x00junk']);
      const secrets = Object.values(REFERENCE_IDENTITIES).flatMap((i) => [i.accessKey, i.password, Buffer.from(`${i.username}:${i.password}`).toString('base64')]);
      for (const file of ['conformance.json', 'junit.xml', 'conformance.html', 'conformance.md']) {
        const text = readFileSync(join(run.out, file), 'utf8');
        for (const secret of secrets) expect(text.includes(secret), `a secret in ${file}`).to.equal(false);
      }
    });

    it('respects the selection: --level must sends only the MUST wire cases', async () => {
      const server = await startReferenceServer({ port: 0 });
      try {
        const run = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, selection: { grep: /-wire-/i, level: 'must' }, reporters: ['json'], engine: 'native' });
        expect(run.code, run.stdout + (run.error?.message ?? '')).to.equal(0);
        const expected = CATALOGUE.filter((c) => isWireCase(c) && c.level === 'must').map((c) => c.id);
        expect(reportOf(run).cases.map((c) => c.id)).to.deep.equal(expected);
      } finally {
        await server.close();
      }
    });
  });

  it('judges every wire case against the embedded reference, served on a loopback port for them', async () => {
    const { result, out } = await embeddedCliRun();
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    const report = readReport(out);
    const wire = report.cases.filter((c) => WIRE_IDS.includes(c.id));
    expect(wire.map((c) => c.id)).to.deep.equal(WIRE_IDS);
    expect(wire.map((c) => c.outcome)).to.deep.equal(WIRE_IDS.map(() => 'pass'));
    expect(report.cases.find((c) => c.id === 'basic-valid-get-object')?.outcome).to.equal('pass');
    expect(result.stdout).to.match(new RegExp(`Verdict: CONFORMANT — ${CATALOGUE.filter(isRequestCase).length} passed, 0 failed, 0 inconclusive, 0 skipped`));
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).not.to.contain('<skipped');
  });

  describe('deliberately broken servers built on raw sockets are caught', () => {
    for (const variant of BROKEN_WIRE_SERVERS) {
      it(`${variant.id}: ${variant.deviation} (${variant.level.toUpperCase()})`, async () => {
        const backend = await startReferenceServer({ port: 0 });
        const fronts: { close(): Promise<void> }[] = [];
        const run = async (strict: boolean) => {
          const front = await startBrokenWireServer(variant, backend.url);
          fronts.push(front);
          const selection = { grep: new RegExp(variant.grep, 'i') };
          return runInProcess({ target: front.url, envFile: GENERATED_PATHS.referenceEnvironment, selection, timeoutMs: 3000, strict, engine: 'native' });
        };
        try {
          const result = await run(false);
          const report = reportOf(result);
          expect(failedIds(report), result.stdout).to.include.members([...variant.caughtBy]);
          if (variant.level === 'must') {
            expect(result.code, result.stdout + (result.error?.message ?? '')).to.equal(1);
            expect(report.verdict).to.equal('non-conformant');
            expect(result.stdout).to.contain('Verdict: NOT CONFORMANT');
          } else {
            // No MUST failure; the fronts close every connection, so the connection-reuse cases they
            // are sent are inconclusive (never reused) and the run may end without a verdict (exit 2).
            expect(result.code, result.stdout + (result.error?.message ?? '')).to.be.oneOf([0, 2]);
            expect(report.summary.failingCases.must, result.stdout).to.equal(0);
            expect(report.summary.failingCases.should).to.be.greaterThan(0);
            const strict = await run(true);
            expect(strict.code, strict.stdout).to.equal(1);
          }
        } finally {
          for (const front of fronts) await front.close();
          await backend.close();
        }
      });
    }
  });
});
