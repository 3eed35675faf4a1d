/**
 * The two engines give the same verdict: the newman engine (the harness collection, no scripts)
 * and the native engine, each at its default concurrency and one case at a time, against a fresh
 * served instance of the reference (the whole catalogue but most of the bypass toolbox, see
 * REFERENCE_CASES), of every broken server
 * (spec/broken/variants.ts, with the cases that catch it, and wire-servers.ts with the wire cases)
 * and of the judge's own servers; and with `--profile basic` against the real nginx and Apache
 * httpd of spec/support/basic-servers.ts. For every case: the same outcome, the same checks (id,
 * name, level, passed) and the same checks that could not be made. Both engines run in-process,
 * on a real socket.
 */
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { isHttpCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { operationOf, profileNamed } from '../../src/cases/profiles.js';
import { packageRoot, PROFILE_PATHS } from '../../src/package-info.js';
import { fixturesOf } from '../../src/run/case-groups.js';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { startReferenceServer } from '../../src/reference/server.js';
import type { RunReport } from '../../src/report/run-report.js';
import { runConformance, type ConformanceRunOptions as RunOptions } from '../../src/commands/conformance-run.js';
import { DEFAULT_CONCURRENCY, type EngineName } from '../../src/run/run-suite.js';
import { otherBodiesSdkReads, streamDeletionFails } from '../broken/judge-servers.js';
import { BROKEN_VARIANTS } from '../broken/variants.js';
import { BASIC_SERVER_ENV_VARS, startBasicServer, unavailableReason, type BasicServerName } from '../support/basic-servers.js';
import { tempDir } from '../support/cli.js';
import { withToolboxSample } from '../support/toolbox-sample.js';

interface Server {
  readonly id: string;
  readonly reference: () => Reference;
  readonly grep?: RegExp;
}

const exactly = (ids: readonly string[]): RegExp => new RegExp(`^(${ids.join('|')})$`);

/**
 * The reference's cases: the catalogue with a sample of the bypass toolbox (support/toolbox-sample.ts).
 * Whichever the engine, the wire runner sends the raw-socket cases after the HTTP cases, with the
 * engine's concurrency: the sample shows that; all of them would only compare that runner with itself.
 */
const REFERENCE_CASES = exactly(withToolboxSample(CATALOGUE));

const SERVERS: readonly Server[] = [
  { id: 'reference', reference: () => createReference(), grep: REFERENCE_CASES },
  ...BROKEN_VARIANTS.map((variant) => ({ id: variant.id, reference: variant.reference, grep: exactly(variant.caughtBy) })),
  { id: 'stream-deletion-fails', reference: streamDeletionFails, grep: /stream|records|seek/ },
  // Its answers differ from the reference's only for the container listing and GetItems let in.
  { id: 'other-bodies-sdk-reads', reference: otherBodiesSdkReads, grep: exactly(CATALOGUE.filter((c) => c.expect.outcome === 'accept' && isHttpCase(c) && ['list-containers', 'get-items'].includes(c.request.operation)).map((c) => c.id)) },
];

interface EngineRun {
  readonly engine: EngineName;
  readonly concurrency?: number;
}

async function runAgainst(server: Server, run: EngineRun): Promise<RunReport> {
  const served = await startReferenceServer({ port: 0, reference: server.reference(), errorLog: () => {} });
  try {
    return await runSuiteOn({ target: served.url, envFile: join(packageRoot(), PROFILE_PATHS.v3io.referenceEnvironment), ...(server.grep ? { selection: { grep: server.grep } } : {}) }, run);
  } finally {
    await served.close();
  }
}

async function runSuiteOn(target: Pick<RunOptions, 'target' | 'envFile' | 'envVars' | 'profile' | 'selection'>, run: EngineRun): Promise<RunReport> {
  const out = tempDir('v3io-engines-');
  try {
    const outcome = await runConformance({
      ...target,
      processEnv: {},
      outDir: out,
      strict: false,
      timeoutMs: 10_000,
      reporters: [],
      engine: run.engine,
      ...(run.concurrency ? { concurrency: run.concurrency } : {}),
    });
    return outcome.report;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What a verdict is made of, case by case. */
function verdictOf(report: RunReport): Record<string, unknown> {
  return {
    verdict: report.verdict,
    exitCode: report.exitCode,
    setup: report.setup.map((s) => [s.id, s.ok]),
    teardown: report.teardown.map((s) => [s.id, s.ok]),
    cases: Object.fromEntries(
      report.cases.map((c) => [
        c.id,
        {
          outcome: c.outcome,
          failedLevel: c.failedLevel,
          checks: c.checks.map((k) => `${k.id} ${k.level} ${k.name} => ${k.passed ? 'passed' : 'failed'}`).sort(),
          inconclusive: (c.inconclusiveChecks ?? []).map((k) => `${k.id} ${k.level}`).sort(),
        },
      ]),
    ),
  };
}

describe('the newman and native engines give the same verdicts', function () {
  this.timeout(900_000);

  for (const server of SERVERS) {
    it(`${server.id}: the same outcome and checks for every case`, async () => {
      const newman = verdictOf(await runAgainst(server, { engine: 'newman' }));
      const native = verdictOf(await runAgainst(server, { engine: 'native' }));
      expect(Object.keys(newman.cases as object).length, 'cases compared').to.be.greaterThan(0);
      expect(native, `${server.id}: native (concurrency ${DEFAULT_CONCURRENCY}) vs newman`).to.deep.equal(newman);
    });
  }

  // Only cases that share state can see another's effects: newman, whose sequential run of the
  // whole catalogue takes seconds, is compared on those; the native engine on the reference's cases.
  const profile = profileNamed('v3io');
  const sharingState = CATALOGUE.filter(isHttpCase).filter((c) => fixturesOf(operationOf(profile, c)).size > 0).map((c) => c.id);

  for (const engine of ['native', 'newman'] as const) {
    const cases = engine === 'native' ? 'its cases' : `the ${sharingState.length} cases that share state`;
    it(`the ${engine} engine one case at a time gives the verdicts of its default concurrency (reference: ${cases}; a server that writes before authenticating)`, async () => {
      expect(sharingState.length, 'cases that share state').to.be.greaterThan(20);
      const servers = SERVERS.filter((s) => s.id === 'reference' || s.id === 'writes-before-authenticating').map((s) =>
        engine === 'newman' && s.id === 'reference' ? { ...s, grep: exactly(sharingState) } : s,
      );
      for (const server of servers) {
        const sequential = verdictOf(await runAgainst(server, { engine, concurrency: 1 }));
        const parallel = verdictOf(await runAgainst(server, { engine, concurrency: engine === 'native' ? 16 : DEFAULT_CONCURRENCY }));
        expect(Object.keys(sequential.cases as object).length, 'cases compared').to.be.greaterThan(0);
        expect(parallel, `${engine} ${server.id}`).to.deep.equal(sequential);
      }
    });
  }


  for (const name of ['nginx', 'apache'] as const satisfies readonly BasicServerName[]) {
    const reason = unavailableReason(name);
    if (reason) {
      it(`${name} (--profile basic): is skipped: ${reason}`, function () {
        this.skip();
      });
      continue;
    }
    it(`${name} (--profile basic): the same outcome and checks for every case`, async () => {
      const server = await startBasicServer(name);
      try {
        const target = { profile: 'basic' as const, target: `${server.baseUrl}${server.protectedPath}`, envVars: BASIC_SERVER_ENV_VARS };
        // Apache runs with -X, one connection at a time: more in flight would wait for its keep-alive timeout.
        const concurrency = name === 'apache' ? 1 : undefined;
        const newman = verdictOf(await runSuiteOn(target, { engine: 'newman', ...(concurrency ? { concurrency } : {}) }));
        const native = verdictOf(await runSuiteOn(target, { engine: 'native', ...(concurrency ? { concurrency } : {}) }));
        const judged = Object.values(newman.cases as Record<string, { outcome: string }>).filter((c) => c.outcome !== 'skip');
        expect(judged.length, 'cases judged').to.be.greaterThan(20);
        expect(native, `${name}: native vs newman`).to.deep.equal(newman);
      } finally {
        await server.stop();
      }
    });
  }
});
