/**
 * `run --profile basic` against real Basic-authentication servers nobody on this team wrote:
 * Debian's nginx (auth_basic) and Apache httpd (mod_auth_basic), started by the test on loopback
 * ports (spec/support/basic-servers.ts; .ci/run installs the packages).
 *
 * Expected: no MUST failure. Where a server genuinely deviates from an RFC requirement the case
 * stays as it is and the finding is kept here as a known deviation, with its evidence, which the
 * test reproduces over a raw socket: when a new version of the server fixes it, the test says so.
 * The README's interoperability table shows these runs; a test keeps its numbers true.
 */
import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';
import type { RunReport } from '../../src/report/run-report.js';
import { exchangeBytes, hostOf } from '../../src/wire/socket-exchange.js';
import { BASIC_SERVER_IDENTITIES, serverVersion, startBasicServer, unavailableReason, type BasicServer, type BasicServerName } from '../support/basic-servers.js';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { readReport } from '../support/report.js';

/** A case a real server fails at MUST level although the case is right, and why. */
interface KnownDeviation {
  readonly caseId: string;
  /** The requirement the server does not meet, with its source. */
  readonly requirement: string;
  /** What the server does instead, as observed. */
  readonly evidence: string;
  /** Shows the behaviour again on the running server (assertions that fail once it is fixed). */
  readonly reproduce: (server: BasicServer) => Promise<void>;
}

const MAIN_TOKEN = Buffer.from(`${BASIC_SERVER_IDENTITIES.main.username}:${BASIC_SERVER_IDENTITIES.main.password}`, 'utf8').toString('base64');

/** The status a raw request with this Authorization value gets. */
async function statusFor(server: BasicServer, authorization: string): Promise<number | string> {
  const head = `GET ${server.protectedPath} HTTP/1.1\r\nHost: ${hostOf(server.baseUrl)}\r\nAuthorization:${authorization}\r\nConnection: close\r\n\r\n`;
  const outcome = await exchangeBytes({ baseUrl: server.baseUrl, timeoutMs: 5_000 }, Buffer.from(head, 'latin1'));
  return outcome.kind === 'response' ? outcome.response.status : outcome.kind;
}

const KNOWN_DEVIATIONS: Readonly<Record<BasicServerName, readonly KnownDeviation[]>> = {
  nginx: [
    {
      caseId: 'basic-value-surrounded-by-whitespace',
      requirement:
        'RFC 9110 §5.5 and RFC 9112 §5.1: OWS (SP or HTAB) before and after a field value is not part of it and is excluded by parsers',
      evidence:
        'nginx skips only SP around a header value: an HTAB before or after "Basic <token>" stays in the value, which then does not start with "Basic ", and the valid credentials get 401; the same value between spaces gets 200',
      reproduce: async (server) => {
        expect(await statusFor(server, ` Basic ${MAIN_TOKEN} `), 'between spaces').to.equal(200);
        expect(await statusFor(server, `\tBasic ${MAIN_TOKEN}`), 'after a leading HTAB').to.equal(401);
        expect(await statusFor(server, ` Basic ${MAIN_TOKEN}\t`), 'before a trailing HTAB').to.equal(401);
      },
    },
  ],
  apache: [],
};

/** The variables of the run: the main, colon-password and UTF-8 users of the server's htpasswd file. */
const CREDENTIALS = [
  ['username', BASIC_SERVER_IDENTITIES.main.username],
  ['password', BASIC_SERVER_IDENTITIES.main.password],
  ['colonUsername', BASIC_SERVER_IDENTITIES.colonPassword.username],
  ['colonPassword', BASIC_SERVER_IDENTITIES.colonPassword.password],
  ['utf8Username', BASIC_SERVER_IDENTITIES.utf8.username],
  ['utf8Password', BASIC_SERVER_IDENTITIES.utf8.password],
] as const;

/** The README row's numbers: cases judged, cases failing a MUST check, cases failing a SHOULD check (and no MUST one). */
function tableCells(report: RunReport): string {
  const judged = report.cases.filter((c) => c.outcome !== 'skip').length;
  return `| ${judged} | ${report.summary.failedChecks.must} | ${report.summary.failedChecks.should} |`;
}

/** The README's interoperability table row of a server, by its first cell. */
function readmeRow(label: string): string | undefined {
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  const table = /<!-- interop-table:start -->\n([\s\S]*?)\n<!-- interop-table:end -->/.exec(readme)?.[1] ?? '';
  return table.split('\n').find((line) => line.startsWith(`| ${label} |`));
}

const LABELS: Readonly<Record<BasicServerName, string>> = { nginx: 'nginx (`auth_basic`)', apache: 'Apache httpd (`mod_auth_basic`)' };

for (const name of ['nginx', 'apache'] as const) {
  describe(`run --profile basic against ${LABELS[name]}`, function () {
    this.timeout(180_000);
    const reason = unavailableReason(name);
    if (reason) {
      it(`is skipped: ${reason}`, function () {
        this.skip();
      });
      return;
    }

    let server: BasicServer;
    let result: CliResult;
    let report: RunReport;
    let out: string;
    before(async () => {
      server = await startBasicServer(name);
      out = tempDir(`v3io-interop-${name}-`);
      const variables = CREDENTIALS.flatMap(([variable, value]) => ['--env-var', `${variable}=${value}`]);
      result = await runCli(['run', '--profile', 'basic', '--target', `${server.baseUrl}${server.protectedPath}`, ...variables, '--out', out, '--reporter', 'json', '--quiet']);
      report = readReport(out);
    });
    after(async () => {
      await server?.stop();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    it('judges every case of the profile, none skipped and none in error', () => {
      expect(report.target.profile).to.equal('basic');
      const notJudged = report.cases.filter((c) => c.outcome === 'skip' || c.outcome === 'error').map((c) => `${c.id}: ${c.reason ?? c.outcome}`);
      expect(notJudged).to.deep.equal([]);
    });

    it('accepts the main user, a password with colons and a UTF-8 password (RFC 7617 §2, §2.1)', () => {
      for (const id of ['basic-valid-get-object', 'basic-valid-head-object', 'basic-colon-in-password', 'basic-utf8-password']) {
        expect(report.cases.find((c) => c.id === id)?.outcome, id).to.equal('pass');
      }
    });

    it('fails no MUST beyond its documented known deviations', () => {
      const mustFailures = report.cases.filter((c) => c.failedLevel === 'must').map((c) => c.id);
      expect(mustFailures).to.deep.equal(KNOWN_DEVIATIONS[name].map((d) => d.caseId));
      expect(result.code, result.stderr).to.equal(mustFailures.length > 0 ? 1 : 0);
    });

    for (const deviation of KNOWN_DEVIATIONS[name]) {
      it(`still deviates as documented in ${deviation.caseId}: ${deviation.evidence}`, async () => {
        expect(deviation.requirement).to.match(/RFC \d+/);
        await deviation.reproduce(server);
      });
    }

    it("matches the README's interoperability table (server, version, cases, MUST and SHOULD failures)", () => {
      const row = readmeRow(LABELS[name]);
      expect(row, `no row for ${LABELS[name]} between the interop-table markers`).to.be.a('string');
      // Major and minor version: a Debian security update changes neither the behaviour nor the row.
      const version = /^[^/\s]+\/\d+\.\d+/.exec(serverVersion(name) ?? '')?.[0] ?? name;
      expect(row).to.contain(version);
      expect(row).to.contain(tableCells(report));
      for (const deviation of KNOWN_DEVIATIONS[name]) expect(row).to.contain(`\`${deviation.caseId}\``);
    });
  });
}
