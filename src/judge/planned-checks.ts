/**
 * The checks judging a case may make, known before anything is sent: those a case's collection
 * script would render, and the raw-socket checks of a wire case. Some of them are made only on
 * some answers (the challenge on a 401, the read-back on a refused write); `explain` lists them.
 */
import type { Level } from '../cases/model.js';
import './checks.js';
import { levelOf, registeredChecks, type RenderInput } from './registry.js';

export interface PlannedCheck {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
}

export function plannedChecks(input: RenderInput): PlannedCheck[] {
  return registeredChecks()
    .filter((definition) => {
      const planned = definition.planned ?? definition.postman?.applies;
      if (!planned) throw new Error(`check ${definition.id} says neither when it is planned nor how the collection makes it`);
      return planned(input);
    })
    .map((definition) => ({ id: definition.id, name: definition.name(input.testCase, input.plan), level: levelOf(definition, input.testCase) }));
}
