/**
 * The collection's rendering of the check definitions: for a case, the helpers and the `pm.test`
 * statements of every definition rendered for it, in the order of `CHECKS`; for the whole
 * collection, the echo check run after every request.
 */
import { SECRET_VARIABLES } from '../cases/model.js';
import { waitScriptLines } from './asked-to-wait.js';
import { testName, type RenderInput, type ScriptHelper } from './check-definition.js';
import { CHECKS, NO_ECHO_NAME } from './checks.js';
import { credentialsIn, echoedCredentials } from './echo.js';
import { responseDifferences } from './same-response.js';
import { sharedReuseInvitations } from './shared-cache.js';
import { functionLines } from './script-function.js';
import { js } from './script-literal.js';
import { snapshotScriptLines } from './snapshot.js';
import { stepScriptLines } from './steps.js';
import { MIN_ECHO_LENGTH } from './wording.js';

/** Collection variables `schema.<SchemaId>` hold the response schemas as JSON text. */
export const SCHEMA_VARIABLE_PREFIX = 'schema.';

/** Defines `schemaProblem(id)` ('' when the body is valid against the embedded schema; ajv 6 in the sandbox) and `checkSchema(id, what)`. */
function schemaLines(): string[] {
  return [
    'const schemaProblem = (id) => {',
    '  let body;',
    "  try { body = JSON.parse(pm.response.text()); } catch (e) { return 'the body is not JSON'; }",
    "  const Ajv = require('ajv');",
    `  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(pm.collectionVariables.get(${js(SCHEMA_VARIABLE_PREFIX)} + id)));`,
    "  return validate(body) ? '' : validate.errors.slice(0, 3).map((e) => 'body' + e.dataPath + ' ' + e.message).join('; ');",
    '};',
    "const checkSchema = (id, what) => { const problem = schemaProblem(id); if (problem) fail(what + ' (' + problem + ')'); };",
  ];
}

/** The case's checks as script lines: the helpers they use (top level), then their statements. */
export function caseCheckLines(input: RenderInput): { readonly helpers: string[]; readonly checks: string[] } {
  const rendered = CHECKS.flatMap((definition) =>
    definition.postman && definition.when.onCase(input) ? [{ postman: definition.postman, name: testName(definition, input.testCase, input.plan) }] : [],
  );
  const helpers = new Set<ScriptHelper>(rendered.flatMap((r) => r.postman.helpers?.(input) ?? []));
  return {
    helpers: [
      ...(helpers.has('schema') ? schemaLines() : []),
      ...(helpers.has('wait') ? waitScriptLines() : []),
      ...(helpers.has('steps') || input.plan.afterRead.length > 0 ? stepScriptLines() : []),
      ...(helpers.has('snapshot') && input.plan.proof ? snapshotScriptLines(input.plan.proof.compare) : []),
      ...(helpers.has('compare') ? functionLines(responseDifferences) : []),
      ...(helpers.has('shared-cache') ? functionLines(sharedReuseInvitations) : []),
    ],
    checks: rendered.flatMap((r) => r.postman.lines(input, r.name)),
  };
}

/**
 * The `no-echo` check for any request of the collection, after `reportLines()`: the credentials
 * are the environment's secret variables and those read off the request as sent, found and looked
 * for by the functions Node's judge uses (echo.ts), run from their own source. Base64 is decoded
 * with CryptoJS (Node: Buffer); text that is not Base64 of UTF-8 decodes to nothing to look for.
 */
export function echoCheckLines(): string[] {
  return [
    '// No response (connection reset, timeout): nothing was echoed.',
    'if (!answered) return;',
    "const CryptoJS = require('crypto-js');",
    ...functionLines(credentialsIn),
    ...functionLines(echoedCredentials),
    'const decodeBase64 = (text) => {',
    '  try { return CryptoJS.enc.Base64.parse(text).toString(CryptoJS.enc.Utf8); } catch (e) { return undefined; }',
    '};',
    `const variables = ${js(SECRET_VARIABLES)}.map((name) => [name, pm.variables.get(name)]);`,
    'const headers = pm.request.headers.all().filter((h) => !h.disabled).map((h) => [String(h.key), h.value]);',
    "const places = [['the status text', String(pm.response.status ?? '')]];",
    "pm.response.headers.each((h) => places.push(['header ' + h.key, h.key + ': ' + h.value]));",
    "places.push(['the body', pm.response.text()]);",
    `const echoed = echoedCredentials(credentialsIn(variables, headers, decodeBase64), places, ${MIN_ECHO_LENGTH});`,
    `pm.test(${js(`[MUST] ${NO_ECHO_NAME}`)}, () => { if (echoed.length > 0) fail('no credential in the response (echoed: ' + echoed.join('; ') + ')'); });`,
  ];
}
