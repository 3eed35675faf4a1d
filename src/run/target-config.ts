/**
 * Where a run's target and its variables come from. Three sources, the first that sets a
 * variable wins:
 * 1. flags: `--target <url>` (baseUrl), then `--env-var <name>=<value>` (any variable);
 * 2. the process environment, with the names the V3IO SDKs use — `V3IO_API` (the web-API URL,
 *    `http://` prepended when it has no scheme, as the SDKs do), `V3IO_ACCESS_KEY`,
 *    `V3IO_USERNAME`, `V3IO_PASSWORD` — plus `V3IO_CONTAINER` and one for each other identity's
 *    variable (`V3IO_DENIED_ACCESS_KEY`, `V3IO_COLON_PASSWORD`, ...), so that no secret need go on
 *    a command line;
 * 3. the Postman environment file (`--env`);
 * and, for the container only, `DEFAULT_CONTAINER`.
 *
 * The variables required are the profile's. In the basic profile the protected URL may be given
 * whole: a `baseUrl` with a path, and no `protectedPath`, is split into the origin and the path.
 *
 * A run is against a real target as soon as any of them describes one (a URL, a credential, an
 * environment file); only a run given none of them is against the embedded reference, with the
 * reference environment. A real target is never replaced by the embedded one: that would turn a
 * misconfigured run into a false "conformant".
 */
import { join } from 'node:path';
import { ENVIRONMENT_NAMES, type EnvironmentVariable } from '../cases/model.js';
import { PROFILE_DEFINITIONS, PROTECTED_PATH_VARIABLE, type Profile } from '../cases/profiles.js';
import { HarnessError } from '../errors.js';
import { packageRoot, PROFILE_PATHS } from '../package-info.js';
import { checkBaseUrl, environmentVariables, loadEnvironmentFile, withOverrides, type PostmanEnvironment } from './environment.js';

/** The process environment variables a run reads (the SDKs' names, and one per other identity variable), and the suite variable each sets. */
export const PROCESS_ENVIRONMENT_VARIABLES: Readonly<Record<string, EnvironmentVariable>> = Object.fromEntries(
  Object.entries(ENVIRONMENT_NAMES).map(([variable, name]) => [name, variable as EnvironmentVariable]),
);

/**
 * The container when no source names one: `bigdata`, the data container every Iguazio platform
 * has and the documentation's examples use. The report says when it was assumed.
 */
export const DEFAULT_CONTAINER = 'bigdata';

