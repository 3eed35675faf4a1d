/**
 * A target that dies mid-run: after a few requests in a row without an answer, and a new
 * connection that gets none either, the run stops waiting. Exit 2, one line saying after which
 * case and when the target went away, partial reports in which the cases not judged are
 * `inconclusive` (never MUST failures), and all of it in seconds, not a timeout per case.
 */
import { expect } from 'chai';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReference } from '../../src/reference/handler.js';
import { runCli, tempDir } from '../support/cli.js';
import { listenOnLoopback, type TestServer } from '../support/loopback.js';
import { readReport } from '../support/report.js';
import { sdkEnvironment } from '../support/served-target.js';

/** The reference over HTTP for `answered` requests; then it closes its listener (`refuse`) or goes silent. */
async function startDyingServer(answered: number, how: 'refuse' | 'silent'): Promise<TestServer> {
  const reference = createReference();
  let count = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      count += 1;
      if (count > answered) {
        if (how === 'refuse') {
          server.close();
          server.closeAllConnections();
        }
        return;
      }
      const response = reference.handle({ method: req.method ?? 'GET', url: req.url ?? '/', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    });
  });
  return listenOnLoopback(server);
}

describe('a target that dies mid-run', function () {
  this.timeout(120_000);

  for (const how of ['refuse', 'silent'] as const) {
    it(`${how === 'refuse' ? 'closes its listener' : 'stops answering'}: exit 2 in seconds, one line naming the last case answered, partial reports with the rest not sent and inconclusive`, async () => {
      const server = await startDyingServer(30, how);
      try {
        const out = tempDir(`v3io-gone-${how}-`);
        const result = await runCli(['run', '--form', 'session-key', '--timeout', '700', '--out', out, '--no-color', '--quiet'], { env: sdkEnvironment(server.url) });
        expect(result.code, result.stdout + result.stderr).to.equal(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines, result.stderr).to.have.length(1);
        expect(lines[0], lines[0]).to.match(
          /^v3io-auth-conformance: the target stopped answering after case \S+ at \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+ requests in a row got no answer, nor did a new connection\): no verdict; .*partial reports in \S+$/,
        );
        const report = readReport(out);
        expect(report.verdict, 'could not judge').to.equal('inconclusive');
        expect(report.exitCode).to.equal(2);
        const outcomes = new Set(report.cases.map((c) => c.outcome));
        expect([...outcomes]).to.include.members(['pass', 'inconclusive']);
        expect(report.cases.filter((c) => c.outcome === 'fail'), 'no case is charged to the server for the target going away').to.deep.equal([]);
        const inconclusive = report.cases.filter((c) => c.outcome === 'inconclusive');
        expect(inconclusive.length).to.be.greaterThan(10);
        // Not sent, rather than each waited on for its timeout: the run stopped at once.
        for (const c of inconclusive) expect(c.reason).to.match(/^not judged: the target stopped answering after case /);
        expect(report.warnings[0]).to.match(/^partial report: the run stopped \(the target stopped answering/);
      } finally {
        await server.close();
      }
    });
  }
});
