/**
 * The harness collection: what the newman engine runs instead of the committed collection. Built
 * in memory (never written: it holds the run's credentials) from the same plan the native engine
 * follows (src/judge/plan.ts): each fixture step, and for each case its preparation and
 * before-snapshot reads, its own request, the after-snapshot reads, the second request — each one
 * item of its own, with every template resolved in Node (the run's variables, the case's derived
 * values from src/wire/transforms.ts) by the resolver the native engine uses. So newman sends
 * plain requests and runs no script: its sandbox is most of its per-request cost, and the judge
 * works from the recorded exchanges in Node anyway.
 *
 * Two answers decide what a later request of the case is:
 * - a step's `capture` (a stream's Location, which the server makes up) goes into a later request
 *   of the same case: the capturing item alone gets a three-line test script, setting a variable
 *   of the case's own name (`capture.<case id>.<variable>`, its initial value passed in the run's
 *   environment), which the later requests name instead of the collection variable;
 * - the after-snapshot reads (only when the request was not accepted, or the case judges a 2xx on
 *   evidence of a write) and the second request
 *   (only when the request got an answer) are sent whatever the request got, and the trace keeps
 *   them only where the plan calls for them (run-harness.ts). They read, or repeat the request
 *   with other credentials: on a server that accepted a rejection case, or did not answer it, the
 *   extra requests change nothing a later case sees, so the outcomes are those of a run that
 *   sends them conditionally — one more item costs less than a script.
 */
import { unmetPrecondition } from '../../cases/case-request.js';
import type { HttpCase } from '../../cases/model.js';
import { FIXTURE_CREDENTIALS, type FixtureStep, type PrepareStep, type StepRequest } from '../../cases/operations.js';
import { operationOf, type Profile } from '../../cases/profiles.js';
import { PROTOCOL_PROFILE_BEHAVIOR } from '../../generate/collection.js';
import { js, wrapScript } from '../../generate/js.js';
import { casePlan } from '../../judge/plan.js';
import { resolveTemplate } from '../../wire/template.js';
import { deriveAll } from '../../wire/transforms.js';
import type { EnvironmentValue } from '../environment.js';

/** What an item of the harness collection is, for putting the case's trace together. */
export type ItemRole = 'fixture' | 'prepare' | 'before' | 'request' | 'after' | 'second';

/** A request with every template resolved. */
export interface ResolvedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

export interface HarnessItem {
  readonly id: string;
  readonly name: string;
  readonly role: ItemRole;
  readonly request: ResolvedRequest;
  /** A member of the JSON answer to keep in this run variable (see the module comment). */
  readonly capture?: { readonly variable: string; readonly member: string };
}

/** A case as the newman engine sends it: its items in order (none when it is skipped). */
export interface HarnessCase {
  readonly testCase: HttpCase;
  readonly items: readonly HarnessItem[];
  /** The case's derived values, for masking them in its report (as the scripts' local variables). */
  readonly derived: ReadonlyMap<string, string>;
  /** Run variables the captures start from (the collection's value, as the native engine's scope). */
  readonly captureVariables: readonly EnvironmentValue[];
  /** Not sent: it needs a variable the run lacks (the scripts' `skipRequest`). */
  readonly skipped: boolean;
}

function resolved(template: StepRequest, scope: ReadonlyMap<string, string>, credentials: readonly (readonly [string, string])[] = []): ResolvedRequest {
  return {
    method: template.method,
    url: resolveTemplate(`{{baseUrl}}${template.path}`, scope),
    headers: [...template.headers, ...credentials].map(([name, value]) => [name, resolveTemplate(value, scope)] as const),
    ...(template.body === undefined ? {} : { body: resolveTemplate(template.body, scope) }),
  };
}

/** The run variable a capture of this case sets: unique to the case, as the native engine's scope is. */
export function captureVariable(caseId: string, variable: string): string {
  return `capture.${caseId}.${variable}`;
}

