/**
 * `run`: resolves the target and its variables (target-config.ts), sends the HTTP cases with an
 * engine — newman running the collection's requests without scripts (newman/run-harness.ts), or the
 * native engine (native/run-native.ts) — and the
 * wire cases over raw sockets, against the target or the embedded reference (nock for newman, the
 * reference served on a loopback port for the native engine and the wire cases), judges the
 * results and writes the reports. On a real target the fixtures live under a folder of the run's own (run-prefix.ts) and
 * are removed even when newman does not get to its teardown (direct-teardown.ts).
 */
import { join } from 'node:path';
import { CATALOGUE } from '../cases/index.js';
import { DEFAULT_PROFILE, SECRET_VARIABLES, type ConformanceCase, type ProfileId } from '../cases/model.js';
import { casesOf, profileNamed } from '../cases/profiles.js';
import { HarnessError } from '../errors.js';
import { packageRoot, packageVersion, PROFILE_PATHS } from '../package-info.js';
import { installEmbeddedReference } from '../reference/embedded.js';
import { startReferenceServer, type ReferenceServer } from '../reference/server.js';
import { createRedactor, secretForms } from '../report/redact.js';
import type { ProgressListener } from '../report/progress.js';
import type { Reporter, RunReport } from '../report/run-report.js';
import { writeStartFailureReports } from '../report/start-failure.js';
import { writeReports } from '../report/write-reports.js';
import { runWireCases } from '../wire/run-wire-cases.js';
import { filterCollection } from './collection-filter.js';
import { derivedSecretValues } from './derived-secrets.js';
import { runVariables } from './direct-requests.js';
import { teardownDirectly } from './direct-teardown.js';
import { environmentVariables, readJsonFile, withOverrides } from './environment.js';
import { newmanJudging, withExchange } from './exchange.js';
import type { ItemTrace } from './newman-session.js';
import { runNative } from './native/run-native.js';
import { preflight } from './preflight.js';
import { caseResult, resultBase, exitCodeOf, stepResults, summarise, verdictOf, type CaseResult, type StepResult, type Verdict } from './results.js';
import { runPrefixFor } from './run-prefix.js';
import { watchTarget } from './target-liveness.js';
import { checkBeforeStart, checkOutputDirectory } from './start-checks.js';
import { isRestricted, selectCases, selectionRecord, type CaseSelection } from './selection.js';
import { DEFAULT_CONTAINER, resolveTarget, type ResolvedTarget } from './target-config.js';
import { transportResults } from './transport-checks.js';

/** What sends the HTTP cases' requests: newman (the collection, default) or the native engine (undici, run-native.ts). */
export type EngineName = 'newman' | 'native';
export const ENGINES: readonly EngineName[] = ['newman', 'native'];
export const DEFAULT_ENGINE: EngineName = 'newman';
/** Cases in flight at once, either engine, unless `--concurrency` says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

export interface RunOptions {
  /** The engine that sends the HTTP cases (`--engine`); default newman. */
  readonly engine?: EngineName;
  /** Cases (ordered groups, see native/case-groups.ts) in flight at once, either engine. Default DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
  /** The kind of server judged (`--profile`); default `v3io`. */
  readonly profile?: ProfileId;
  /** Base URL of a real server (`--target`); it wins over every other source of `baseUrl`. */
  readonly target?: string;
  /** Postman environment file with the target's variables. */
  readonly envFile?: string;
  /** `--env-var <name>=<value>` pairs, over the process environment and the file. */
  readonly envVars?: readonly (readonly [string, string])[];
  /** Where `V3IO_API`, `V3IO_ACCESS_KEY`, ... are read from; absent: nowhere (the CLI passes process.env). */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  /** A collection newman runs as it is, scripts included, one request at a time; default: the harness collection (newman/). */
  readonly collectionFile?: string;
  readonly outDir: string;
  readonly strict: boolean;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMs: number;
  readonly caFile?: string;
  readonly insecure?: boolean;
  /** Client certificate and key (PEM files, `--cert`/`--key`) for a target that asks for one. */
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly reporters: readonly Reporter[];
  /** Called after each item. */
  readonly onItem?: (trace: ItemTrace) => void;
  /** The cases to run; absent: all. Unselected cases are neither sent nor reported. */
  readonly selection?: CaseSelection;
  /** Told the number of selected cases, then each case's outcome as it completes. */
  readonly progress?: ProgressListener;
  /**
   * Stops the run (SIGINT, SIGTERM): newman is aborted, the fixtures on a real target are removed
   * with direct requests, and the run rejects with the signal's reason (a HarnessError).
   */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  readonly writtenFiles: readonly string[];
  /** Masks every secret of the run's environment in a text. */
  readonly redact: (text: string) => string;
}

