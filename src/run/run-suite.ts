/**
 * A run: resolves the target and its variables (target-config.ts), sends the HTTP cases with an
 * engine — newman running the collection's requests without scripts (newman/run-harness.ts), or the
 * native engine (native/run-native.ts) — and the
 * wire cases over raw sockets, against the target or the embedded reference (nock for newman, the
 * reference served on a loopback port for the native engine and the wire cases), judges each case
 * once and assembles the run report. It tells what happens as events (run-events.ts) and writes
 * nothing: the composition root (src/commands/conformance-run.ts) shows progress and writes the
 * reports. On a real target the fixtures live under a folder of the run's own (run-prefix.ts) and
 * are removed even when newman does not get to its teardown (direct-teardown.ts). Both engines
 * share one pacer (pacing.ts), whose record goes into the report.
 */
import { isRequestCase } from '../cases/case-request.js';
import { catalogueFor, type BypassExtent } from '../cases/index.js';
import { DEFAULT_PROFILE, SECRET_VARIABLES, type ConformanceCase, type ProfileId, type RequestCase } from '../cases/model.js';
import { casesOf, profileNamed, type Profile } from '../cases/profiles.js';
import { HarnessError } from '../errors.js';
import { packageVersion } from '../package-info.js';
import type { installEmbeddedReference } from '../reference/embedded.js';
import type { ReferenceServer } from '../reference/server.js';
import type { RunReport } from '../results/run-report.js';
import { wireCaseResults } from './wire-cases.js';
import { filterCollection } from './collection-filter.js';
import { secretsOf, secretVariables, type RunSecrets } from './run-secrets.js';
import { runVariables } from './direct-requests.js';
import { teardownDirectly } from './direct-teardown.js';
import { environmentVariables, readJsonFile, withOverrides, type PostmanEnvironment } from './environment.js';
import { caseResult as judgedCase, type CaseJudging } from './case-result.js';
import { fateOf, MAX_TIMER_MS, type Engine, type EngineListener, type ItemRecord } from './engine.js';
import type { RunEvent, RunListener } from './run-events.js';
import { runNative } from './native/run-native.js';
import { preflight } from './preflight.js';
import { resultBase, exitCodeOf, stepResults, summarise, verdictOf, type CaseResult, type StepResult, type Verdict } from './results.js';
import { nameFronts } from '../results/fronts.js';
import { withReproduce } from './reproduce.js';
import { createNativeClient } from './native/http-client.js';
import { Pacer } from './pacing.js';
import type { KnownRequest } from './retry-alone.js';
import { runPrefixFor } from './run-prefix.js';
import { watchTarget } from './target-liveness.js';
import { checkBeforeStart } from './start-checks.js';
import { isRestricted, selectCases, selectionRecord, type CaseSelection } from './selection.js';
import { DEFAULT_CONTAINER, resolveTarget, type ResolvedTarget } from './target-config.js';
import { transportResults } from './transport-checks.js';
import { clientTlsOf, type ClientTls } from '../tls-files.js';

/** What sends the HTTP cases' requests: newman (the collection, default) or the native engine (undici, run-native.ts). */
export type EngineName = 'newman' | 'native';
export const ENGINES: readonly EngineName[] = ['newman', 'native'];
export const DEFAULT_ENGINE: EngineName = 'newman';
/** Cases in flight at once, either engine, unless `--concurrency` says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

export interface SuiteOptions {
  /** The client's TLS settings (`--ca`, `--insecure`, `--cert`, `--key`). */
  readonly tls?: ClientTls;
  /** The engine that sends the HTTP cases (`--engine`); default newman. */
  readonly engine?: EngineName;
  /** Cases (ordered groups, see native/case-groups.ts) in flight at once, either engine. Default DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
  /** How much of the bypass toolbox to send (`--bypass`); default the catalogue's. */
  readonly bypass?: BypassExtent;
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
  readonly strict: boolean;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMs: number;
  /** The cases to run; absent: all. Unselected cases are neither sent nor reported. */
  readonly selection?: CaseSelection;
  /**
   * Makes the function that masks the run's secrets in a text, every spelling an output may give
   * them: what the run records of an exchange is masked with it before it leaves the run.
   */
  readonly maskFor: (secrets: RunSecrets) => (text: string) => string;
  /** Told what happens, as it happens (run-events.ts). */
  readonly onEvent?: RunListener;
  /**
   * Stops the run (SIGINT, SIGTERM): newman is aborted, the fixtures on a real target are removed
   * with direct requests, and the run rejects with the signal's reason (a HarnessError).
   */
  readonly signal?: AbortSignal;
}

export interface SuiteOutcome {
  readonly report: RunReport;
  readonly exitCode: number;
  /** Masks every secret of the run's environment in a text. */
  readonly redact: (text: string) => string;
}

