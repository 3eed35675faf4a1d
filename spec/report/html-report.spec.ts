/** conformance.html as text: self-contained, escaped, every failure with its facts (the browser test checks what a person sees). */
import { expect } from 'chai';
import { renderHtml } from '../../src/report/html-report.js';
import { escapeHtml, html } from '../../src/report/html-template.js';
import { ALL_SAMPLE_CASES, HOSTILE, INCONCLUSIVE, PASSED, sampleReport } from '../support/sample-report.js';

describe('HTML report', () => {
  const page = renderHtml(sampleReport(ALL_SAMPLE_CASES));

  it('escapes every interpolated value unless it is markup made by the template', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', html`<br>`]}</p>`.markup).to.equal('<p><b>&lt;i&gt;</b>&lt;<br></p>');
  });

  it('is self-contained: no external script, style sheet, image or font, and a policy that forbids fetching', () => {
    expect(page).not.to.match(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(page).not.to.match(/url\(/i);
    expect(page).to.match(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+; script-src &#39;sha256-/);
    expect(page.match(/<script>/g)).to.have.length(1);
  });

  it('quotes a hostile response only as escaped text', () => {
    expect(HOSTILE).to.contain('<script>');
    expect(page).not.to.contain('<script>window.__pwned');
    expect(page).not.to.contain('<img src=x');
    expect(page).to.contain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
  });

  it('shows the verdict, the counts by level and the matrix', () => {
    expect(page).to.contain('<p id="verdict" class="verdict verdict-error">Verdict: NO VERDICT (run error)</p>');
    expect(page).to.contain('<tr><th>level</th><th class="num">failing (strongest failed check)</th><th class="num">passed</th><th class="num">inconclusive</th><th class="num">skipped</th><th class="num">errors</th></tr>');
    expect(page).to.match(/<tr><th>MUST<\/th><td class="num" title="cases failing a MUST check">1<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td><\/tr>/);
    expect(page).to.match(/<tr><th>SHOULD<\/th><td class="num" title="cases failing only a SHOULD check">1<\/td>/);
    expect(page).to.contain('cases failing a MUST check: 1; cases failing only a SHOULD check: 1');
    expect(page).to.contain('<td class="state-fail-must" data-form="session-key" data-family="unknown-credential"');
    expect(page).to.contain('<td class="state-fail-should" data-form="basic" data-family="strict-base64"');
  });

  it('gives each case the data the filters use, failures open', () => {
    expect(page).to.contain('<article class="case state-fail-must" id="case-session-key-unknown-key" data-level="must" data-form="session-key" data-outcome="fail">\n<details open>');
    expect(page).to.contain('id="case-basic-token-unpadded" data-level="should" data-form="basic" data-outcome="fail"');
    expect(page).to.contain('id="case-basic-valid-get-object" data-level="must" data-form="basic" data-outcome="pass">\n<details>');
    expect(page).to.contain('<option value="problems" selected>failed, inconclusive or error</option>');
    expect(page).to.contain('<option value="inconclusive">inconclusive</option>');
    expect(page).to.contain('<article class="case state-inconclusive" id="case-cross-unknown-key-put-object" data-level="must" data-form="cross-cutting" data-outcome="inconclusive">\n<details open>');
  });

  it('shows an inconclusive case in its own colour and label, with its reason, and an inconclusive verdict with the reasons', () => {
    expect(page).to.contain('<td class="state-inconclusive" data-form="cross-cutting" data-family="every-operation" title="Cross-cutting / every-operation: could not judge">0/1</td>');
    expect(page).to.contain('<span class="badge state-inconclusive">could not judge</span><code>cross-unknown-key-put-object</code> rejects PUT object with an unknown access key — a MUST case that could not be judged: no verdict without it');
    expect(page).to.contain('<dt>reason</dt><dd>could not arrange the scratch object: Expected 2xx, got 400 for PUT /bigdata/x/scratch.txt &lt;script&gt;');
    const inconclusive = renderHtml(sampleReport([PASSED, INCONCLUSIVE]));
    expect(inconclusive).to.contain('<p id="verdict" class="verdict verdict-inconclusive">Verdict: INCONCLUSIVE (cases the harness could not judge)</p>');
    expect(inconclusive).to.contain('<p id="no-verdict-why" class="counts">1 MUST case could not be judged (cross-unknown-key-put-object: could not arrange the scratch object: Expected 2xx, got 400');
    expect(inconclusive).to.contain('1 passed, 0 failed, 1 inconclusive, 0 skipped, 0 errors');
    expect(inconclusive).to.match(/\.verdict-inconclusive \{ background: #[0-9a-f]{6}; color: #[0-9a-f]{6}; \}/);
    expect(inconclusive).to.match(/\.badge\.state-inconclusive \{ background: #[0-9a-f]{6}/);
  });

  it('renders sources as links: RFC sections, the seed page anchors, OWASP cheat sheets', () => {
    expect(page).to.contain('<a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2" rel="noreferrer">RFC 9110 §15.5.2</a>');
    expect(page).to.match(/<a href="https:\/\/www\.iguazio\.com\/docs\/[^"]+#custom-access-key-header-auth" rel="noreferrer">seed §X-v3io-session-key Authentication<\/a>/);
    expect(page).to.contain('href="https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html"');
  });

  it('shows the request lines and expected vs actual', () => {
    expect(page).to.contain('<pre class="request">GET /bigdata/v3io-auth-conformance/fixture.txt\nX-v3io-session-key: 00000000-0000-4000-8000-000000000000\n');
    expect(page).to.contain('<dd class="expected">unauthenticated (401)</dd>');
    expect(page).to.contain('<dd class="actual">200 OK</dd>');
    expect(page).to.contain('<code>session-key-unknown-key</code> rejects an unknown access key — failing a MUST check, fails the run</summary>');
    expect(page).to.contain('<dt>failed</dt><dd>failing only a SHOULD check</dd>');
  });
});