/** The longest delay Node's timers take (a longer one fires at once, with a TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Per-request timeout of the teardown after the target went away: one short attempt. */
const BRIEF_TEARDOWN_MS = 2_000;

/** The secret variables the environment sets, by name. */
function secretVariables(variables: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(SECRET_VARIABLES.flatMap((name) => (variables.get(name) ? [[name, variables.get(name) ?? '']] : [])));
}

function secretsOf(variables: ReadonlyMap<string, string>, cases: readonly ConformanceCase[]): string[] {
  const values = [...secretVariables(variables).values()];
  const pair = (user: string, password: string): [string, string] => [variables.get(user) ?? '', variables.get(password) ?? ''];
  const pairs = [pair('username', 'password'), pair('colonUsername', 'colonPassword'), pair('utf8Username', 'utf8Password')];
  // The values derived from the secrets (a truncated key, a Base64 token) are secrets too.
  return secretForms(values, pairs, derivedSecretValues(cases, variables));
}

/** The one line for a fixture step that failed: the suite cannot judge a target it could not prepare. */
function setupFailure(step: StepResult, container: string): HarnessError {
  const hint =
    step.status === 401 || step.status === 403
      ? ` (the access key must be allowed to write to container "${container}")`
      : step.status === 404
        ? ` (does container "${container}" exist?)`
        : step.status === null && /TIMEDOUT/.test(step.message ?? '')
          ? ' (the target did not answer in time: check it, or raise --timeout)'
          : '';
  return new HarnessError('setup-failed', `fixture setup failed, no case was judged: ${step.title}: ${step.message ?? 'no answer'}${hint}`);
}

/** Where the fixtures are, for messages: `bigdata/conformance-20250114T093012Z-3f9a2c/`. */
function fixtureFolder(variables: ReadonlyMap<string, string>): string {
  return `${variables.get('container') ?? ''}/${variables.get('runPrefix') ?? ''}/`;
}

function teardownNote(teardown: readonly StepResult[], folder: string): string {
  const failed = teardown.find((s) => !s.ok);
  return failed
    ? `could not remove every fixture (${failed.title}: ${failed.message ?? 'failed'}): remove ${folder} on the target by hand`
    : `removed the fixtures under ${folder}`;
}

/**
 * The teardown's results: newman's, or, when a step of it failed on a real target (a connection
 * reset, a step newman never sent), those of the whole teardown sent again by the runner.
 */
async function completeTeardown(fromNewman: StepResult[], realTarget: boolean, again: () => Promise<StepResult[]>): Promise<StepResult[]> {
  if (!realTarget || fromNewman.every((s) => s.ok)) return fromNewman;
  return again();
}

/** What a run that stops before its first case knows, for the reports it still writes. */
interface StartState {
  target?: { mode: 'embedded' | 'target'; baseUrl: string };
  mask: (text: string) => string;
  /** True once the first case may have been sent: from then on the run writes its own (partial) reports. */
  begun: boolean;
}

