/**
 * The Postman v2.1 collection of a catalogue, built with the postman-collection SDK.
 *
 * Contract with the runner (src/run/):
 * - one collection per profile (profiles.ts), holding the profile's cases as it sends them;
 * - folders, in order: `Setup` (id `setup`; when the profile has fixtures), one per form of the
 *   profile (id = the form, name = `FORM_TITLES[form]`), `Teardown` (id `teardown`; likewise);
 * - item id = case id (fixture steps: the step id); item name = `[LEVEL] <title>`;
 * - wire cases (`wire` set) are not in it: they need a raw socket;
 * - every `pm.test` name starts with `[MUST] `, `[SHOULD] ` or `[MAY] ` (for a Postman user's eyes:
 *   the runner judges the recorded exchanges with src/judge/, never the names);
 * - the echo check is the collection's test script, so it runs after every request.
 *
 * Every id is set here (the SDK mints random ones otherwise), so two builds are identical.
 */
import sdk from 'postman-collection';
import { isHttpCase } from '../cases/case-request.js';
import { FORM_TITLES, type ConformanceCase, type HttpCase, type Level, type ProfileId } from '../cases/model.js';
import { FIXTURE_CREDENTIALS, type FixtureStep } from '../cases/operations.js';
import { casesOf, operationOf, PROFILE_DEFINITIONS, PROTECTED_PATH_VARIABLE, type Profile } from '../cases/profiles.js';
import { casePlan } from '../judge/plan.js';
import { RESPONSE_SCHEMAS } from '../schemas/index.js';
import { SCHEMA_VARIABLE_PREFIX, schemaVariable } from './checks.js';
import { echoCheckScript } from './echo-check.js';
import { prerequestScript } from './prerequest-script.js';
import { requestDefinition, type RequestDefinition } from './request-definition.js';
import { testScript } from './test-script.js';

export const COLLECTION_NAME = PROFILE_DEFINITIONS.v3io.title;
/** `info._postman_id` of each profile's collection: fixed, so that Postman sees every build as the same collection. */
export const COLLECTION_IDS: Readonly<Record<ProfileId, string>> = {
  v3io: '5b0f6a52-3c1d-4e8b-9f27-a6d4c0e1b7f3',
  basic: '9d3e7c15-42a8-4f6b-b0e9-1c5a8d2f7e46',
};
export const SETUP_FOLDER_ID = 'setup';
export const TEARDOWN_FOLDER_ID = 'teardown';

/**
 * Applied to every folder (items inherit it): no redirects followed (a redirect is an answer to
 * judge, not to chase), no cookie jar (a cookie set by one response must not authenticate the
 * next request), a body sent with any method, and no Postman-specific headers (`Postman-Token`,
 * `Cache-Control`) or Content-Type the case did not write. Host, User-Agent, Accept,
 * Accept-Encoding and Connection stay as any client sends them (and as `pm.sendRequest`, which
 * takes no such settings, sends them for the comparison requests).
 */
export const PROTOCOL_PROFILE_BEHAVIOR = {
  followRedirects: false,
  disableCookies: true,
  disableBodyPruning: true,
  disabledSystemHeaders: { 'postman-token': true, 'cache-control': true, 'content-type': true },
} as const;

interface ScriptDefinition {
  readonly id: string;
  readonly type: 'text/javascript';
  readonly exec: readonly string[];
}
interface EventDefinition {
  readonly id: string;
  readonly listen: 'prerequest' | 'test';
  readonly script: ScriptDefinition;
}
interface ItemDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: { readonly content: string; readonly type: 'text/markdown' };
  readonly request: RequestDefinition;
  readonly event: EventDefinition[];
}
interface FolderDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: { readonly content: string; readonly type: 'text/markdown' };
  readonly item: ItemDefinition[];
  readonly protocolProfileBehavior: typeof PROTOCOL_PROFILE_BEHAVIOR;
}

