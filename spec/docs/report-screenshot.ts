/**
 * Makes docs/html-report.png, the README's picture of the HTML report: the suite run against a
 * deliberately broken server (it accepts any session key), the report opened from disk in headless
 * Chromium, the top of the page captured. Run it after changing the HTML report:
 * `npx tsc -p tsconfig.json && node dist/spec/docs/report-screenshot.js`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { startReferenceServer } from '../../src/reference/server.js';
import { BROKEN_VARIANTS } from '../broken/variants.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';
import { runCli, tempDir } from '../support/cli.js';

const VARIANT = 'accepts-any-session-key';
const OUTPUT = join(packageRoot(), 'docs', 'html-report.png');

async function main(): Promise<void> {
  const variant = BROKEN_VARIANTS.find((v) => v.id === VARIANT);
  if (!variant) throw new Error(`broken variant ${VARIANT} is gone`);
  const out = tempDir('v3io-screenshot-');
  const server = await startReferenceServer({ port: 0, reference: variant.reference() });
  try {
    const run = await runCli(['run', '--target', server.url, '--env', GENERATED_PATHS.referenceEnvironment, '--out', out, '--form', 'session-key,basic', '--reporter', 'html', '--quiet']);
    if (run.code !== 1) throw new Error(`expected a NOT CONFORMANT run (exit 1), got ${run.code}: ${run.stderr}`);
  } finally {
    await server.close();
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(join(out, 'conformance.html')).href);
    await page.screenshot({ path: OUTPUT });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${OUTPUT}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`report-screenshot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