export async function runSuite(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const state: StartState = { mask: (text) => text, begun: false };
  try {
    return await runFrom(options, started, state);
  } catch (error) {
    // A run that could not start still leaves a JUnit file and a JSON report, if --out is usable.
    if (!state.begun && error instanceof HarnessError && error.code !== 'report-write-failed') writeStartFailure(error, options, started, state);
    throw error;
  }
}

function writeStartFailure(error: HarnessError, options: RunOptions, started: number, state: StartState): void {
  const failure = {
    reason: error.message,
    code: error.code,
    exitCode: error.exitCode,
    startedAt: started,
    strict: options.strict,
    profile: options.profile ?? DEFAULT_PROFILE,
    mode: state.target?.mode ?? (options.target ? 'target' : 'embedded'),
    ...(state.target ? { baseUrl: state.target.baseUrl } : {}),
    tool: { name: 'v3io-auth-conformance', version: packageVersion() },
  } as const;
  try {
    writeStartFailureReports(failure, options.reporters, options.outDir, state.mask);
  } catch {
    // The directory was the problem (or an early signal came before it was checked): the one line says enough.
  }
}

async function runFrom(options: RunOptions, started: number, state: StartState): Promise<RunOutcome> {
  options.signal?.throwIfAborted();
  // Before the first request: the output directory, then the PEM files (start-checks.ts).
  if (options.reporters.length > 0) checkOutputDirectory(options.outDir);
  checkBeforeStart({ caFile: options.caFile, certFile: options.certFile, keyFile: options.keyFile });
  const profile = profileNamed(options.profile ?? DEFAULT_PROFILE);
  const { setup: setupSteps, teardown: teardownSteps } = profile.fixtures;
  const setupIds: ReadonlySet<string> = new Set(setupSteps.map((s) => s.id));
  const resolved = resolveTarget({ profile, target: options.target, envFile: options.envFile, envVars: options.envVars, processEnv: options.processEnv });
  const realTarget = resolved.mode === 'target';
  const { baseUrl } = resolved;
  state.target = { mode: resolved.mode, baseUrl };
  const runPrefix = runPrefixFor({ given: environmentVariables(resolved.environment).get('runPrefix'), realTarget, shard: options.selection?.shard });
  const environment = withOverrides(resolved.environment, { runPrefix });
  const variables = environmentVariables(environment);
  const collectionFile = options.collectionFile ?? join(packageRoot(), PROFILE_PATHS[profile.id].collection);
  const collection = readJsonFile(collectionFile, 'collection file');
  if (typeof collection !== 'object' || collection === null || !Array.isArray((collection as { item?: unknown }).item)) {
    throw new HarnessError('malformed-json', `collection file ${collectionFile} is not a Postman collection (no "item" array)`);
  }
  const selection = options.selection ?? {};
  const selected = selectCases(casesOf(profile, CATALOGUE), selection);
  const mask = createRedactor(secretsOf(variables, selected));
  state.mask = mask;
  const selectedById = new Map(selected.map((c) => [c.id, c]));
  const fixtureIds = [...setupSteps, ...teardownSteps].map((s) => s.id);
  // Unselected requests are not sent at all: the collection is cut down to the selection.
  const toRun = isRestricted(selection)
    ? filterCollection(collection as { item: unknown[] }, new Set([...selectedById.keys(), ...fixtureIds]))
    : collection;
  // A failed fixture step stops the run at once: every case after it would fail for that reason alone.
  const setupFailed = new AbortController();
  // What came back so far: a run that stops early still reports it (see partialReport).
  const traced = new Map<string, ItemTrace>();
  const wireDone: CaseResult[] = [];
  let directTeardown: StepResult[] | undefined;
  const tls = { caFile: options.caFile, insecure: options.insecure, certFile: options.certFile, keyFile: options.keyFile };
  // A target that stops answering mid-run ends the run at once, with no verdict (target-liveness.ts).
  const liveness = watchTarget(() =>
    preflight(baseUrl, { timeoutMs: options.timeoutMs, ...tls }).then(
      () => true,
      () => false,
    ),
  );
  const masking = { secrets: secretVariables(variables), mask };
  const judging = newmanJudging(profile, options.timeoutMs, runVariables(environment), masking);
  const onItem = (trace: ItemTrace): void => {
    traced.set(trace.id, trace);
    if (realTarget && (trace.response || trace.requestError)) {
      liveness.record(trace.id, trace.requestError ? { answered: false, error: trace.requestError.code } : { answered: true });
    }
    options.onItem?.(trace);
    const testCase = selectedById.get(trace.id);
    if (testCase) options.progress?.caseDone(caseResult(testCase, trace, judging).outcome);
    if (setupIds.has(trace.id)) {
      const [step] = stepResults(setupSteps.filter((s) => s.id === trace.id), new Map([[trace.id, trace]]));
      if (step && !step.ok) setupFailed.abort(setupFailure(step, variables.get('container') ?? ''));
    }
  };
  const direct = { baseUrl, timeoutMs: options.timeoutMs, ...tls };
  // After the target went away the teardown is tried once, briefly: it stops at the first request without an answer.
  const removeFixtures = (): Promise<StepResult[]> =>
    teardownDirectly(teardownSteps, runVariables(environment), liveness.signal.aborted ? { ...direct, timeoutMs: Math.min(options.timeoutMs, BRIEF_TEARDOWN_MS) } : direct);

  const judge = (testCase: ConformanceCase, byId: ReadonlyMap<string, ItemTrace>, wireById: ReadonlyMap<string, CaseResult>): CaseResult =>
    wireById.get(testCase.id) ?? withExchange(caseResult(testCase, byId.get(testCase.id), judging), testCase, byId.get(testCase.id), masking);
  const context: ReportContext = { started, options, profile: profile.id, resolved, variables, mask };

  const engine = options.engine ?? DEFAULT_ENGINE;
  // Embedded: the reference served on an ephemeral loopback port too, for what needs a real
  // socket (the wire cases; every request of the native engine, which nock does not see).
  let served: ReferenceServer | undefined;
  let embedded: ReturnType<typeof installEmbeddedReference> | undefined;
  const release = async (): Promise<void> => {
    embedded?.restore();
    await served?.close();
  };
  try {
    if (!realTarget) {
      served = await startReferenceServer({ port: 0, host: '127.0.0.1', shutdownGraceMs: 1_000 });
      if (engine === 'newman') embedded = installEmbeddedReference(baseUrl);
    }
    await preflight(engine === 'native' && served ? served.url : baseUrl, { timeoutMs: options.timeoutMs, ...tls });
  } catch (error) {
    await release();
    throw error;
  }
  state.begun = true;
  // Where requests over a real socket go: the target, or the served reference.
  const socketBaseUrl = served ? served.url : baseUrl;
  // The collection's variables, the environment's over them: what the engines resolve templates with.
  const caseVariables = new Map([...Object.entries(profile.collectionVariables), ...environmentVariables(environment)]);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const timeoutRunMs = Math.min(MAX_TIMER_MS, Math.max(120_000, options.timeoutMs * 4 * (CATALOGUE.length + 10)));
  const abortGraceMs = Math.min(MAX_TIMER_MS, options.timeoutMs + 1_000);
  const sendCases = (signal: AbortSignal): Promise<ItemTrace[]> =>
    engine === 'native'
      ? runNative({
          profile,
          cases: selected,
          variables: new Map([...caseVariables, ['baseUrl', socketBaseUrl]]),
          concurrency,
          timeoutMs: options.timeoutMs,
          ...tls,
          onItem,
          signal,
        })
      : options.collectionFile
        ? // A given collection runs as it is, its scripts included, one request at a time. Loaded
          // only for the newman engine: newman takes most of a second to import.
          import('./newman-session.js').then(({ runNewman }) =>
            runNewman({ collection: toRun, environment, timeoutRequestMs: options.timeoutMs, timeoutRunMs, ...tls, onItem, signal, abortGraceMs }),
          )
        : // The harness collection: the plan's requests, resolved in Node, without scripts (newman/).
          import('./newman/run-harness.js').then(({ runNewmanHarness }) =>
            runNewmanHarness({ profile, cases: selected, variables: caseVariables, concurrency, timeoutRequestMs: options.timeoutMs, timeoutRunMs, ...tls, onItem, signal, abortGraceMs }),
          );
  let traces: ItemTrace[];
  let wireResults: CaseResult[];
  try {
    options.progress?.start(selected.length);
    traces = await sendCases(AbortSignal.any([...(options.signal ? [options.signal] : []), setupFailed.signal, liveness.signal])).catch(async (error: unknown) => {
      // Newman did not get to its teardown, or not surely: the runner removes the fixtures itself.
      if (!realTarget || !(error instanceof HarnessError) || teardownSteps.length === 0) throw error;
      options.progress?.finish();
      directTeardown = await removeFixtures();
      throw new HarnessError(error.code, `${error.message}; ${teardownNote(directTeardown, fixtureFolder(variables))}`, error.exitCode);
    });
    // Over raw sockets, after the HTTP cases: they need no fixture. Embedded: against the served reference.
    wireResults = await runWireCases({
      cases: selected,
      realTarget: realTarget || served !== undefined,
      baseUrl: socketBaseUrl,
      environment: variables,
      timeoutMs: options.timeoutMs,
      ...tls,
      mask,
      ...(profile.errorSchema ? { errorSchema: profile.errorSchema } : {}),
      operations: profile.operations,
      onResult: (result) => {
        wireDone.push(result);
        // A connection the server closed or reset in answer to the bytes is the server reacting, not
        // the server gone: a crash it caused is that case's own robustness failure (its probe).
        const answered = !(result.actual !== null && 'error' in result.actual) || /^closed by the server|^ECONNRESET$/.test(result.actual.error);
        if (result.actual !== null) liveness.record(result.id, answered ? { answered: true } : { answered: false, error: (result.actual as { error: string }).error });
        options.progress?.caseDone(result.outcome);
      },
      signal: AbortSignal.any([...(options.signal ? [options.signal] : []), liveness.signal]),
      // The engine's concurrency for them too; one at a time with a given collection, as it runs.
      concurrency: engine === 'newman' && options.collectionFile ? 1 : concurrency,
    });
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    // Stopped after it began (a signal, a failed fixture, newman stuck): what was judged is kept.
    options.progress?.finish();
    const wireById = new Map(wireDone.map((r) => [r.id, r]));
    const reached = (testCase: ConformanceCase): boolean => traced.has(testCase.id) || wireById.has(testCase.id);
    const unanswered = liveness.unanswered();
    const cases = selected.map((testCase) =>
      error.code === 'target-gone' && (unanswered.has(testCase.id) || !reached(testCase))
        ? notJudged(testCase, error.message)
        : reached(testCase)
          ? judge(testCase, traced, wireById)
          : notRun(testCase, error.message),
    );
    const teardown = directTeardown ?? stepResults(teardownSteps, traced, true);
    const stopped = { error, reached: selected.filter(reached).length };
    const report = assembleReport(context, { cases, setup: stepResults(setupSteps, traced), teardown, stopped });
    const written = writeReports(report, options.reporters, options.outDir, mask);
    // A MUST failure seen before the target went away still decides: the report says NOT CONFORMANT.
    if (report.verdict === 'non-conformant') return { report, exitCode: report.exitCode, writtenFiles: written, redact: mask };
    throw new HarnessError(error.code, written.length > 0 ? `${error.message}; partial reports in ${options.outDir}` : error.message, error.exitCode);
  } finally {
    options.progress?.finish();
    await release();
  }

  const byId = new Map(traces.map((t) => [t.id, t]));
  const wireById = new Map(wireResults.map((r) => [r.id, r]));
  // Transport checks (TLS versions, HSTS) on a real target; of a sharded run, shard 1 makes them.
  const transport = realTarget && (options.selection?.shard?.index ?? 1) === 1 ? await transportResults(baseUrl, selection, traces, options.timeoutMs) : [];
  const cases = [...selected.map((testCase) => judge(testCase, byId, wireById)), ...transport];
  const setup = stepResults(setupSteps, byId);
  const teardown = await completeTeardown(stepResults(teardownSteps, byId, true), realTarget, removeFixtures);
  const report = assembleReport(context, { cases, setup, teardown });
  const writtenFiles = writeReports(report, options.reporters, options.outDir, mask);
  return { report, exitCode: report.exitCode, writtenFiles, redact: mask };
}

