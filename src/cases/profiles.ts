/**
 * Profiles: the kinds of server a run judges. A profile says which cases it takes (those whose
 * `profiles` name it), what their requests become on such a server, which variables an
 * environment must give, which fixtures exist, and how error bodies are judged.
 *
 * The `basic` profile is for any RFC 7617 / RFC 9110 Basic-authentication server: it has one
 * protected URL, `{{baseUrl}}/{{protectedPath}}`, that answers GET and HEAD, and no fixtures or
 * V3IO bodies. A case is in it only when its request is the plain request of an operation the
 * profile maps (`get-object` and `list-container` → GET of the protected URL, `head-object` →
 * HEAD); `inProfile` rewrites that request, and the words of its title that name the V3IO
 * request (`on GET object` becomes `on GET of the protected URL`), so no case is written twice.
 */
import { caseMethod, caseOperation, caseTarget } from './case-request.js';
import type { ConformanceCase, Form, HttpCase, OperationId, OptionalVariable, ProfileId, RequestCase, RequiredVariable, WireCase, WirePart } from './model.js';
import { FORMS, OPTIONAL_VARIABLES, REQUIRED_VARIABLES } from './model.js';
import { COLLECTION_VARIABLES, FIXTURES, OPERATIONS, SCHEMA_IDS, type FixtureStep, type Operation, type SchemaId } from './operations.js';

/** The basic profile's variable for the protected URL's path, after `{{baseUrl}}/`: `protected/` for `http://host/protected/`. */
export const PROTECTED_PATH_VARIABLE = 'protectedPath';

export interface Profile {
  readonly id: ProfileId;
  /** Collection and environment names. */
  readonly title: string;
  /** The forms whose cases the profile can hold, in folder order. */
  readonly forms: readonly Form[];
  readonly requiredVariables: readonly RequiredVariable[];
  readonly optionalVariables: readonly OptionalVariable[];
  /** Variables the collection defines; an environment may override them. */
  readonly collectionVariables: Readonly<Record<string, string>>;
  /** What each operation the profile offers is on its servers. */
  readonly operations: Readonly<Partial<Record<OperationId, Operation>>>;
  readonly fixtures: Readonly<Record<'setup' | 'teardown', readonly FixtureStep[]>>;
  /** The response schemas the collection embeds. */
  readonly schemas: readonly SchemaId[];
  /** The schema a 4xx body (but to HEAD) should match; absent: error bodies are not judged. */
  readonly errorSchema?: SchemaId;
  /** What the profile's titles say instead of the catalogue's words for a V3IO request (`GET object`). */
  readonly titleTerms?: Readonly<Record<string, string>>;
}

const PROTECTED_URL = `/{{${PROTECTED_PATH_VARIABLE}}}`;

function protectedResource(method: 'GET' | 'HEAD', operation: OperationId): Operation {
  return {
    id: operation,
    summary: `${method} the protected URL`,
    method,
    path: PROTECTED_URL,
    headers: [],
    // Whatever the protected resource is, a plain GET or HEAD of it succeeds with one of these.
    successStatuses: [200, 204],
    success: { kind: 'status-only' },
  };
}

export const PROFILE_DEFINITIONS: Readonly<Record<ProfileId, Profile>> = {
  v3io: {
    id: 'v3io',
    title: 'V3IO auth conformance',
    forms: FORMS,
    requiredVariables: REQUIRED_VARIABLES,
    optionalVariables: OPTIONAL_VARIABLES,
    collectionVariables: COLLECTION_VARIABLES,
    operations: OPERATIONS,
    fixtures: FIXTURES,
    schemas: SCHEMA_IDS,
    errorSchema: 'v3io-error',
  },
  basic: {
    id: 'basic',
    title: 'Basic authentication conformance (RFC 7617)',
    forms: ['basic', 'cross-cutting'],
    requiredVariables: ['baseUrl', 'username', 'password'],
    optionalVariables: ['colonUsername', 'colonPassword', 'utf8Username', 'utf8Password'],
    collectionVariables: { [PROTECTED_PATH_VARIABLE]: '' },
    operations: {
      'get-object': protectedResource('GET', 'get-object'),
      'head-object': protectedResource('HEAD', 'head-object'),
      // The wire cases' operation (a GET that needs no fixture on a V3IO server).
      'list-container': protectedResource('GET', 'list-container'),
    },
    fixtures: { setup: [], teardown: [] },
    schemas: [],
    titleTerms: { 'GET object': 'GET of the protected URL', 'HEAD object': 'HEAD of the protected URL', 'the container listing': 'the protected URL' },
  },
};

/** The title as the profile words it: each of its `titleTerms`, as a whole phrase, replaced. */
function retitled(profile: Profile, title: string): string {
  return Object.entries(profile.titleTerms ?? {}).reduce((text, [term, replacement]) => text.replace(new RegExp(`\\b${term}\\b`, 'g'), replacement), title);
}

export function profileNamed(id: ProfileId): Profile {
  return PROFILE_DEFINITIONS[id];
}

/** The operation a case sends, as the profile has it. Throws for a case the profile cannot send. */
export function operationOf(profile: Profile, testCase: RequestCase): Operation {
  const id = caseOperation(testCase);
  const operation = profile.operations[id];
  if (!operation) throw new Error(`case ${testCase.id}: the ${profile.id} profile has no ${id} operation`);
  return operation;
}

/**
 * The case as the profile sends it: the same case on the V3IO profile; on another, the plain
 * request of its operation (and a wire case's request line) pointed at the profile's operation.
 * A transport case is the same on every profile. Throws when the case is not in the profile, or
 * when its request is not the plain one (a case with its own path or method needs a server that
 * has that path or method).
 */
export function inProfile(profile: Profile, testCase: HttpCase): HttpCase;
export function inProfile(profile: Profile, testCase: WireCase): WireCase;
export function inProfile(profile: Profile, testCase: ConformanceCase): ConformanceCase;
export function inProfile(profile: Profile, testCase: ConformanceCase): ConformanceCase {
  if (!testCase.profiles.includes(profile.id)) throw new Error(`case ${testCase.id} is not in the ${profile.id} profile`);
  if (testCase.kind === 'transport') return testCase;
  const operation = operationOf(profile, testCase);
  const plain = OPERATIONS[caseOperation(testCase)];
  if (operation === plain) return testCase;
  const body = testCase.kind === 'http' ? testCase.request.body : undefined;
  if (caseMethod(testCase) !== plain.method || caseTarget(testCase) !== plain.path || body !== plain.body) {
    throw new Error(`case ${testCase.id}: in the ${profile.id} profile, but its request is not the plain ${plain.id} request`);
  }
  const title = retitled(profile, testCase.title);
  if (testCase.kind === 'http') return { ...testCase, title, request: { ...testCase.request, method: operation.method, path: operation.path } };
  const retarget = (part: WirePart): WirePart =>
    part.kind === 'request-line' && part.method === plain.method && part.target === plain.path ? { ...part, method: operation.method, target: operation.path } : part;
  return { ...testCase, title, wire: { ...testCase.wire, parts: testCase.wire.parts.map(retarget) } };
}

/** The profile's cases, in the given (catalogue) order, as the profile sends them. */
export function casesOf(profile: Profile, cases: readonly ConformanceCase[]): ConformanceCase[] {
  return cases.filter((c) => c.profiles.includes(profile.id)).map((c) => inProfile(profile, c));
}