export function fixtureItem(step: FixtureStep, variables: ReadonlyMap<string, string>): HarnessItem {
  return { id: step.id, name: step.title, role: 'fixture', request: resolved(step.request, variables, FIXTURE_CREDENTIALS) };
}

/** A case's items, in the order of its plan. */
export function harnessCase(testCase: HttpCase, profile: Profile, variables: ReadonlyMap<string, string>): HarnessCase {
  const derived = deriveAll(testCase.derive ?? [], variables);
  if (unmetPrecondition(testCase, variables) !== undefined) return { testCase, items: [], derived, captureVariables: [], skipped: true };
  const plan = casePlan(testCase, operationOf(profile, testCase));
  const steps = [...plan.preparation, ...plan.beforeRead, ...plan.afterRead];
  // A captured variable is left to newman, under the case's own name; its initial value is the run's.
  const captured = [...new Set(steps.flatMap((s) => (s.capture ? [s.capture.variable] : [])))];
  const captureVariables = captured.map((name) => ({
    key: captureVariable(testCase.id, name),
    value: variables.has(name) ? resolveTemplate(variables.get(name)!, variables) : `{{${name}}}`,
    enabled: true,
  }));
  const scope = new Map([...variables, ...derived, ...captured.map((name) => [name, `{{${captureVariable(testCase.id, name)}}}`] as const)]);
  const stepItems = (role: ItemRole, list: readonly PrepareStep[]): HarnessItem[] =>
    list.map((step, i) => ({
      id: `${testCase.id}#${role}-${i + 1}`,
      name: `${testCase.id}: ${role} ${i + 1}`,
      role,
      request: resolved(step, scope, FIXTURE_CREDENTIALS),
      ...(step.capture ? { capture: { variable: captureVariable(testCase.id, step.capture.variable), member: step.capture.member } } : {}),
    }));
  const items: HarnessItem[] = [
    ...stepItems('prepare', plan.preparation),
    ...stepItems('before', plan.beforeRead),
    { id: testCase.id, name: `[${testCase.level.toUpperCase()}] ${testCase.title}`, role: 'request', request: resolved(testCase.request, scope) },
    ...stepItems('after', plan.afterRead),
  ];
  if (plan.second) {
    const secondScope = new Map([...scope, ...deriveAll(testCase.expect.sameResponseAs?.derive ?? [], scope)]);
    items.push({ id: `${testCase.id}#second`, name: `${testCase.id}: second`, role: 'second', request: resolved({ ...testCase.request, headers: plan.second.headers }, secondScope) });
  }
  return { testCase, items, derived, captureVariables, skipped: false };
}

/** The only script of the harness collection: keeps a string member of a JSON answer, as the native engine does. */
function captureScript(capture: NonNullable<HarnessItem['capture']>): object[] {
  const exec = wrapScript([
    'let value;',
    `try { value = pm.response.json()[${js(capture.member)}]; } catch (e) { value = undefined; }`,
    `if (typeof value === 'string') pm.variables.set(${js(capture.variable)}, value);`,
  ]);
  return [{ listen: 'test', script: { type: 'text/javascript', exec } }];
}

function itemDefinition(item: HarnessItem): object {
  const { request } = item;
  return {
    id: item.id,
    name: item.name,
    request: {
      url: request.url,
      method: request.method,
      header: request.headers.map(([key, value]) => ({ key, value })),
      ...(request.body === undefined ? {} : { body: { mode: 'raw', raw: request.body } }),
    },
    event: item.capture ? captureScript(item.capture) : [],
  };
}

/**
 * A collection of these items, in order, with the committed collection's protocol behaviour (no
 * redirects followed, no cookie jar, no Postman-specific headers), no variables and no scripts
 * but the captures.
 */
export function harnessCollection(name: string, items: readonly HarnessItem[]): object {
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ id: 'harness', name, item: items.map(itemDefinition), protocolProfileBehavior: PROTOCOL_PROFILE_BEHAVIOR }],
  };
}