/** A case the run could not judge because the target went away: never charged to the server. */
function notJudged(testCase: ConformanceCase, why: string): CaseResult {
  return { ...resultBase(testCase), outcome: 'inconclusive', actual: null, request: null, checks: [], failedLevel: null, reason: `not judged: ${why.split(': no verdict')[0] ?? why}` };
}

/**
 * The verdict of a run that stopped early. A target that went away leaves the rest not judged
 * (inconclusive), but a failed MUST check seen before still decides; any other stop has no verdict.
 */
function stoppedVerdict(error: HarnessError, judged: Verdict): Verdict {
  if (error.code !== 'target-gone') return 'error';
  return judged === 'non-conformant' ? judged : 'inconclusive';
}

/** A selected case the run never got to. */
function notRun(testCase: ConformanceCase, why: string): CaseResult {
  return { ...resultBase(testCase), outcome: 'skip', actual: null, request: null, checks: [], failedLevel: null, reason: `not run: the run stopped (${why})` };
}

interface ReportContext {
  readonly started: number;
  readonly options: RunOptions;
  readonly profile: ProfileId;
  readonly resolved: ResolvedTarget;
  readonly variables: ReadonlyMap<string, string>;
  readonly mask: (text: string) => string;
}

/**
 * The run's report. `stopped`: the run ended early with this error, after `reached` cases; the
 * report is partial, its verdict `error`, its exit code the error's, and a warning says so.
 */
