/**
 * A 64 KiB credential against a server that reads it (Go's net/http, Caddy and h2o take a header
 * section of 1 MiB): the value names no identity, and the answer is 401 with a challenge. RFC 9110
 * §5.4 sets no limit, so that is as conformant as 431 or 400 from a server whose parser stops
 * sooner — as the size ladder already accepts 401 up to 32 KiB.
 */
import { expect } from 'chai';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { authenticate, type AuthFn } from '../../src/reference/auth.js';
import { createReference } from '../../src/reference/handler.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from '../support/in-process-run.js';

/** The reference's authentication without its 16 KiB limit: a long value is read, and matches no identity. */
const readsAnySize: AuthFn = (request, directory) => {
  const decision = authenticate(request, directory);
  return decision.kind === 'rejected' && decision.status === 431 ? { kind: 'rejected', status: 401, reason: 'no identity has this credential' } : decision;
};

describe('a 64 KiB credential read and refused with 401', function () {
  this.timeout(60_000);
  let server: ReferenceServer;
  let run: InProcessRun;

  before(async () => {
    server = await startReferenceServer({ port: 0, reference: createReference({ authenticate: readsAnySize }), errorLog: () => {} });
    run = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, selection: { grep: /^cross-huge-/ }, reporters: ['json'], quiet: true });
  });
  after(async () => {
    await server.close();
    removeReports(run);
  });

  it('passes every 64 KiB case, the exact status included', () => {
    const report = reportOf(run);
    const results = report.cases.map((c) => [c.id, c.outcome, c.actual && 'status' in c.actual ? c.actual.status : undefined]);
    expect(results).to.deep.equal([
      ['cross-huge-session-key', 'pass', 401],
      ['cross-huge-basic-token', 'pass', 401],
      ['cross-huge-sigv4-credential', 'pass', 401],
    ]);
    expect([report.verdict, run.code]).to.deep.equal(['conformant', 0]);
  });
});
