/** Every reporter shows a failure's command to send it again, and the front that answered it. */
import { expect } from 'chai';
import { PLAIN_STYLE, renderCliSummary } from '../../src/report/cli-summary.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderJunit } from '../../src/report/junit-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import type { CaseResult } from '../../src/results/results.js';
import { MUST_FAILURE, SHOULD_FAILURE, sampleReport } from '../support/sample-report.js';

const COMMAND = `curl -sS -i -g --path-as-is -X GET -H 'X-v3io-session-key: '"$V3IO_ACCESS_KEY" http://127.0.0.1:8081/bigdata/x`;
const WITH_COMMAND: CaseResult = { ...MUST_FAILURE, reproduce: COMMAND };
const BY_FRONT: CaseResult = { ...SHOULD_FAILURE, front: { name: 'nginx', evidence: "nginx's own error page", answered: true } };

describe('a failure sent again, a front named, in every report', () => {
  const report = sampleReport([WITH_COMMAND, BY_FRONT]);

  it('the CLI summary: the command under the failure, the front\'s answer in a group of its own', () => {
    const text = renderCliSummary(report, PLAIN_STYLE, []);
    expect(text).to.contain(`      again: ${COMMAND}\n`);
    expect(text).to.contain('Answered by the front nginx, not by the target (1):\n  ! basic-token-unpadded rejects unpadded Base64\n');
    expect(text).to.contain("answered by the front: nginx (nginx's own error page)");
  });

  it('HTML: the command as text, escaped; the front beside the facts', () => {
    const page = renderHtml(report);
    expect(page).to.contain(`<pre class="reproduce">curl -sS -i -g --path-as-is -X GET -H &#39;X-v3io-session-key: &#39;&quot;$V3IO_ACCESS_KEY&quot; http://127.0.0.1:8081/bigdata/x</pre>`);
    expect(page).to.contain('<dt>front</dt><dd class="front">answered by the front: nginx (nginx&#39;s own error page)</dd>');
  });

  it('Markdown: the command in a sh block, the front in bold', () => {
    const md = renderMarkdown(report);
    expect(md).to.contain(`Send it again (secrets from the environment variables):\n\n\`\`\`sh\n${COMMAND}\n\`\`\``);
    expect(md).to.contain("- **answered by the front: nginx (nginx's own error page)**");
  });

  it('JUnit: the command in the failure text; the front\'s answer a note, not a failure', () => {
    const xml = renderJunit(report);
    expect(xml).to.contain(`Send it again (secrets from the environment variables):\n${COMMAND.replace(/'/g, '&apos;').replace(/"/g, '&quot;')}`);
    expect(xml).to.match(/<system-out>answered by the front: nginx \(nginx&apos;s own error page\)/);
  });
});