function assembleReport(
  context: ReportContext,
  results: { cases: CaseResult[]; setup: StepResult[]; teardown: StepResult[]; stopped?: { error: HarnessError; reached: number } },
): RunReport {
  const { options, resolved, variables } = context;
  const { cases, setup, teardown, stopped } = results;
  const stoppedBy = stopped?.error;
  const { baseUrl } = resolved;
  const realTarget = resolved.mode === 'target';
  const selection = options.selection ?? {};
  const summary = summarise(cases);
  const verdict = stoppedBy ? stoppedVerdict(stoppedBy, verdictOf(summary, setup, options.strict)) : verdictOf(summary, setup, options.strict);
  const exitCode = stoppedBy && verdict !== 'non-conformant' ? stoppedBy.exitCode : exitCodeOf(verdict);
  const warnings: string[] = [];
  if (stopped) warnings.push(`partial report: the run stopped (${stopped.error.message}) after ${stopped.reached} of ${cases.length} cases`);
  if (teardown.some((s) => !s.ok)) warnings.push(`the teardown ${teardownNote(teardown, fixtureFolder(variables))}`);
  if (new URL(baseUrl).protocol === 'http:' && realTarget) {
    warnings.push(`the target is plain http://: every credential form is a bearer secret sent in clear (RFC 7617 §4); use https:// outside a test network`);
  }
  if (options.insecure) warnings.push('TLS certificate verification was skipped (--insecure)');
  if (resolved.defaultContainer) warnings.push(`no container was given (V3IO_CONTAINER, --env-var container=…, or the --env file): the run used "${DEFAULT_CONTAINER}"`);
  return {
    tool: { name: 'v3io-auth-conformance', version: packageVersion() },
    target: { mode: resolved.mode, baseUrl, profile: context.profile },
    startedAt: new Date(context.started).toISOString(),
    durationMs: Date.now() - context.started,
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
}
