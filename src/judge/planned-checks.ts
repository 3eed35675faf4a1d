/**
 * The checks judging a case may make, known before anything is sent: those a case's collection
 * script would render, and the raw-socket checks of a wire case. Some of them are made only on
 * some answers (the challenge on a 401, the read-back on a refused write); `explain` lists them.
 */
import type { Level } from '../cases/model.js';
import { levelOf, type RenderInput } from './check-definition.js';
import { CHECKS } from './checks.js';

export interface PlannedCheck {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
}

export function plannedChecks(input: RenderInput): PlannedCheck[] {
  return CHECKS.filter((definition) => definition.when.onCase(input))
    .map((definition) => ({ id: definition.id, name: definition.name(input.testCase, input.plan), level: levelOf(definition, input.testCase) }));
}
