/**
 * Postman environments of each profile: the reference server's (its published test identities)
 * and an example for a real target (placeholders to fill in).
 */
import { SECRET_VARIABLES, type EnvironmentVariable, type ProfileId } from '../cases/model.js';
import { PROFILE_DEFINITIONS, PROTECTED_PATH_VARIABLE, type Profile } from '../cases/profiles.js';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../cases/reference-identities.js';

/** A variable of an environment: one of the cases' variables, or a profile's collection variable set for a target. */
type VariableName = EnvironmentVariable | typeof PROTECTED_PATH_VARIABLE;

export interface EnvironmentValue {
  readonly key: VariableName;
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
/** Each profile's fixed environment ids, and what its example says `baseUrl` is. */
const PROFILE_ENVIRONMENTS: Readonly<Record<ProfileId, { readonly referenceId: string; readonly exampleId: string; readonly exampleBaseUrl: string }>> = {
  v3io: {
    referenceId: 'c7e2a1d4-6f3b-4a8e-9d05-2b1f7e4c9a60',
    exampleId: 'e4b9c2f7-1a6d-4c3e-8b70-5d2a9f1e6c84',
    exampleBaseUrl: '<web-APIs URL, e.g. https://webapi.default-tenant.app.mycluster.iguazio.com>',
  },
  basic: {
    referenceId: '3a6f0d2e-8b41-4c97-a5e3-7d1b9c04f258',
    exampleId: 'b81c5e94-0f2d-4a6b-93c7-e4d2a7f16b05',
    exampleBaseUrl: "<the server's origin, e.g. https://www.example.com>",
  },
};

type Values = Readonly<Partial<Record<VariableName, string>>>;

function environment(id: string, name: string, values: Values, enabled: (key: VariableName) => boolean): PostmanEnvironmentJson {
  return {
    id,
    name,
    values: (Object.keys(values) as VariableName[]).map((key) => ({
      key,
      value: values[key] ?? '',
      type: (SECRET_VARIABLES as readonly string[]).includes(key) ? 'secret' : 'default',
      enabled: enabled(key),
    })),
    _postman_variable_scope: 'environment',
  };
}

/** Only the variables the profile knows, in the order given. */
function ofProfile(profile: Profile, values: Values): Values {
  const known = new Set<string>([...profile.requiredVariables, ...profile.optionalVariables, ...Object.keys(profile.collectionVariables)]);
  return Object.fromEntries(Object.entries(values).filter(([key]) => known.has(key)));
}

export function buildReferenceEnvironment(profile: Profile = PROFILE_DEFINITIONS.v3io): PostmanEnvironmentJson {
  const { main, denied, colon, utf8 } = REFERENCE_IDENTITIES;
  return environment(
    PROFILE_ENVIRONMENTS[profile.id].referenceId,
    `${profile.title} — reference server`,
    ofProfile(profile, {
      baseUrl: REFERENCE_BASE_URL,
      // The container listing: the reference's resource that answers GET and HEAD and needs no fixture.
      [PROTECTED_PATH_VARIABLE]: `${REFERENCE_CONTAINER}/`,
      container: REFERENCE_CONTAINER,
      accessKey: main.accessKey,
      username: main.username,
      password: main.password,
      deniedAccessKey: denied.accessKey,
      deniedUsername: denied.username,
      deniedPassword: denied.password,
      colonUsername: colon.username,
      colonPassword: colon.password,
      utf8Username: utf8.username,
      utf8Password: utf8.password,
    }),
    () => true,
  );
}

/**
 * The example for a real target. The optional variables are disabled: a case that needs one is
 * skipped until the user fills it in and enables it, rather than run with a placeholder.
 */
export function buildTargetExampleEnvironment(profile: Profile = PROFILE_DEFINITIONS.v3io): PostmanEnvironmentJson {
  const required = new Set<string>([...profile.requiredVariables, ...Object.keys(profile.collectionVariables)]);
  return environment(
    PROFILE_ENVIRONMENTS[profile.id].exampleId,
    `${profile.title} — target (example)`,
    ofProfile(profile, {
      baseUrl: PROFILE_ENVIRONMENTS[profile.id].exampleBaseUrl,
      [PROTECTED_PATH_VARIABLE]: '<path of the protected URL without the leading slash, e.g. protected/index.html>',
      container: '<container the suite may write to, e.g. bigdata>',
      accessKey: '<your access key>',
      username: '<your username>',
      password: '<your password>',
      deniedAccessKey: '<access key of a user without permission on the container>',
      deniedUsername: '<username of a user without permission on the container>',
      deniedPassword: '<that user\'s password>',
      colonUsername: '<username of a user whose password contains ":">',
      colonPassword: '<that user\'s password>',
      utf8Username: '<username of a user with a non-ASCII password, e.g. test>',
      utf8Password: '<that user\'s password, e.g. 123£>',
    }),
    (key) => required.has(key),
  );
}