/** Per-request timeout of the teardown after the target went away: one short attempt. */
const BRIEF_TEARDOWN_MS = 2_000;

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

/**
 * Runs the selected cases and returns the report; tells what happens through `onEvent`. A run
 * that stops after its start (a signal, a failed fixture step, a target gone) tells `run-ended`
 * with its partial report before it rejects with the reason, unless a MUST failure seen by then
 * decides the verdict: it then resolves with that partial report.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteOutcome> {
  const started = Date.now();
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  options.signal?.throwIfAborted();
  // Before the first request: the PEM files and the timeout (start-checks.ts).
  const tls = clientTlsOf(options.tls ?? {});
  checkBeforeStart({ caFile: tls.caFile, certFile: tls.certFile, keyFile: tls.keyFile });
  const profile = profileNamed(options.profile ?? DEFAULT_PROFILE);
  const { setup: setupSteps, teardown: teardownSteps } = profile.fixtures;
  const setupIds: ReadonlySet<string> = new Set(setupSteps.map((s) => s.id));
  const resolved = resolveTarget({ profile, target: options.target, envFile: options.envFile, envVars: options.envVars, processEnv: options.processEnv });
  const realTarget = resolved.mode === 'target';
  const { baseUrl } = resolved;
  emit({ type: 'target-resolved', target: { mode: resolved.mode, baseUrl } });
  const runPrefix = runPrefixFor({ given: environmentVariables(resolved.environment).get('runPrefix'), realTarget, shard: options.selection?.shard });
  const environment = withOverrides(resolved.environment, { runPrefix });
  const variables = environmentVariables(environment);
  const selection = options.selection ?? {};
  const catalogue = catalogueFor(options.bypass);
  const chosen = selectCases(casesOf(profile, catalogue), selection);
  // The cases sent as requests; the transport cases are measured after them (transport-checks.ts).
  const selected = chosen.filter(isRequestCase);
  const mask = options.maskFor(secretsOf(variables, selected));
  const selectedById = new Map(selected.map((c) => [c.id, c]));
  const fixtureIds = [...setupSteps, ...teardownSteps].map((s) => s.id);
  // A given collection (--collection) is read before the first request; unselected requests are
  // not sent at all: it is cut down to the selection. The engines' own requests need no file.
  const toRun = options.collectionFile === undefined ? undefined : givenCollection(options.collectionFile, selection, new Set([...selectedById.keys(), ...fixtureIds]));
  // A failed fixture step stops the run at once: every case after it would fail for that reason alone.
  const setupFailed = new AbortController();
  // What came back so far: a run that stops early still reports it (see partialReport).
  const traced = new Map<string, ItemRecord>();
  // Each case judged once, as soon as its exchange is complete; the report takes these results.
  const judged = new Map<string, CaseResult>();
  const wireDone: CaseResult[] = [];
  let directTeardown: StepResult[] | undefined;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  // The target's pace, learned from its answers: the timeout, the requests in flight, the retries (pacing.ts).
  const pacer = new Pacer({ ceiling: concurrency, timeoutMs: options.timeoutMs });
  // A target that stops answering mid-run ends the run at once, with no verdict (target-liveness.ts).
  // A slow target is not gone: the check waits as long as a request sent alone would.
  const liveness = watchTarget(() =>
    preflight(baseUrl, { timeoutMs: pacer.retryTimeoutMs, ...tls }).then(
      () => true,
      () => false,
    ),
  );
  const recordLiveness = (id: string, result: { answered: true } | { answered: false; error: string }): void => {
    if (realTarget) liveness.record(id, result);
  };
  const masking = { secrets: secretVariables(variables), mask };
  const judging: CaseJudging = { profile, timeoutMs: options.timeoutMs, variables: runVariables(environment), masking };
  const caseResult = (testCase: RequestCase, record: ItemRecord | undefined): CaseResult => judgedCase(testCase, record, judging);
  const engine = options.engine ?? DEFAULT_ENGINE;
  // The harness tells each request's fate as it comes (onRequest); the native engine and a given collection, each item's.
  const livenessPerRequest = engine === 'newman' && toRun === undefined;
  const onItem = (trace: ItemRecord): void => {
    traced.set(trace.id, trace);
    const fate = fateOf(trace);
    if (!livenessPerRequest && fate) recordLiveness(trace.id, fate);
    emit({ type: 'step-done', trace });
    const testCase = selectedById.get(trace.id);
    if (testCase) {
      const result = caseResult(testCase, trace);
      judged.set(testCase.id, result);
      emit({ type: 'case-judged', result });
    }
    if (setupIds.has(trace.id)) {
      const [step] = stepResults(setupSteps.filter((s) => s.id === trace.id), new Map([[trace.id, trace]]));
      if (step && !step.ok) setupFailed.abort(setupFailure(step, variables.get('container') ?? ''));
    }
  };
  const listener: EngineListener = {
    caseStarted: (id) => emit({ type: 'case-started', caseId: id }),
    caseDone: onItem,
    fixtureDone: onItem,
    request: recordLiveness,
  };
  const direct = { baseUrl, timeoutMs: options.timeoutMs, ...tls };
  // After the target went away the teardown is tried once, briefly: it stops at the first request without an answer.
  const removeFixtures = (): Promise<StepResult[]> =>
    teardownDirectly(teardownSteps, runVariables(environment), liveness.signal.aborted ? { ...direct, timeoutMs: Math.min(options.timeoutMs, BRIEF_TEARDOWN_MS) } : direct);

  // A case no request of which came back is judged on nothing: the judge says what is missing.
  const resultOf = (testCase: RequestCase, wireById: ReadonlyMap<string, CaseResult>, byId: ReadonlyMap<string, ItemRecord>): CaseResult =>
    wireById.get(testCase.id) ?? judged.get(testCase.id) ?? caseResult(testCase, byId.get(testCase.id));
  const context: ReportContext = { chosen, caseVariables: runVariablesOf(profile, environment), started, options, profile: profile.id, resolved, variables, mask, pacer };

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
      // The reference, loaded only for an embedded run: a run against a real target has no use for it.
      const { startReferenceServer } = await import('../reference/server.js');
      served = await startReferenceServer({ port: 0, host: '127.0.0.1', shutdownGraceMs: 1_000 });
      // nock, loaded only when newman runs embedded.
      if (engine === 'newman') embedded = (await import('../reference/embedded.js')).installEmbeddedReference(baseUrl);
    }
    await preflight(engine === 'native' && served ? served.url : baseUrl, { timeoutMs: options.timeoutMs, ...tls });
  } catch (error) {
    await release();
    throw error;
  }
  emit({ type: 'run-started', cases: selected.length });
  // Where requests over a real socket go: the target, or the served reference.
  const socketBaseUrl = served ? served.url : baseUrl;
  // The collection's variables, the environment's over them: what the engines resolve templates with.
  const caseVariables = runVariablesOf(profile, environment);
  // Before and after a request is sent again alone: how quickly the target answers another, on a
  // new connection: one it answered 2xx before when the engine knows one (pacing.ts retryAlone).
  const probe = async (timeoutMs: number, known?: KnownRequest): Promise<number | undefined> => {
    const sent = performance.now();
    if (known) {
      const client = createNativeClient({ timeoutMs, ...tls });
      const answer = await client.sendFresh({ method: known.method, url: new URL(known.path, socketBaseUrl).href, headers: known.headers }, timeoutMs).finally(() => client.close());
      return 'response' in answer ? performance.now() - sent : undefined;
    }
    return preflight(socketBaseUrl, { timeoutMs, ...tls }).then(
      () => performance.now() - sent,
      () => undefined,
    );
  };
  const runTimeoutMs = Math.min(MAX_TIMER_MS, Math.max(120_000, options.timeoutMs * 4 * (catalogue.length + 10)));
  // A given collection runs as it is, its scripts included, one request at a time; newman, loaded
  // only for the newman engines: it takes most of a second to import.
  const chosenEngine = async (): Promise<Engine> =>
    engine === 'native'
      ? runNative
      : toRun
        ? (await import('./collection/run-collection.js')).collectionEngine(toRun, environment)
        : (await import('./newman/run-harness.js')).runNewmanHarness;
  const sendCases = async (signal: AbortSignal): Promise<ItemRecord[]> =>
    (await chosenEngine())(
      {
        profile,
        cases: selected,
        variables: engine === 'native' ? new Map([...caseVariables, ['baseUrl', socketBaseUrl]]) : caseVariables,
        concurrency,
        pacer,
        probe,
        tls,
        timeoutMs: options.timeoutMs,
        runTimeoutMs,
        signal,
      },
      listener,
    );
  let traces: ItemRecord[];
  let wireResults: CaseResult[];
  try {
    traces = await sendCases(AbortSignal.any([...(options.signal ? [options.signal] : []), setupFailed.signal, liveness.signal])).catch(async (error: unknown) => {
      // Newman did not get to its teardown, or not surely: the runner removes the fixtures itself.
      if (!realTarget || !(error instanceof HarnessError) || teardownSteps.length === 0) throw error;
      directTeardown = await removeFixtures();
      throw new HarnessError(error.code, `${error.message}; ${teardownNote(directTeardown, fixtureFolder(variables))}`, error.exitCode);
    });
    // Over raw sockets, after the HTTP cases: they need no fixture. Embedded: against the served reference.
    wireResults = await wireCaseResults({
      profile,
      cases: selected,
      realTarget: realTarget || served !== undefined,
      baseUrl: socketBaseUrl,
      environment: variables,
      timeoutMs: options.timeoutMs,
      tls,
      mask,
      onStart: (id) => emit({ type: 'case-started', caseId: id }),
      onResult: (result) => {
        wireDone.push(result);
        if (result.actual !== null) liveness.record(result.id, 'error' in result.actual ? { answered: false, error: result.actual.error } : { answered: true }, 'wire');
        emit({ type: 'case-judged', result });
      },
      signal: AbortSignal.any([...(options.signal ? [options.signal] : []), liveness.signal]),
      // The engine's concurrency for them too; one at a time with a given collection, as it runs.
      concurrency: engine === 'newman' && toRun !== undefined ? 1 : concurrency,
    });
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    // Stopped after it began (a signal, a failed fixture, newman stuck): what was judged is kept.
    const wireById = new Map(wireDone.map((r) => [r.id, r]));
    const reached = (testCase: ConformanceCase): boolean => traced.has(testCase.id) || wireById.has(testCase.id);
    const unanswered = liveness.unanswered();
    const cases = selected.map((testCase) =>
      error.code === 'target-gone' && (unanswered.has(testCase.id) || !reached(testCase))
        ? notJudged(testCase, error.message)
        : reached(testCase)
          ? resultOf(testCase, wireById, traced)
          : notRun(testCase, error.message),
    );
    const teardown = directTeardown ?? stepResults(teardownSteps, traced, true);
    const stopped = { error, reached: selected.filter(reached).length };
    const report = assembleReport(context, { cases, setup: stepResults(setupSteps, traced), teardown, stopped });
    emit({ type: 'run-ended', report });
    // A MUST failure seen before the target went away still decides: the report says NOT CONFORMANT.
    if (report.verdict === 'non-conformant') return { report, exitCode: report.exitCode, redact: mask };
    throw error;
  } finally {
    await release();
  }

  const byId = new Map(traces.map((t) => [t.id, t]));
  const wireById = new Map(wireResults.map((r) => [r.id, r]));
  // Transport cases (TLS versions, HSTS) on a real target, those of its scheme.
  const transport = realTarget ? await transportResults(chosen, baseUrl, traces, options.timeoutMs) : [];
  const cases = [...selected.map((testCase) => resultOf(testCase, wireById, byId)), ...transport];
  const setup = stepResults(setupSteps, byId);
  const teardown = await completeTeardown(stepResults(teardownSteps, byId, true), realTarget, removeFixtures);
  const report = assembleReport(context, { cases, setup, teardown });
  emit({ type: 'run-ended', report });
  return { report, exitCode: report.exitCode, redact: mask };
}

/** The collection's variables, the environment's over them: what the engines resolve templates with. */
function runVariablesOf(profile: Profile, environment: PostmanEnvironment): Map<string, string> {
  return new Map([...Object.entries(profile.collectionVariables), ...environmentVariables(environment)]);
}