export interface TargetSources {
  /** Which variables are required, and where the embedded reference's environment is; default v3io. */
  readonly profile?: Profile;
  /** `--target <url>`. */
  readonly target?: string;
  /** `--env-var <name>=<value>`, in the order given (a later one wins). */
  readonly envVars?: readonly (readonly [string, string])[];
  /** `--env <file>`. */
  readonly envFile?: string;
  /** The process environment (V3IO_* variables); tests pass their own. */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedTarget {
  readonly mode: 'embedded' | 'target';
  /** Every variable of the run, the sources merged. */
  readonly environment: PostmanEnvironment;
  /** Validated, without a trailing slash. */
  readonly baseUrl: string;
  /** Where each variable set by a flag or the process environment came from, e.g. `accessKey` → `V3IO_ACCESS_KEY`. */
  readonly origins: ReadonlyMap<string, string>;
  /** True when no source named the container and `DEFAULT_CONTAINER` is used. */
  readonly defaultContainer: boolean;
}

/** Every variable that describes a target, in any profile: its variables, and the protected path. */
const TARGET_VARIABLES: ReadonlySet<string> = new Set([
  ...Object.values(PROFILE_DEFINITIONS).flatMap((p) => [...p.requiredVariables, ...p.optionalVariables]),
  PROTECTED_PATH_VARIABLE,
]);

/** `V3IO_API` as the SDKs read it: `http://` prepended when the value has no scheme. */
export function withDefaultScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

function environmentNameOf(variable: string): string | undefined {
  return Object.keys(PROCESS_ENVIRONMENT_VARIABLES).find((name) => PROCESS_ENVIRONMENT_VARIABLES[name] === variable);
}

/** The one-line error for required variables that no source sets, naming where each can come from. */
export function missingVariablesError(missing: readonly string[], envFile: string | undefined): HarnessError {
  const where = (name: string): string => (name === 'baseUrl' ? 'V3IO_API or --target <url>' : environmentNameOf(name) ?? `--env-var ${name}=<value>`);
  const plural = missing.length > 1;
  const file = envFile ? `the environment file ${envFile}` : 'a Postman environment file (--env)';
  return new HarnessError(
    'missing-variable',
    `missing required variable${plural ? 's' : ''} ${missing.map((name) => `${name} (${where(name)})`).join(', ')}: ` +
      `set ${plural ? 'them' : 'it'} as shown in parentheses, with --env-var <name>=<value>, or in ${file}`,
  );
}

/** The variables the flags and the process environment set, with where each came from. */
function overridesOf(sources: TargetSources): { values: Record<string, string>; origins: Map<string, string> } {
  const values: Record<string, string> = {};
  const origins = new Map<string, string>();
  const set = (name: string, value: string, origin: string): void => {
    values[name] = value;
    origins.set(name, origin);
  };
  // Lowest precedence first: later sets win.
  for (const [name, variable] of Object.entries(PROCESS_ENVIRONMENT_VARIABLES)) {
    const value = sources.processEnv?.[name];
    if (value) set(variable, variable === 'baseUrl' ? withDefaultScheme(value) : value, name);
  }
  for (const [name, value] of sources.envVars ?? []) set(name, value, `--env-var ${name}`);
  if (sources.target) set('baseUrl', sources.target, '--target');
  return { values, origins };
}

/** True when some source describes a real target (a URL, a credential, an environment file). */
function describesTarget(sources: TargetSources, overrides: Readonly<Record<string, string>>): boolean {
  return Boolean(sources.envFile) || Object.keys(overrides).some((name) => TARGET_VARIABLES.has(name));
}

/**
 * The basic profile's protected URL as `baseUrl` (the origin) and `protectedPath` (no leading
 * slash): from `protectedPath` when a source gives it, else from the path and query of `baseUrl`.
 */
function splitProtectedUrl(baseUrl: string, variables: ReadonlyMap<string, string>): { baseUrl: string; protectedPath: string } {
  const given = variables.get(PROTECTED_PATH_VARIABLE);
  if (given !== undefined && given !== '') return { baseUrl: baseUrl.replace(/\/+$/, ''), protectedPath: given.replace(/^\/+/, '') };
  const url = new URL(baseUrl);
  return { baseUrl: url.origin, protectedPath: `${url.pathname}${url.search}`.replace(/^\/+/, '') };
}

export function resolveTarget(sources: TargetSources): ResolvedTarget {
  const profile = sources.profile ?? PROFILE_DEFINITIONS.v3io;
  const { values, origins } = overridesOf(sources);
  if (!describesTarget(sources, values)) {
    const reference = loadEnvironmentFile(join(packageRoot(), PROFILE_PATHS[profile.id].referenceEnvironment));
    const environment = withOverrides(reference, values);
    const baseUrl = checkBaseUrl(environmentVariables(environment).get('baseUrl') ?? '', 'reference environment: baseUrl');
    return { mode: 'embedded', environment, baseUrl, origins, defaultContainer: false };
  }
  const base: PostmanEnvironment = sources.envFile ? loadEnvironmentFile(sources.envFile) : { name: 'target from the command line', values: [] };
  const given = withOverrides(base, values);
  const defaultContainer = profile.requiredVariables.includes('container') && !environmentVariables(given).get('container');
  const environment = defaultContainer ? withOverrides(given, { container: DEFAULT_CONTAINER }) : given;
  const variables = environmentVariables(environment);
  const missing = profile.requiredVariables.filter((name) => !variables.get(name));
  if (missing.length > 0) throw missingVariablesError(missing, sources.envFile);
  const urlOrigin = origins.get('baseUrl') ?? `environment file ${sources.envFile ?? ''}: baseUrl`;
  const checked = checkBaseUrl(variables.get('baseUrl') ?? '', urlOrigin);
  if (PROTECTED_PATH_VARIABLE in profile.collectionVariables) {
    // From the URL as given: the trailing slash that checkBaseUrl drops is part of a protected path.
    const { baseUrl, protectedPath } = splitProtectedUrl(variables.get('baseUrl') ?? '', variables);
    return { mode: 'target', environment: withOverrides(environment, { baseUrl, [PROTECTED_PATH_VARIABLE]: protectedPath }), baseUrl, origins, defaultContainer };
  }
  return { mode: 'target', environment: withOverrides(environment, { baseUrl: checked }), baseUrl: checked, origins, defaultContainer };
}
