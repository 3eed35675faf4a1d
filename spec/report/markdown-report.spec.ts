/** conformance.md: the matrix and failures as GitHub-flavoured Markdown, with run text kept as text. */
import { expect } from 'chai';
import { codeBlock, escapeMarkdown, MARKDOWN_BUDGET, renderMarkdown } from '../../src/report/markdown-report.js';
import type { CaseResult } from '../../src/run/results.js';
import { ALL_SAMPLE_CASES, HOSTILE, INCONCLUSIVE, MUST_FAILURE, PASSED, sampleReport } from '../support/sample-report.js';

/** The rows of the Markdown table that starts with this header cell. */
function tableRows(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${firstHeader} |`));
  const rows: string[][] = [];
  // Cells split on pipes not escaped with a backslash, as GFM does.
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

describe('Markdown report', () => {
  it('starts with the verdict and the counts', () => {
    const md = renderMarkdown(sampleReport(ALL_SAMPLE_CASES));
    expect(md.split('\n')[0]).to.equal('## 💥 V3IO authentication conformance: NO VERDICT (run error)');
    const conformant = renderMarkdown(sampleReport([PASSED]));
    expect(conformant.split('\n')[0]).to.equal('## ✅ V3IO authentication conformance: CONFORMANT');
    expect(conformant).to.contain('1 passed, 0 failed, 0 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 0; cases failing only a SHOULD check: 0');
    expect(conformant).to.contain('No failures.');
  });

  it('heads every column of the counts by level: the failing cases by their strongest failed check, the other outcomes', () => {
    const md = renderMarkdown(sampleReport(ALL_SAMPLE_CASES));
    const header = md.split('\n').find((l) => l.startsWith('| level |')) ?? '';
    expect(header).to.equal('| level | failing (strongest failed check) | passed | inconclusive | skipped | errors |');
    // The SHOULD failure of a MUST case is counted under SHOULD, not beside the case's MUST.
    expect(tableRows(md, 'level').map((r) => r.slice(0, 2))).to.deep.equal([['MUST', '1'], ['SHOULD', '1'], ['MAY', '0']]);
    const width = header.split('|').length;
    for (const row of tableRows(md, 'level')) expect(row.length + 2, row.join(' | ')).to.equal(width);
  });

  it('names the basic profile in its heading and its target line', () => {
    const base = sampleReport([PASSED]);
    const md = renderMarkdown({ ...base, target: { ...base.target, profile: 'basic' } });
    expect(md.split('\n')[0]).to.equal('## ✅ Basic authentication conformance: CONFORMANT');
    expect(md).to.contain('target http://127.0.0.1:8081, basic profile');
  });

  it('has a matrix with families as rows and the forms present as columns, marked by worst outcome', () => {
    const md = renderMarkdown(sampleReport(ALL_SAMPLE_CASES));
    expect(md).to.contain('| family | X-v3io-session-key | Basic | Cross-cutting |');
    const rows = tableRows(md, 'family');
    expect(rows.map((r) => r[0])).to.deep.equal(['unknown-credential', 'strict-base64', 'valid', 'password-content', 'size', 'every-operation']);
    expect(rows[0]).to.deep.equal(['unknown-credential', '❌ 0/1', '', '']);
    expect(rows[1]).to.deep.equal(['strict-base64', '', '⚠️ 0/1', '']);
    expect(rows[3]).to.deep.equal(['password-content', '', '⏭️ skipped', '']);
    expect(rows[4]).to.deep.equal(['size', '', '', '💥 0/1']);
    expect(rows[5]).to.deep.equal(['every-operation', '', '', '❔ 0/1']);
    expect(md).to.contain('❔ could not judge (inconclusive)');
  });

  it('lists every failure with requirement, linked sources, expected vs actual and the exchange', () => {
    const md = renderMarkdown(sampleReport(ALL_SAMPLE_CASES));
    expect(md).to.contain('### Failures and cases not judged (4)');
    expect(md).to.contain('#### ❌ `session-key-unknown-key` rejects an unknown access key — failing a MUST check, fails the run');
    expect(md).to.contain('#### ⚠️ `basic-token-unpadded` rejects unpadded Base64 — failing only a SHOULD check\n');
    expect(md).to.contain('> An unknown key is rejected as unauthenticated.');
    expect(md).to.contain('[RFC 9110 §15.5.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2)');
    expect(md).to.contain('[OWASP Authentication Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html)');
    expect(md).to.contain('expected unauthenticated (401), actual **200 OK**');
    expect(md).to.contain('X-v3io-session-key: 00000000-0000-4000-8000-000000000000');
  });

  it('counts inconclusive cases by level, and says why an inconclusive run has no verdict', () => {
    const md = renderMarkdown(sampleReport([PASSED, INCONCLUSIVE]));
    expect(md.split('\n')[0]).to.equal('## ❔ V3IO authentication conformance: INCONCLUSIVE (cases the harness could not judge)');
    expect(md).to.contain('**No verdict**: 1 MUST case could not be judged (cross-unknown-key-put-object: could not arrange the scratch object: Expected 2xx, got 400 for PUT /bigdata/x/scratch.txt \\<script\\>');
    expect(md).to.contain('1 passed, 0 failed, 1 inconclusive, 0 skipped, 0 errors');
    expect(tableRows(md, 'level')[0]).to.deep.equal(['MUST', '0', '1', '1', '0', '0']);
    expect(md).to.contain('#### ❔ `cross-unknown-key-put-object` rejects PUT object with an unknown access key — a MUST case that could not be judged: no verdict without it');
    expect(md).to.contain('- could not arrange the scratch object: Expected 2xx, got 400');
  });

  it('keeps hostile text as text: no raw HTML, no link, no split cell, no broken fence', () => {
    const md = renderMarkdown(sampleReport(ALL_SAMPLE_CASES));
    const outsideCode = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(outsideCode).not.to.match(/(^|[^\\])<script>/);
    expect(outsideCode).not.to.match(/(^|[^\\])<img/);
    expect(outsideCode).not.to.match(/[^\\]\[link\]\(javascript/);
    expect(outsideCode).to.contain('\\<script\\>');
    // The hostile body holds ``` itself: the fence around it must be longer.
    expect(md).to.contain('````text\n200 OK');
  });

  it('escapes table pipes and folds line breaks in cells', () => {
    expect(escapeMarkdown('a|b\nc')).to.equal('a\\|b c');
    const piped: CaseResult = { ...PASSED, family: 'fam|ily' };
    const rows = tableRows(renderMarkdown(sampleReport([piped])), 'family');
    expect(rows).to.deep.equal([['fam\\|ily', '✅ 1/1']]);
  });

  it('fences code with more backticks than it contains', () => {
    expect(codeBlock('plain')).to.equal('```text\nplain\n```');
    expect(codeBlock('a ```` b')).to.equal('`````text\na ```` b\n`````');
  });

  it('stays under a pull-request comment\'s size, saying how many failures it left out', () => {
    const many = Array.from({ length: 400 }, (_, i): CaseResult => ({ ...MUST_FAILURE, id: `session-key-unknown-key-${i}` }));
    const md = renderMarkdown(sampleReport(many));
    expect(md.length).to.be.lessThan(MARKDOWN_BUDGET);
    expect(md).to.match(/… and \d+ more failures, not shown to keep this summary short: see conformance\.html or conformance\.json\./);
  });
});
