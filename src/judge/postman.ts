/**
 * The collection's rendering of the check definitions: for a case, the helpers and the `pm.test`
 * statements of every definition whose rendering applies, in registry order; for the whole
 * collection, the echo check run after every request.
 */
import { SECRET_VARIABLES } from '../cases/model.js';
import './checks.js';
import { NO_ECHO_NAME } from './checks.js';
import { registeredChecks, testName, type RenderInput, type ScriptHelper } from './registry.js';
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
  const rendered = registeredChecks().flatMap((definition) =>
    definition.postman?.applies(input) ? [{ postman: definition.postman, name: testName(definition, input.testCase, input.plan) }] : [],
  );
  const helpers = new Set<ScriptHelper>(rendered.flatMap((r) => r.postman.helpers?.(input) ?? []));
  return {
    helpers: [
      ...(helpers.has('schema') ? schemaLines() : []),
      ...(helpers.has('steps') || input.plan.afterRead.length > 0 ? stepScriptLines() : []),
      ...(helpers.has('snapshot') && input.plan.proof ? snapshotScriptLines(input.plan.proof.compare) : []),
    ],
    checks: rendered.flatMap((r) => r.postman.lines(input, r.name)),
  };
}

/**
 * The `no-echo` check for any request of the collection, after `reportLines()`: the secrets are
 * the environment's secret variables and the credentials read off the request as sent, by the
 * same rule as `echoSecrets` (checks.ts).
 */
export function echoCheckLines(): string[] {
  return [
    '// No response (connection reset, timeout): nothing was echoed.',
    'if (!answered) return;',
    "const CryptoJS = require('crypto-js');",
    'const secrets = [];',
    `const add = (label, value) => { const v = String(value ?? '').trim(); if (v.length >= ${MIN_ECHO_LENGTH}) secrets.push([label, v]); };`,
    `${js(SECRET_VARIABLES)}.forEach((name) => add('the ' + name + ' variable', pm.variables.get(name)));`,
    'pm.request.headers.each((h) => {',
    '  if (h.disabled) return;',
    '  const name = String(h.key).toLowerCase();',
    "  const value = String(h.value ?? '').trim();",
    "  if (name === 'x-v3io-session-key') add('the ' + h.key + ' value', value);",
    "  if (name !== 'authorization' && name !== 'proxy-authorization') return;",
    '  const m = /^(\\S+)\\s+([\\s\\S]*)$/.exec(value);',
    '  if (!m) return;',
    "  add('the ' + h.key + ' credentials', m[2]);",
    '  if (!/^basic$/i.test(m[1])) return;',
    '  try {',
    '    const decoded = CryptoJS.enc.Base64.parse(m[2].trim()).toString(CryptoJS.enc.Utf8);',
    "    if (decoded.includes(':')) add('the password of the ' + h.key + ' Basic credentials', decoded.slice(decoded.indexOf(':') + 1));",
    '  } catch (e) { /* not Base64 of UTF-8: nothing decoded to look for */ }',
    '});',
    "const places = [['the status text', String(pm.response.status ?? '')]];",
    "pm.response.headers.each((h) => places.push(['header ' + h.key, h.key + ': ' + h.value]));",
    "places.push(['the body', pm.response.text()]);",
    "const echoed = [...new Set(secrets.flatMap((s) => places.filter((p) => p[1].includes(s[1])).map((p) => s[0] + ' in ' + p[0])))];",
    `pm.test(${js(`[MUST] ${NO_ECHO_NAME}`)}, () => { if (echoed.length > 0) fail('no credential in the response (echoed: ' + echoed.join('; ') + ')'); });`,
  ];
}