/** The collection at `file`, cut down to `ids` when the selection is restricted. */
function givenCollection(file: string, selection: CaseSelection, ids: ReadonlySet<string>): unknown {
  const collection = readJsonFile(file, 'collection file');
  if (typeof collection !== 'object' || collection === null || !Array.isArray((collection as { item?: unknown }).item)) {
    throw new HarnessError('malformed-json', `collection file ${file} is not a Postman collection (no "item" array)`);
  }
  return isRestricted(selection) ? filterCollection(collection as { item: unknown[] }, ids) : collection;
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
  /** The cases of the run, for their reproducing commands. */
  readonly chosen: readonly ConformanceCase[];
  /** The variables the cases' templates were resolved with. */
  readonly caseVariables: ReadonlyMap<string, string>;
  readonly started: number;
  readonly options: SuiteOptions;
  readonly profile: ProfileId;
  readonly resolved: ResolvedTarget;
  readonly variables: ReadonlyMap<string, string>;
  readonly mask: (text: string) => string;
  readonly pacer: Pacer;
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
  const { setup, teardown, stopped } = results;
  const stoppedBy = stopped?.error;
  const { baseUrl } = resolved;
  const tls = clientTlsOf(options.tls ?? {});
  const target = { mode: resolved.mode, baseUrl, profile: context.profile, ...tls };
  const cases = nameFronts(withReproduce(results.cases, context.chosen, context.caseVariables, target));
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
  if (options.tls?.insecure) warnings.push('TLS certificate verification was skipped (--insecure)');
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
    pacing: context.pacer.record(),
  };
}
