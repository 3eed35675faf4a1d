/** Data as JavaScript source text, for the Postman renderings of the checks. */

/**
 * A JavaScript literal for JSON data; for a string, a string literal. JSON.stringify escapes
 * quotes, backslashes and every control character; U+2028 and U+2029 are escaped as well, as
 * engines before ES2019 reject them raw.
 */
export function js(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
