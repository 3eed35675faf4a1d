/**
 * The values the suite derives from a secret (a key truncated, with its last character changed,
 * in the other letter case, a Base64 token of a password...): each is all but a character of the
 * secret, so a report must mask it like the secret itself when a target echoes it.
 */
import { isRequestCase } from '../cases/case-request.js';
import { SECRET_VARIABLES, type ConformanceCase } from '../cases/model.js';
import { COLLECTION_VARIABLES } from '../cases/operations.js';
import { resolveTemplate } from '../wire/template.js';
import { applyTransform } from '../wire/transforms.js';

const SECRET_NAMES: ReadonlySet<string> = new Set(SECRET_VARIABLES);

function mentions(template: string, names: ReadonlySet<string>): boolean {
  return [...template.matchAll(/\{\{([^{}]+)\}\}/g)].some((m) => names.has(m[1] ?? ''));
}

/** Every value the cases derive, directly or through another derivation, from a secret variable. */
export function derivedSecretValues(cases: readonly ConformanceCase[], variables: ReadonlyMap<string, string>): string[] {
  const values = new Set<string>();
  const runScope = new Map([...Object.entries(COLLECTION_VARIABLES), ...variables]);
  for (const testCase of cases.filter(isRequestCase)) {
    if (!testCase.derive?.length) continue;
    const scope = new Map(runScope);
    const secretNames = new Set(SECRET_NAMES);
    for (const derivation of testCase.derive ?? []) {
      // Every step of the chain: `user:passwor` on its way to a Base64 token is what a target decodes and echoes.
      const steps = derivation.apply.reduce((chain, transform) => [...chain, applyTransform(chain.at(-1) ?? '', transform)], [resolveTemplate(derivation.from, scope)]);
      scope.set(derivation.name, steps.at(-1) ?? '');
      if (!mentions(derivation.from, secretNames)) continue;
      secretNames.add(derivation.name);
      for (const step of steps) if (step) values.add(step);
    }
  }
  return [...values];
}
