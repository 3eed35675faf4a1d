/**
 * Everything a run knows before its first request: the target and its variables
 * (target-config.ts), the fixtures' folder of the run's own (run-prefix.ts), the selected cases,
 * the secrets and how to mask them, how each case is judged, a given collection read and cut down.
 */
import { isRequestCase } from '../cases/case-request.js';
import { catalogueFor } from '../cases/index.js';
import { DEFAULT_PROFILE, type ConformanceCase, type RequestCase } from '../cases/model.js';
import { casesOf, profileNamed, type Profile } from '../cases/profiles.js';
import { HarnessError } from '../errors.js';
import { clientTlsOf, type ClientTls } from '../tls-files.js';
import type { CaseJudging } from './case-result.js';
import { filterCollection } from './collection-filter.js';
import { runVariables } from './direct-requests.js';
import { DEFAULT_CONCURRENCY } from './engines.js';
import { environmentVariables, readJsonFile, withOverrides, type PostmanEnvironment } from './environment.js';
import type { RunEvent } from './run-events.js';
import { runPrefixFor } from './run-prefix.js';
import { secretsOf, secretVariables } from './run-secrets.js';
import { isRestricted, selectCases, type CaseSelection } from './selection.js';
import { checkBeforeStart } from './start-checks.js';
import type { SuiteOptions } from './suite-options.js';
import { resolveTarget, type ResolvedTarget } from './target-config.js';

export interface PreparedRun {
  readonly options: SuiteOptions;
  /** When the run started, ms since the epoch. */
  readonly started: number;
  readonly tls: ClientTls;
  readonly profile: Profile;
  readonly resolved: ResolvedTarget;
  readonly realTarget: boolean;
  readonly baseUrl: string;
  /** The environment, the run's prefix over it: what a given collection runs with. */
  readonly environment: PostmanEnvironment;
  /** The environment's variables. */
  readonly variables: ReadonlyMap<string, string>;
  /** The collection's variables, the environment's over them: what the engines resolve templates with. */
  readonly caseVariables: ReadonlyMap<string, string>;
  /** The cases of the catalogue (`--bypass`), for the run's upper bound. */
  readonly catalogueSize: number;
  /** The selected cases, transport ones included. */
  readonly chosen: readonly ConformanceCase[];
  /** The cases sent as requests; the transport cases are measured after them (transport-checks.ts). */
  readonly selected: readonly RequestCase[];
  readonly selectedById: ReadonlyMap<string, RequestCase>;
  /** Masks every secret of the run in a text. */
  readonly mask: (text: string) => string;
  readonly judging: CaseJudging;
  /** A collection given as it is (`--collection`), cut down to the selection. */
  readonly givenCollection?: object;
  readonly concurrency: number;
}

/** Prepares the run; tells `target-resolved` as soon as the target is known. */
export function prepareRun(options: SuiteOptions, emit: (event: RunEvent) => void): PreparedRun {
  const started = Date.now();
  // Before the first request: the PEM files and the timeout (start-checks.ts).
  const tls = clientTlsOf(options.tls ?? {});
  checkBeforeStart({ caFile: tls.caFile, certFile: tls.certFile, keyFile: tls.keyFile });
  const profile = profileNamed(options.profile ?? DEFAULT_PROFILE);
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
  const selected = chosen.filter(isRequestCase);
  const mask = options.maskFor(secretsOf(variables, selected));
  const selectedById = new Map(selected.map((c) => [c.id, c]));
  const fixtureIds = [...profile.fixtures.setup, ...profile.fixtures.teardown].map((s) => s.id);
  // A given collection (--collection) is read before the first request; unselected requests are
  // not sent at all: it is cut down to the selection. The engines' own requests need no file.
  const givenCollection =
    options.collectionFile === undefined ? undefined : readCollection(options.collectionFile, selection, new Set([...selectedById.keys(), ...fixtureIds]));
  return {
    options,
    started,
    tls,
    profile,
    resolved,
    realTarget,
    baseUrl,
    environment,
    variables,
    caseVariables: new Map([...Object.entries(profile.collectionVariables), ...variables]),
    catalogueSize: catalogue.length,
    chosen,
    selected,
    selectedById,
    mask,
    judging: { profile, timeoutMs: options.timeoutMs, variables: runVariables(environment), masking: { secrets: secretVariables(variables), mask } },
    ...(givenCollection ? { givenCollection } : {}),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  };
}

/** The collection at `file`, cut down to `ids` when the selection is restricted. */
function readCollection(file: string, selection: CaseSelection, ids: ReadonlySet<string>): object {
  const collection = readJsonFile(file, 'collection file');
  if (typeof collection !== 'object' || collection === null || !Array.isArray((collection as { item?: unknown }).item)) {
    throw new HarnessError('malformed-json', `collection file ${file} is not a Postman collection (no "item" array)`);
  }
  return isRestricted(selection) ? filterCollection(collection as { item: unknown[] }, ids) : collection;
}
