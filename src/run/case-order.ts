/**
 * The order every engine sends the HTTP cases in, and how much each sends: the collection's order,
 * the requests a case's plan makes. Shared by the engines, which do not import one another.
 */
import { isHttpCase } from '../cases/case-request.js';
import type { ConformanceCase, HttpCase } from '../cases/model.js';
import { operationOf, type Profile } from '../cases/profiles.js';
import { casePlan } from '../judge/plan.js';

export { orderedGroups } from './case-groups.js';

/** The selected HTTP cases in the collection's order: by form as the profile lists them, then as given. */
export function collectionOrder(profile: Profile, cases: readonly ConformanceCase[]): HttpCase[] {
  return profile.forms.flatMap((form) => cases.filter(isHttpCase).filter((c) => c.form === form));
}

/** Requests a case sends at most: its plan's steps, its own request, a second one. */
export function requestsOf(profile: Profile, testCase: HttpCase): number {
  const plan = casePlan(testCase, operationOf(profile, testCase));
  return plan.preparation.length + plan.beforeRead.length + 1 + plan.afterRead.length + (plan.second ? 1 : 0);
}
