/**
 * The secrets of a run: the secret variables the environment sets, and everything the function
 * that masks them needs (the user:password pairs a Basic token carries, the values derived from
 * the secrets).
 */
import { SECRET_VARIABLES, type ConformanceCase } from '../cases/model.js';
import { derivedSecretValues } from './derived-secrets.js';

/**
 * The secrets of a run, for the function that masks them: the secret values, the user:password
 * pairs a Basic token may carry together, and the values derived from them (a truncated key, a token).
 */
export interface RunSecrets {
  readonly values: readonly string[];
  readonly pairs: readonly (readonly [string, string])[];
  readonly derived: readonly string[];
}

/** The secret variables the environment sets, by name. */
export function secretVariables(variables: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(SECRET_VARIABLES.flatMap((name) => (variables.get(name) ? [[name, variables.get(name) ?? '']] : [])));
}

export function secretsOf(variables: ReadonlyMap<string, string>, cases: readonly ConformanceCase[]): RunSecrets {
  const values = [...secretVariables(variables).values()];
  const pair = (user: string, password: string): [string, string] => [variables.get(user) ?? '', variables.get(password) ?? ''];
  const pairs = [pair('username', 'password'), pair('colonUsername', 'colonPassword'), pair('utf8Username', 'utf8Password'), pair('deniedUsername', 'deniedPassword')];
  // The values derived from the secrets (a truncated key, a Base64 token) are secrets too.
  return { values, pairs, derived: derivedSecretValues(cases, variables) };
}
