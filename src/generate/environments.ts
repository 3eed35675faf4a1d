/**
 * Postman environments: the reference server's (its published test identities) and an example
 * for a real target (placeholders to fill in).
 */
import { REQUIRED_VARIABLES, SECRET_VARIABLES, type EnvironmentVariable } from '../cases/model.js';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../reference/identities.js';

export interface EnvironmentValue {
  readonly key: EnvironmentVariable;
  readonly value: string;
  /** `secret` for the variables in SECRET_VARIABLES: Postman masks them in its UI. */
  readonly type: 'default' | 'secret';
  readonly enabled: boolean;
}

export interface PostmanEnvironmentJson {
  readonly id: string;
  readonly name: string;
  readonly values: readonly EnvironmentValue[];
  readonly _postman_variable_scope: 'environment';
}

/** Where `serve` listens by default. */
export const REFERENCE_BASE_URL = 'http://127.0.0.1:8081';
export const REFERENCE_ENVIRONMENT_ID = 'c7e2a1d4-6f3b-4a8e-9d05-2b1f7e4c9a60';
export const TARGET_EXAMPLE_ENVIRONMENT_ID = 'e4b9c2f7-1a6d-4c3e-8b70-5d2a9f1e6c84';

function environment(id: string, name: string, values: Readonly<Record<EnvironmentVariable, string>>, enabled: (key: EnvironmentVariable) => boolean): PostmanEnvironmentJson {
  return {
    id,
    name,
    values: (Object.keys(values) as EnvironmentVariable[]).map((key) => ({
      key,
      value: values[key],
      type: SECRET_VARIABLES.includes(key) ? 'secret' : 'default',
      enabled: enabled(key),
    })),
    _postman_variable_scope: 'environment',
  };
}

export function buildReferenceEnvironment(): PostmanEnvironmentJson {
  const { main, denied, colon, utf8 } = REFERENCE_IDENTITIES;
  return environment(
    REFERENCE_ENVIRONMENT_ID,
    'V3IO auth conformance — reference server',
    {
      baseUrl: REFERENCE_BASE_URL,
      container: REFERENCE_CONTAINER,
      accessKey: main.accessKey,
      username: main.username,
      password: main.password,
      deniedAccessKey: denied.accessKey,
      colonUsername: colon.username,
      colonPassword: colon.password,
      utf8Username: utf8.username,
      utf8Password: utf8.password,
    },
    () => true,
  );
}

/**
 * The example for a real target. The optional variables are disabled: a case that needs one is
 * skipped until the user fills it in and enables it, rather than run with a placeholder.
 */
export function buildTargetExampleEnvironment(): PostmanEnvironmentJson {
  const required = new Set<EnvironmentVariable>(REQUIRED_VARIABLES);
  return environment(
    TARGET_EXAMPLE_ENVIRONMENT_ID,
    'V3IO auth conformance — target (example)',
    {
      baseUrl: '<web-APIs URL, e.g. https://webapi.default-tenant.app.mycluster.iguazio.com>',
      container: '<container the suite may write to, e.g. bigdata>',
      accessKey: '<your access key>',
      username: '<your username>',
      password: '<your password>',
      deniedAccessKey: '<access key of a user without permission on the container>',
      colonUsername: '<username of a user whose password contains ":">',
      colonPassword: '<that user\'s password>',
      utf8Username: '<username of a user with a non-ASCII password, e.g. test>',
      utf8Password: '<that user\'s password, e.g. 123£>',
    },
    (key) => required.has(key),
  );
}
