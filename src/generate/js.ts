/** Emitting JavaScript source text from data, for the collection's scripts. */

// One `js()` for the judge's renderings and the generator's scripts: the judge's, below this layer.
export { js } from '../judge/script-literal.js';

/**
 * Wraps script lines in an arrow function called at once: top-level `const`s would clash with
 * the sandbox's own globals (a top-level `const CryptoJS` fails with "Identifier 'CryptoJS' has
 * already been declared"), and `return` can then end the script early.
 */
export function wrapScript(lines: readonly string[]): string[] {
  return ['(() => {', "  'use strict';", ...lines.map((line) => (line === '' ? '' : `  ${line}`)), '})();'];
}