function event(ownerId: string, listen: EventDefinition['listen'], exec: readonly string[]): EventDefinition {
  return { id: `${ownerId}.${listen}`, listen, script: { id: `${ownerId}.${listen}.script`, type: 'text/javascript', exec } };
}

function markdown(content: string): ItemDefinition['description'] {
  return { content, type: 'text/markdown' };
}

function levelName(level: Level): string {
  return level.toUpperCase();
}

/**
 * Derived variables are local variables (`pm.variables.set`), which newman keeps for the rest of
 * the run and resolves before the environment's: one named like an environment or collection
 * variable (of any profile) would replace it for every later request.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set(
  Object.values(PROFILE_DEFINITIONS).flatMap((p) => [...p.requiredVariables, ...p.optionalVariables, ...Object.keys(p.collectionVariables)]),
);

function checkDerivedNames(testCase: HttpCase): void {
  const derived = [...(testCase.derive ?? []), ...(testCase.expect.sameResponseAs?.derive ?? [])];
  for (const { name } of derived) {
    if (RESERVED_NAMES.has(name) || name.startsWith(SCHEMA_VARIABLE_PREFIX)) {
      throw new Error(`case ${testCase.id}: derived variable "${name}" would replace the environment's or collection's variable of that name`);
    }
  }
}

function caseItem(testCase: HttpCase, profile: Profile): ItemDefinition {
  const owner = `case ${testCase.id}`;
  checkDerivedNames(testCase);
  const prerequest = prerequestScript(testCase, casePlan(testCase, operationOf(profile, testCase)));
  const expected = testCase.expect.outcome === 'accept' ? 'accepted' : `rejected (${testCase.expect.outcome})`;
  return {
    id: testCase.id,
    name: `[${levelName(testCase.level)}] ${testCase.title}`,
    description: markdown(
      [
        `**${levelName(testCase.level)}** — ${testCase.requirement}`,
        '',
        `Expected: ${expected}. Case \`${testCase.id}\`, family \`${testCase.family}\`.`,
        ...(testCase.requires?.length ? ['', `Skipped unless the environment sets ${testCase.requires.map((v) => `\`${v}\``).join(', ')}.`] : []),
        ...(testCase.distinct?.length ? ['', `Skipped where ${testCase.distinct.map(([a, b]) => `\`${a}\` and \`${b}\``).join(', or ')} have the same value.`] : []),
        '',
        `Sources: ${testCase.sources.join('; ')}.`,
      ].join('\n'),
    ),
    request: requestDefinition(owner, testCase.request),
    event: [...(prerequest ? [event(testCase.id, 'prerequest', prerequest)] : []), event(testCase.id, 'test', testScript(testCase, profile))],
  };
}

function stepItem(step: FixtureStep): ItemDefinition {
  return {
    id: step.id,
    name: step.title,
    description: markdown(`Fixture step, sent with the valid access key; the runner checks it got a 2xx.`),
    request: requestDefinition(`fixture step ${step.id}`, { ...step.request, headers: [...step.request.headers, ...FIXTURE_CREDENTIALS] }),
    event: [],
  };
}

function folder(id: string, name: string, description: string, item: ItemDefinition[]): FolderDefinition {
  return { id, name, description: markdown(description), item, protocolProfileBehavior: PROTOCOL_PROFILE_BEHAVIOR };
}

/** What each profile's collection says of itself, before and after its list of variables. */
const DESCRIPTIONS: Readonly<Record<ProfileId, { readonly opening: readonly string[]; readonly details: readonly string[] }>> = {
  v3io: {
    opening: [
      'Conformance suite for the authentication of the V3IO (Iguazio) data-service web APIs: each request',
      'presents credentials in one of the four forms (X-v3io-session-key, AWS Signature V4 syntax, AWS',
      'Signature V2 syntax, Basic) — valid, malformed or wrong — and its tests check the answer against',
      'auth-requirements.md. Test names start with the requirement level: [MUST], [SHOULD] or [MAY].',
    ],
    details: [
      'The Setup folder writes fixtures under `{{runPrefix}}` in the container with the access key;',
      'Teardown removes them. Collection variables hold the fixture paths and, as `schema.<id>`,',
      'the JSON Schemas the responses are checked against.',
    ],
  },
  basic: {
    opening: [
      'Conformance suite for Basic authentication (RFC 7617, RFC 9110 §11) on any HTTP server: each',
      'request sends GET or HEAD to one protected URL with Basic credentials — valid, malformed or',
      'wrong — and its tests check the answer. Test names start with the requirement level: [MUST],',
      '[SHOULD] or [MAY]. Response bodies are not judged.',
    ],
    details: [
      `The protected URL is \`{{baseUrl}}/{{${PROTECTED_PATH_VARIABLE}}}\`: set \`${PROTECTED_PATH_VARIABLE}\` in the environment`,
      "(without a leading slash, e.g. `protected/`); the collection's default is the empty path.",
    ],
  },
};

