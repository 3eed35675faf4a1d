/** Emitting JavaScript source text from data, for the collection's scripts. */

/**
 * A JavaScript literal for JSON data; for a string, a string literal. JSON.stringify escapes
 * quotes, backslashes and every control character (`\u0000` becomes the six characters
 * `\u0000`); U+2028 and U+2029 are escaped as well, as engines before ES2019 reject them raw.
 */
export function js(value: string | number | boolean | readonly unknown[] | Readonly<Record<string, unknown>>): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Wraps script lines in an arrow function called at once: top-level `const`s would clash with
 * the sandbox's own globals (a top-level `const CryptoJS` fails with "Identifier 'CryptoJS' has
 * already been declared"), and `return` can then end the script early.
 */
export function wrapScript(lines: readonly string[]): string[] {
  return ['(() => {', "  'use strict';", ...lines.map((line) => (line === '' ? '' : `  ${line}`)), '})();'];
}
