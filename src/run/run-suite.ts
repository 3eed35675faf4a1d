/**
 * `run`: resolves the target and its variables, runs the collection with newman (against the
 * embedded reference unless a target is given), judges the results and writes the reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATALOGUE } from '../cases/index.js';
import { SECRET_VARIABLES } from '../cases/model.js';
import { EXIT_CODES, HarnessError } from '../errors.js';
import { GENERATED_PATHS, packageRoot, packageVersion } from '../package-info.js';
import { installEmbeddedReference } from '../reference/embedded.js';
import { redact, secretForms } from '../report/redact.js';
import type { Reporter, RunReport } from '../report/run-report.js';
import {
  checkBaseUrl,
  checkRequiredVariables,
  environmentVariables,
  loadEnvironmentFile,
  readJsonFile,
  withOverrides,
  type PostmanEnvironment,
} from './environment.js';
import { runNewman, type ItemTrace } from './newman-session.js';
import { preflight } from './preflight.js';
import { SETUP_STEPS, TEARDOWN_STEPS, caseResult, stepResults, summarise, verdictOf } from './results.js';

export interface RunOptions {
  /** Base URL of a real server; absent: the embedded reference. */
  readonly target?: string;
  /** Postman environment file with the target's variables. */
  readonly envFile?: string;
  /** Collection to run; default: the committed one. */
  readonly collectionFile?: string;
  readonly outDir: string;
  readonly strict: boolean;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMs: number;
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly reporters: readonly Reporter[];
  /** Called after each item (progress output). */
  readonly onItem?: (trace: ItemTrace) => void;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  readonly writtenFiles: readonly string[];
  /** Masks every secret of the run's environment in a text. */
  readonly redact: (text: string) => string;
}

function resolveEnvironment(options: RunOptions): { environment: PostmanEnvironment; origin: string } {
  if (options.envFile) return { environment: loadEnvironmentFile(options.envFile), origin: `environment file ${options.envFile}` };
  if (options.target) {
    throw new HarnessError(
      'missing-variable',
      '--target needs the target\'s credentials: pass --env <postman environment> (see environments/target.example.postman_environment.json)',
    );
  }
  const path = join(packageRoot(), GENERATED_PATHS.referenceEnvironment);
  return { environment: loadEnvironmentFile(path), origin: 'reference environment' };
}

function secretsOf(variables: ReadonlyMap<string, string>): string[] {
  const values = SECRET_VARIABLES.map((name) => variables.get(name) ?? '').filter(Boolean);
  const pair = (user: string, password: string): [string, string] => [variables.get(user) ?? '', variables.get(password) ?? ''];
  return secretForms(values, [pair('username', 'password'), pair('colonUsername', 'colonPassword'), pair('utf8Username', 'utf8Password')]);
}

export async function runSuite(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const { environment: loaded, origin } = resolveEnvironment(options);
  const environment = options.target ? withOverrides(loaded, { baseUrl: options.target }) : loaded;
  const variables = environmentVariables(environment);
  checkRequiredVariables(variables, origin);
  const baseUrl = checkBaseUrl(variables.get('baseUrl')!, options.target ? '--target' : `${origin}: baseUrl`);
  const collectionFile = options.collectionFile ?? join(packageRoot(), GENERATED_PATHS.collection);
  const collection = readJsonFile(collectionFile, 'collection file');
  if (typeof collection !== 'object' || collection === null || !Array.isArray((collection as { item?: unknown }).item)) {
    throw new HarnessError('malformed-json', `collection file ${collectionFile} is not a Postman collection (no "item" array)`);
  }
  const forms = secretsOf(variables);
  const mask = (text: string): string => redact(text, forms);

  const embedded = options.target ? undefined : installEmbeddedReference(baseUrl);
  let traces: ItemTrace[];
  try {
    await preflight(baseUrl, { timeoutMs: options.timeoutMs, caFile: options.caFile, insecure: options.insecure });
    traces = await runNewman({
      collection,
      environment,
      timeoutRequestMs: options.timeoutMs,
      timeoutRunMs: Math.max(120_000, options.timeoutMs * 4 * (CATALOGUE.length + 10)),
      caFile: options.caFile,
      insecure: options.insecure,
      onItem: options.onItem,
    });
  } finally {
    embedded?.restore();
  }

  const byId = new Map(traces.map((t) => [t.id, t]));
  const cases = CATALOGUE.map((testCase) => caseResult(testCase, byId.get(testCase.id)));
  const setup = stepResults(SETUP_STEPS, byId);
  const teardown = stepResults(TEARDOWN_STEPS, byId, true);
  const summary = summarise(cases);
  const verdict = verdictOf(summary, setup, options.strict);
  const exitCode = verdict === 'conformant' ? EXIT_CODES.conformant : verdict === 'non-conformant' ? EXIT_CODES.nonConformant : EXIT_CODES.error;
  const warnings: string[] = [];
  if (new URL(baseUrl).protocol === 'http:' && options.target) {
    warnings.push(`the target is plain http://: every credential form is a bearer secret sent in clear (RFC 7617 §4); use https:// outside a test network`);
  }
  if (options.insecure) warnings.push('TLS certificate verification was skipped (--insecure)');
  const report: RunReport = {
    tool: { name: 'v3io-auth-conformance', version: packageVersion() },
    target: { mode: options.target ? 'target' : 'embedded', baseUrl },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    strict: options.strict,
    verdict,
    exitCode,
    summary,
    setup,
    teardown,
    cases,
    warnings,
  };
  const writtenFiles = writeReports(report, options, mask);
  return { report, exitCode, writtenFiles, redact: mask };
}

function writeReports(report: RunReport, options: RunOptions, mask: (text: string) => string): string[] {
  if (options.reporters.length === 0) return [];
  const dir = resolve(options.outDir);
  try {
    mkdirSync(dir, { recursive: true });
    return options.reporters.map((reporter) => {
      const path = join(dir, reporter.fileName);
      writeFileSync(path, mask(reporter.render(report)));
      return path;
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HarnessError('report-write-failed', `cannot write reports to ${dir} (${code})`);
  }
}
