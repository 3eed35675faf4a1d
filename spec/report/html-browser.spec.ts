/**
 * conformance.html as a person sees it: opened from disk in headless Chromium (Debian's package,
 * driven by playwright-core). A run against a deliberately broken server must show the verdict
 * and the failure; the filters must hide and show cases; nothing may be fetched; a hostile body
 * must stay text.
 * @see https://playwright.dev/docs/api/class-browsertype#browser-type-launch
 */
import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GENERATED_PATHS } from '../../src/package-info.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { renderHtml } from '../../src/report/html-report.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { BROKEN_VARIANTS } from '../broken/variants.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';
import { tempDir } from '../support/cli.js';
import { runInProcess, type InProcessRun } from '../support/in-process-run.js';
import { ALL_SAMPLE_CASES, INCONCLUSIVE, PASSED, sampleReport } from '../support/sample-report.js';


/** Opens a file, recording every URL the page requests. */
async function open(browser: Browser, path: string): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(pathToFileURL(path).href);
  return { page, requested };
}

describe('HTML report in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let out: string;
  let run: InProcessRun;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      // CI installs it (.ci/run); elsewhere say why the test does not run instead of failing obscurely.
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run should have installed the Debian package chromium`);
      console.log(`      skipping the browser tests: no Chromium at ${CHROMIUM} (install it with: apt-get install chromium)`);
      this.skip();
    }
    const variant = BROKEN_VARIANTS.find((v) => v.id === 'accepts-any-session-key');
    if (!variant) throw new Error('broken variant accepts-any-session-key is gone');
    const server = await startReferenceServer({ port: 0, reference: variant.reference(), errorLog: () => {} });
    try {
      // In the test process: the page is the point here, not the command.
      const selection = { forms: ['session-key' as const, 'basic' as const] };
      run = await runInProcess({ target: server.url, envFile: GENERATED_PATHS.referenceEnvironment, selection, reporters: ['html', 'json'], quiet: true });
      out = run.out;
    } finally {
      await server.close();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the verdict at the top', async () => {
    expect(run.code, run.stdout + (run.error?.message ?? '')).to.equal(1);
    const { page } = await open(browser!, join(out, 'conformance.html'));
    const verdict = page.locator('#verdict');
    expect(await verdict.isVisible()).to.equal(true);
    expect(await verdict.textContent()).to.equal('Verdict: NOT CONFORMANT');
    expect(await page.title()).to.match(/^NOT CONFORMANT/);
    await page.close();
  });

  it('shows the known failure with its requirement, sources, request and expected vs actual', async () => {
    const { page } = await open(browser!, join(out, 'conformance.html'));
    const failure = page.locator('#case-session-key-unknown-key');
    expect(await failure.isVisible()).to.equal(true);
    const text = (await failure.innerText()).replace(/\s+/g, ' ');
    expect(text).to.contain('MUST failed');
    expect(text).to.contain('rejects an unknown access key');
    expect(text).to.match(/expected unauthenticated \(401\)/);
    expect(text).to.match(/actual 200 OK/);
    // A real target's fixtures live in a folder of the run's own (run-prefix.ts).
    expect(text).to.match(/GET \/bigdata\/conformance-\d{8}T\d{6}Z-[0-9a-f]{6}\/fixture\.txt/);
    expect(text).to.contain('X-v3io-session-key: 00000000-0000-4000-8000-000000000000');
    const links = await failure.locator('ul.sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).to.include('https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2');
    expect(links.some((href) => href?.includes('iguazio.com/docs/') && href.endsWith('#custom-access-key-header-auth'))).to.equal(true);
    const cell = page.locator('#matrix td[data-form="session-key"][data-family="unknown-credential"]');
    expect(await cell.getAttribute('class')).to.equal('state-fail-must');
    const page_text = await page.content();
    expect(page_text.includes(REFERENCE_IDENTITIES.main.accessKey), 'the access key leaked').to.equal(false);
    await page.close();
  });

  it('filters by form, level and outcome', async () => {
    const { page } = await open(browser!, join(out, 'conformance.html'));
    const failure = page.locator('#case-session-key-unknown-key');
    const passed = page.locator('#case-basic-valid-get-object');
    expect(await passed.isVisible(), 'passed cases are hidden by default').to.equal(false);
    await page.selectOption('#filter-form', 'basic');
    expect(await failure.isVisible()).to.equal(false);
    await page.selectOption('#filter-outcome', 'pass');
    expect(await passed.isVisible()).to.equal(true);
    await page.selectOption('#filter-form', 'all');
    await page.selectOption('#filter-outcome', 'problems');
    expect(await failure.isVisible()).to.equal(true);
    await page.selectOption('#filter-level', 'should');
    expect(await failure.isVisible(), 'a MUST failure is hidden when only SHOULD is shown').to.equal(false);
    await page.selectOption('#filter-level', 'must');
    expect(await failure.isVisible()).to.equal(true);
    const selected = CATALOGUE.filter((c) => c.form === 'session-key' || c.form === 'basic').length;
    expect(await page.locator('#shown-count').textContent()).to.match(new RegExp(`^\\d+ of ${selected} cases shown$`));
    await page.close();
  });

  it('shows an inconclusive case and verdict apart: its own badge and verdict colour, the reasons, and among the problems', async () => {
    const path = join(tempDir('v3io-html-inconclusive-'), 'conformance.html');
    writeFileSync(path, renderHtml(sampleReport([PASSED, INCONCLUSIVE])));
    const { page } = await open(browser!, path);
    expect(await page.locator('#verdict').textContent()).to.equal('Verdict: INCONCLUSIVE (cases the harness could not judge)');
    expect(await page.locator('#no-verdict-why').textContent()).to.match(/^1 MUST case could not be judged \(cross-unknown-key-put-object: could not arrange the scratch object/);
    // Runs in the page, where getComputedStyle exists (this project's TypeScript has no DOM library).
    type WithStyles = { getComputedStyle(element: unknown): { backgroundColor: string } };
    const colour = (selector: string): Promise<string> => page.locator(selector).evaluate((el) => (globalThis as unknown as WithStyles).getComputedStyle(el).backgroundColor);
    expect(await colour('#verdict')).to.not.equal(await colour('.legend .state-fail-must'));
    const badge = page.locator(`#case-${INCONCLUSIVE.id} .badge`);
    expect(await badge.textContent()).to.equal('could not judge');
    expect(await colour(`#case-${INCONCLUSIVE.id} .badge`)).to.not.equal('rgba(0, 0, 0, 0)');
    expect(await page.locator(`#case-${INCONCLUSIVE.id}`).isVisible(), 'shown among the problems by default').to.equal(true);
    expect(await page.locator(`#case-${PASSED.id}`).isVisible()).to.equal(false);
    await page.selectOption('#filter-outcome', 'inconclusive');
    expect(await page.locator('#shown-count').textContent()).to.equal('1 of 2 cases shown');
    await page.close();
  });

  it('fetches nothing: every request the page makes is the file itself', async () => {
    const { page, requested } = await open(browser!, join(out, 'conformance.html'));
    expect(requested.every((url) => url.startsWith('file:'))).to.equal(true);
    await page.close();
  });

  it('keeps a hostile response text: no injected script runs', async () => {
    const path = join(tempDir('v3io-html-hostile-'), 'conformance.html');
    writeFileSync(path, renderHtml(sampleReport(ALL_SAMPLE_CASES)));
    const { page } = await open(browser!, path);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).to.equal(undefined);
    const response = await page.locator('#case-session-key-unknown-key pre.response').textContent();
    expect(response).to.contain('<script>window.__pwned = 1</script>');
    expect(await page.locator('#case-session-key-unknown-key img').count()).to.equal(0);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
