/** Naming the front (src/results/fronts.ts): which answers a proxy gave, and what that does to the counts and the verdict. */
import { expect } from 'chai';
import { nameFronts } from '../../src/results/fronts.js';
import type { CaseResult } from '../../src/results/results.js';
import { renderCliSummary, PLAIN_STYLE } from '../../src/report/cli-summary.js';
import { renderJunit } from '../../src/report/junit-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { MUST_FAILURE, PASSED, sampleReport } from '../support/sample-report.js';

const NGINX_400 = '<html>\n<head><title>400 Bad Request</title></head>\n<body>\n<center><h1>400 Bad Request</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>';
const NGINX_401 = '<html>\n<head><title>401 Authorization Required</title></head>\n<body>\n<center><h1>401 Authorization Required</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>';

type Headers = readonly (readonly [string, string])[];

/** A case answered with this status, headers and body; failing at `failed` (or passing). */
function answered(id: string, status: number, headers: Headers, body: string, failed: 'must' | 'should' | null): CaseResult {
  return {
    ...MUST_FAILURE,
    id,
    outcome: failed ? 'fail' : 'pass',
    actual: { status, statusText: '', headers, bodyExcerpt: body },
    checks: failed ? [{ name: 'check', level: failed, passed: false, message: `got ${status}` }] : [{ name: 'check', level: 'must', passed: true }],
    failedLevel: failed,
  };
}

const OWN_OK = answered('own-ok', 200, [['Server', 'v3io-web']], 'hi', null);
const OWN_401 = answered('own-401', 401, [['Server', 'v3io-web']], '{"ErrorCode":-1}', null);

describe('fronts named', () => {
  it("names nginx's own error page as the front's answer, and a 2xx failure as let in through it", () => {
    const results = nameFronts([OWN_OK, OWN_401, answered('page', 400, [['Server', 'v3io-web']], NGINX_400, 'should'), answered('let-in', 200, [['Server', 'v3io-web']], 'ok', 'should')]);
    expect(results.find((r) => r.id === 'page')?.front).to.deep.equal({ name: 'nginx', evidence: "nginx's own error page", answered: true });
    expect(results.find((r) => r.id === 'let-in')?.front).to.include({ name: 'nginx', answered: false });
    expect(results.find((r) => r.id === 'own-ok')?.front).to.equal(undefined);
  });

  it('names no front when the target itself answers with those pages (nginx judged with auth_basic)', () => {
    const own401 = answered('own-401', 401, [['Server', 'nginx/1.22.1']], NGINX_401, null);
    const results = nameFronts([own401, answered('page', 400, [['Server', 'nginx/1.22.1']], NGINX_400, 'should')]);
    expect(results.map((r) => r.front)).to.deep.equal([undefined, undefined]);
  });

  it("names a front by a Via header or a Server other than the target's 2xx answers carry", () => {
    const results = nameFronts([
      OWN_OK,
      answered('via', 502, [['Server', 'v3io-web'], ['Via', '1.1 varnish (Varnish/7.1)']], 'Bad', 'must'),
      answered('server', 503, [['Server', 'awselb/2.0']], '', 'must'),
      answered('same', 500, [['Server', 'v3io-web']], 'oops', 'must'),
    ]);
    expect(results.find((r) => r.id === 'via')?.front).to.include({ name: 'Varnish', answered: true });
    expect(results.find((r) => r.id === 'server')?.front).to.include({ name: 'awselb', answered: true });
    // The target's own 5xx: its failure, nothing to name.
    expect(results.find((r) => r.id === 'same')?.front).to.equal(undefined);
  });

  it("never charges the target with a front's MUST failure: no NOT CONFORMANT, no verdict either (exit 2), the failure listed apart", () => {
    const front502 = nameFronts([OWN_OK, answered('gateway', 502, [['Server', 'v3io-web']], NGINX_400.replace('400 Bad Request', '502 Bad Gateway'), 'must')]);
    const report = sampleReport([PASSED, ...front502]);
    expect(report.summary.failingCases.must).to.equal(0);
    expect(report.summary.answeredByFront.must).to.equal(1);
    expect(report.verdict).to.equal('inconclusive');
    const cli = renderCliSummary(report, PLAIN_STYLE, []);
    expect(cli).to.contain('Answered by the front nginx, not by the target (1):');
    expect(cli).to.contain('answered by the front: nginx (nginx\'s own error page)');
    expect(cli).to.contain('; cases answered by a front (not the target): 1');
    expect(cli).to.match(/^Verdict: INCONCLUSIVE — 1 MUST case could not be judged \(gateway: answered by the front: nginx/m);
    expect(renderJunit(report)).to.contain('type="answered-by-front"');
    expect(renderMarkdown(report)).to.contain('answered by the front nginx, not by the target (failing a MUST check)');
  });

  it('a MUST failure on a 2xx the front let in still decides: NOT CONFORMANT', () => {
    const results = nameFronts([OWN_OK, answered('page', 400, [], NGINX_400, 'should'), answered('let-in', 200, [], 'ok', 'must')]);
    const report = sampleReport(results);
    expect(report.summary.failingCases.must).to.equal(1);
    expect(report.verdict).to.equal('non-conformant');
  });
});
