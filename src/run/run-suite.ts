/**
 * `run`: resolves the target and its variables, runs the collection with newman (against the
 * embedded reference unless a target is given), judges the results and writes the reports.
 */
import { join } from 'node:path';
import { CATALOGUE } from '../cases/index.js';
import { SECRET_VARIABLES } from '../cases/model.js';
import { COLLECTION_VARIABLES } from '../cases/operations.js';
import { HarnessError } from '../errors.js';
import { GENERATED_PATHS, packageRoot, packageVersion } from '../package-info.js';
import { installEmbeddedReference } from '../reference/embedded.js';
import { redact, secretForms } from '../report/redact.js';
import type { ProgressListener } from '../report/progress.js';
import type { Reporter, RunReport } from '../report/run-report.js';
import { writeReports } from '../report/write-reports.js';
import { filterCollection } from './collection-filter.js';
import {
  checkBaseUrl,
  checkRequiredVariables,
  environmentVariables,
  loadEnvironmentFile,
  readJsonFile,
  withOverrides,
  type PostmanEnvironment,
} from './environment.js';
import { withExchange } from './exchange.js';
import { runNewman, type ItemTrace } from './newman-session.js';
import { preflight } from './preflight.js';
import { SETUP_STEPS, TEARDOWN_STEPS, caseResult, exitCodeOf, stepResults, summarise, verdictOf } from './results.js';
import { isRestricted, selectCases, selectionRecord, type CaseSelection, type Shard } from './selection.js';

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
  /** Called after each item. */
  readonly onItem?: (trace: ItemTrace) => void;
  /** The cases to run; absent: all. Unselected cases are neither sent nor reported. */
  readonly selection?: CaseSelection;
  /** Told the number of selected cases, then each case's outcome as it completes. */
  readonly progress?: ProgressListener;
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

/** The secret variables the environment sets, by name. */
function secretVariables(variables: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(SECRET_VARIABLES.flatMap((name) => (variables.get(name) ? [[name, variables.get(name) ?? '']] : [])));
}

function secretsOf(variables: ReadonlyMap<string, string>): string[] {
  const values = [...secretVariables(variables).values()];
  const pair = (user: string, password: string): [string, string] => [variables.get(user) ?? '', variables.get(password) ?? ''];
  return secretForms(values, [pair('username', 'password'), pair('colonUsername', 'colonPassword'), pair('utf8Username', 'utf8Password')]);
}

/**
 * The shards of a CI matrix may run at the same time against one target: each keeps its fixtures
 * in a folder of its own under the run prefix, so that one shard's teardown cannot delete what
 * another is reading.
 */
function inShardFolder(environment: PostmanEnvironment, shard: Shard | undefined): PostmanEnvironment {
  if (!shard) return environment;
  const prefix = environmentVariables(environment).get('runPrefix') || COLLECTION_VARIABLES.runPrefix;
  return withOverrides(environment, { runPrefix: `${prefix}/shard-${shard.index}-of-${shard.count}` });
}

export async function runSuite(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const { environment: loaded, origin } = resolveEnvironment(options);
  const environment = inShardFolder(options.target ? withOverrides(loaded, { baseUrl: options.target }) : loaded, options.selection?.shard);
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
  const selection = options.selection ?? {};
  const selected = selectCases(CATALOGUE, selection);
  const selectedById = new Map(selected.map((c) => [c.id, c]));
  const fixtureIds = [...SETUP_STEPS, ...TEARDOWN_STEPS].map((s) => s.id);
  // Unselected requests are not sent at all: the collection is cut down to the selection.
  const toRun = isRestricted(selection)
    ? filterCollection(collection as { item: unknown[] }, new Set([...selectedById.keys(), ...fixtureIds]))
    : collection;
  const onItem = (trace: ItemTrace): void => {
    options.onItem?.(trace);
    const testCase = selectedById.get(trace.id);
    if (testCase) options.progress?.caseDone(caseResult(testCase, trace).outcome);
  };

  const embedded = options.target ? undefined : installEmbeddedReference(baseUrl);
  let traces: ItemTrace[];
  try {
    await preflight(baseUrl, { timeoutMs: options.timeoutMs, caFile: options.caFile, insecure: options.insecure });
    options.progress?.start(selected.length);
    traces = await runNewman({
      collection: toRun,
      environment,
      timeoutRequestMs: options.timeoutMs,
      timeoutRunMs: Math.max(120_000, options.timeoutMs * 4 * (CATALOGUE.length + 10)),
      caFile: options.caFile,
      insecure: options.insecure,
      onItem,
    });
  } finally {
    options.progress?.finish();
    embedded?.restore();
  }

  const byId = new Map(traces.map((t) => [t.id, t]));
  const masking = { secrets: secretVariables(variables), mask };
  const cases = selected.map((testCase) => withExchange(caseResult(testCase, byId.get(testCase.id)), testCase, byId.get(testCase.id), masking));
  const setup = stepResults(SETUP_STEPS, byId);
  const teardown = stepResults(TEARDOWN_STEPS, byId, true);
  const summary = summarise(cases);
  const verdict = verdictOf(summary, setup, options.strict);
  const exitCode = exitCodeOf(verdict);
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
    ...(isRestricted(selection) ? { selection: selectionRecord(selection) } : {}),
  };
  const writtenFiles = writeReports(report, options.reporters, options.outDir, mask);
  return { report, exitCode, writtenFiles, redact: mask };
}
