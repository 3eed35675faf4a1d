/**
 * The lines every test script starts with: how a failed check is reported.
 *
 * A failure is a plain Error thrown inside `pm.test`, worded
 * `Expected <what>, got <status> for <METHOD> <path-with-query>`. The path comes from
 * `pm.request.url.getPathWithQuery()` (as sent, variables resolved); secrets in it (a key put in
 * the query string) are masked back to their `{{variable}}` form, as is anything else in the
 * message. Messages never quote a header value or a body.
 */
import { SECRET_VARIABLES } from '../cases/model.js';
import { js } from './js.js';

/** Values shorter than this are not masked: they would match ordinary text. */
export const MIN_MASKED_LENGTH = 4;

/**
 * Defines `code` (undefined when the request got no response: connection reset, timeout),
 * `answered`, `redact(text)`, `where` and `fail(what)`. `alsoMasked`: further variables whose
 * values may appear in the path (derived ones the case puts in its path).
 *
 * Newman runs the test scripts even when the request failed, with an empty `pm.response`: each
 * script then fails its primary check ("got no response") and stops.
 */
export function reportLines(alsoMasked: readonly string[] = []): string[] {
  const names = [...new Set([...SECRET_VARIABLES, ...alsoMasked])];
  return [
    'const code = pm.response.code;',
    "const answered = typeof code === 'number' && code > 0;",
    `const masks = ${js(names)}.map((name) => [name, String(pm.variables.get(name) ?? '')]).filter((m) => m[1].length >= ${MIN_MASKED_LENGTH}).sort((a, b) => b[1].length - a[1].length);`,
    "const redact = (text) => masks.reduce((t, m) => t.split(m[1]).join('{{' + m[0] + '}}').split(encodeURIComponent(m[1])).join('{{' + m[0] + '}}'), String(text));",
    "const where = pm.request.method + ' ' + redact(pm.request.url.getPathWithQuery());",
    "const fail = (what) => { throw new Error(redact('Expected ' + what + ', got ' + (answered ? code : 'no response') + ' for ' + where)); };",
  ];
}

export { statusList } from '../judge/wording.js';

/** The variable names a template refers to, e.g. `["container", "accessKey"]`. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1]!);
}
