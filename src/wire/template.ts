/**
 * `{{variable}}` placeholders resolved the way Postman's `pm.variables.replaceIn` resolves them:
 * a known name is replaced by its value, which may itself hold placeholders (collection variables
 * such as `fixtureObject` do), to a bounded depth; an unknown name stays as written. The one resolver:
 * the raw-socket runner, both engines, the direct teardown and the results all resolve with it, so a
 * request is reported as newman sent it (postman-collection's Substitutor: the same pattern, 19 rounds).
 */

/** Postman's placeholder syntax: no braces inside the name. */
const PLACEHOLDER = /\{\{([^{}]*?)\}\}/g;
/** Postman stops after this many nested substitutions; so do we. */
const MAX_DEPTH = 19;

export function resolveTemplate(text: string, variables: ReadonlyMap<string, string>): string {
  let current = text;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const next = current.replace(PLACEHOLDER, (whole, name: string) => variables.get(name) ?? whole);
    if (next === current) return current;
    current = next;
  }
  return current;
}
