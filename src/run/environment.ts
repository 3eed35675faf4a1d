/**
 * Postman environments as the runner reads them: loaded from a file with a clear error for each
 * way the file can be wrong, overridden from the command line, checked for required variables.
 */
import { HarnessError } from '../errors.js';
import { REQUIRED_VARIABLES } from '../cases/model.js';
import { readJsonFile } from '../json-file.js';

export interface EnvironmentValue {
  readonly key: string;
  readonly value: string;
  readonly type?: string;
  readonly enabled?: boolean;
}

/** The subset of a Postman environment the runner needs. */
export interface PostmanEnvironment {
  readonly id?: string;
  readonly name?: string;
  readonly values: readonly EnvironmentValue[];
  readonly [other: string]: unknown;
}


/** Checks that a parsed value has the shape of a Postman environment. */
export function asEnvironment(value: unknown, origin: string): PostmanEnvironment {
  const fail = (why: string): never => {
    throw new HarnessError('malformed-environment', `${origin} is not a Postman environment: ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const values = (value as { values?: unknown }).values;
  if (!Array.isArray(values)) return fail('it has no "values" array');
  values.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) fail(`values[${index}] is not an object`);
    const { key, value: v } = entry as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || key === '') fail(`values[${index}] has no "key" string`);
    if (v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      fail(`values[${index}] ("${String(key)}") has a value that is not a string`);
    }
  });
  return {
    ...(value as Record<string, unknown>),
    values: values.map((entry) => {
      const { key, value: v, type, enabled } = entry as Record<string, unknown>;
      return {
        key: key as string,
        value: v === undefined ? '' : String(v),
        ...(typeof type === 'string' ? { type } : {}),
        ...(typeof enabled === 'boolean' ? { enabled } : {}),
      };
    }),
  };
}

export function loadEnvironmentFile(path: string): PostmanEnvironment {
  return asEnvironment(readJsonFile(path, 'environment file'), `environment file ${path}`);
}

/** The enabled variables of an environment, by name. */
export function environmentVariables(environment: PostmanEnvironment): ReadonlyMap<string, string> {
  return new Map(environment.values.filter((v) => v.enabled !== false).map((v) => [v.key, v.value]));
}

/** A copy of the environment with some variables set (added when absent, enabled when present). */
export function withOverrides(environment: PostmanEnvironment, overrides: Readonly<Record<string, string>>): PostmanEnvironment {
  const keys = new Set(Object.keys(overrides));
  const kept = environment.values.filter((v) => !keys.has(v.key));
  const added = Object.entries(overrides).map(([key, value]) => ({ key, value, type: 'default', enabled: true }));
  return { ...environment, values: [...kept, ...added] };
}

/** Throws a configuration error naming every required variable that is missing or empty. */
export function checkRequiredVariables(variables: ReadonlyMap<string, string>, origin: string): void {
  const missing = REQUIRED_VARIABLES.filter((name) => !variables.get(name));
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new HarnessError('missing-variable', `${origin} lacks required variable${missing.length > 1 ? 's' : ''}: ${list}`);
  }
}

/** Validates a target base URL: absolute http(s), no credentials in it. Returns it without a trailing slash. */
export function checkBaseUrl(raw: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HarnessError('invalid-url', `${origin}: "${raw}" is not an absolute URL (expected e.g. https://webapi.example.com:8443)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HarnessError('invalid-url', `${origin}: "${url.protocol}" URLs are not supported (use http:// or https://)`);
  }
  if (url.username || url.password) {
    throw new HarnessError('invalid-url', `${origin}: the URL must not carry credentials; put them in the environment`);
  }
  return raw.replace(/\/+$/, '');
}

export { readJsonFile };
