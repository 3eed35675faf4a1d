/** Data as JavaScript source text: the Postman renderings of the checks and the collection's scripts. */

/** What `js()` takes: JSON data (`undefined` has no literal, so it is refused by the type). */
export type ScriptData = string | number | boolean | null | readonly unknown[] | Readonly<Record<string, unknown>>;

/**
 * A JavaScript literal for JSON data; for a string, a string literal. JSON.stringify escapes
 * quotes, backslashes and every control character (`\u0000` becomes the six characters
 * `\u0000`); U+2028 and U+2029 are escaped as well, as engines before ES2019 reject them raw.
 */
export function js(value: ScriptData): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