function collectionDescription(profile: Profile): string {
  const list = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');
  return [
    ...DESCRIPTIONS[profile.id].opening,
    '',
    `Environment variables, required: ${list(profile.requiredVariables)}.`,
    `Optional (cases that need one are skipped without it): ${list(profile.optionalVariables)}.`,
    '',
    ...DESCRIPTIONS[profile.id].details,
    '',
    'Generated by v3io-auth-conformance from its case catalogue: do not edit by hand.',
  ].join('\n');
}

function collectionDefinition(cases: readonly ConformanceCase[], profile: Profile): object {
  const seen = new Set<string>();
  for (const testCase of cases) {
    if (seen.has(testCase.id)) throw new Error(`case id ${testCase.id} is used twice`);
    seen.add(testCase.id);
  }
  const { setup, teardown } = profile.fixtures;
  const folders = [
    ...(setup.length > 0 ? [folder(SETUP_FOLDER_ID, 'Setup', 'Creates the fixtures the cases read.', setup.map(stepItem))] : []),
    ...profile.forms.map((form) =>
      folder(
        form,
        FORM_TITLES[form],
        `Cases of the ${FORM_TITLES[form]} form.`,
        // Only HTTP cases: wire cases send bytes no Postman request can (CR/LF/NUL in a value,
        // obs-fold), which the runner sends over a raw socket; transport cases the runner measures.
        cases.filter(isHttpCase).filter((c) => c.form === form).map((c) => caseItem(c, profile)),
      ),
    ),
    ...(teardown.length > 0 ? [folder(TEARDOWN_FOLDER_ID, 'Teardown', 'Removes what Setup and the cases wrote.', teardown.map(stepItem))] : []),
  ];
  return {
    info: { id: COLLECTION_IDS[profile.id], name: profile.title, description: markdown(collectionDescription(profile)) },
    // No Postman auth helper anywhere: every credential is a header line written by the case.
    auth: { type: 'noauth' },
    variable: [
      ...Object.entries(profile.collectionVariables).map(([key, value]) => ({ key, value, type: 'string' })),
      ...profile.schemas.map((id) => ({ key: schemaVariable(id), value: JSON.stringify(RESPONSE_SCHEMAS[id]), type: 'string' })),
    ],
    event: [event('collection', 'test', echoCheckScript())],
    item: folders,
  };
}

/** The collection JSON of a profile (default: v3io) for the given cases: those in the profile, in catalogue order within each form. */
export function buildCollection(cases: readonly ConformanceCase[], profile: Profile = PROFILE_DEFINITIONS.v3io): object {
  // Plain definitions go in; the SDK builds its own instances from them.
  const collection = new sdk.Collection(collectionDefinition(casesOf(profile, cases), profile) as sdk.CollectionDefinition);
  return collection.toJSON() as object;
}
