/**
 * The test script of a case, generated from its expectation (auth-requirements.md, "Outcome
 * classes"):
 * - accept: `[LEVEL] <title>` (the status is one of the operation's success statuses), then
 *   `[LEVEL] answers with the operation's normal response` (the operation's SuccessCheck);
 * - a rejection: `[LEVEL] <title>` (the status is 4xx), `[SHOULD] answers <statuses>` (the exact
 *   class); on a 401, `[MUST]` a WWW-Authenticate challenge and `[SHOULD]` Basic with a quoted
 *   realm; on any 4xx but to HEAD, `[SHOULD]` a body valid against the profile's error schema
 *   (v3io: a V3IO error; basic has none); on an operation that writes, `[MUST] the rejected
 *   request changed nothing` (unchanged-check.ts);
 * - `sameResponseAs`: the second request is sent from this script and
 *   `[SHOULD] answers exactly as for <its credential lines>` compares the two responses.
 * The echo check is not here: it is the collection's test script (see echo-check.ts).
 */
import { OUTCOME_STATUSES, type ConformanceCase, type HeaderLine } from '../cases/model.js';
import type { Operation, SchemaId } from '../cases/operations.js';
import { operationOf, type Profile } from '../cases/profiles.js';
import { BASIC_REALM, CHECK_NAMES, PER_REQUEST_HEADERS, levelPrefix, SCHEMA_VARIABLE_PREFIX } from './checks.js';
import { js, wrapScript } from './js.js';
import { PREPARED_VARIABLE, preparationOf } from './prerequest-script.js';
import { sendRequestArgument } from './request-definition.js';
import { reportLines, statusList, templateVariables } from './script-report.js';
import { derivationLines } from './transforms.js';
import { unchangedCheckLines } from './unchanged-check.js';

/** Defines `checkSchema(id, what)`: the body parses as JSON and is valid against the embedded schema (ajv 6 in the sandbox). */
function schemaCheckLines(): string[] {
  return [
    'const checkSchema = (id, what) => {',
    '  let body;',
    "  try { body = JSON.parse(pm.response.text()); } catch (e) { fail(what + ' (the body is not JSON)'); }",
    "  const Ajv = require('ajv');",
    `  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(pm.collectionVariables.get(${js(SCHEMA_VARIABLE_PREFIX)} + id)));`,
    "  if (!validate(body)) fail(what + ' (' + validate.errors.slice(0, 3).map((e) => 'body' + e.dataPath + ' ' + e.message).join('; ') + ')');",
    '};',
  ];
}

function schemaWhat(id: SchemaId): string {
  return id === 'v3io-error' ? 'a V3IO error body {"ErrorCode": integer, "ErrorMessage": string}' : `a body valid against the ${id} schema`;
}

function successLines(testCase: ConformanceCase, operation: Operation): string[] {
  const name = js(levelPrefix(testCase.level) + CHECK_NAMES.normalResponse);
  const success = operation.success;
  switch (success.kind) {
    case 'status-only':
      return [];
    case 'xml-root':
      return [`pm.test(${name}, () => { if (!pm.response.text().includes(${js(`<${success.root}`)})) fail(${js(`an XML ${success.root} body`)}); });`];
    case 'body-equals':
      return [`pm.test(${name}, () => { if (pm.response.text() !== pm.variables.replaceIn(${js(success.template)})) fail(${js(`the body ${success.template}`)}); });`];
    case 'json-schema':
      return [...schemaCheckLines(), `pm.test(${name}, () => checkSchema(${js(success.schema)}, ${js(schemaWhat(success.schema))}));`];
  }
}

function acceptLines(testCase: ConformanceCase, operation: Operation): string[] {
  if (operation.successStatuses.length === 0) {
    throw new Error(`case ${testCase.id}: expects accept, but operation ${operation.id} has no success status`);
  }
  const expected = js(statusList(operation.successStatuses));
  const [firstStep] = preparationOf(testCase, operation);
  // The failure message says how the preparation went unless every step got a 2xx.
  const note = firstStep
    ? [
        `const prepared = String(pm.variables.get(${js(PREPARED_VARIABLE)}) ?? '');`,
        `const note = prepared !== '' && prepared.split(', ').every((p) => / got 2\\d\\d$/.test(p)) ? '' : ' (the preparing ' + (prepared || ${js(`${firstStep.method} got no answer`)}) + ')';`,
      ]
    : ["const note = '';"];
  return [
    ...note,
    `pm.test(${js(levelPrefix(testCase.level) + testCase.title)}, () => { if (!${js(operation.successStatuses)}.includes(code)) fail(${expected} + note); });`,
    'if (!answered) return;',
    ...successLines(testCase, operation),
  ];
}

function rejectionLines(testCase: ConformanceCase, operation: Operation, errorSchema: SchemaId | undefined): string[] {
  const outcome = testCase.expect.outcome;
  if (outcome === 'accept') return [];
  const statuses = testCase.expect.statuses ?? OUTCOME_STATUSES[outcome];
  const lines = [
    `pm.test(${js(levelPrefix(testCase.level) + testCase.title)}, () => { if (!(code >= 400 && code <= 499)) fail('a 4xx rejection'); });`,
    ...unchangedCheckLines(testCase, operation),
    'if (!answered) return;',
    `pm.test(${js(CHECK_NAMES.exactStatus(statusList(statuses)))}, () => { if (!${js(statuses)}.includes(code)) fail(${js(statusList(statuses))}); });`,
    'if (code === 401) {',
    "  const challenges = pm.response.headers.all().filter((h) => String(h.key).toLowerCase() === 'www-authenticate').map((h) => String(h.value));",
    `  pm.test(${js(CHECK_NAMES.challenge)}, () => { if (!challenges.some((v) => v.trim() !== '')) fail('a WWW-Authenticate challenge'); });`,
    `  pm.test(${js(CHECK_NAMES.basicRealm)}, () => { if (!challenges.some((v) => ${BASIC_REALM.toString()}.test(v))) fail('a challenge Basic realm="..."'); });`,
    '}',
  ];
  // A response to HEAD has no body (RFC 9110 §9.3.2); a profile without an error schema does not judge bodies.
  if (testCase.request.method.toUpperCase() === 'HEAD' || errorSchema === undefined) return lines;
  return [
    ...lines,
    ...schemaCheckLines(),
    'if (code >= 400 && code <= 499) {',
    `  pm.test(${js(CHECK_NAMES.errorBody)}, () => checkSchema(${js(errorSchema)}, ${js(schemaWhat(errorSchema))}));`,
    '}',
  ];
}

/**
 * The second request's header lines. `sameResponseAs.headers` are its credential lines; the
 * operation's own lines (function name, content type) come first, unless the case already
 * wrote them at the start of the list.
 */
export function secondRequestHeaders(testCase: ConformanceCase, operation: Operation): { all: readonly HeaderLine[]; credentials: readonly HeaderLine[] } {
  const own = operation.headers;
  const given = testCase.expect.sameResponseAs?.headers ?? [];
  const startsWithOwn = own.every(([name, value], i) => given[i]?.[0] === name && given[i]?.[1] === value);
  return startsWithOwn ? { all: given, credentials: given.slice(own.length) } : { all: [...own, ...given], credentials: given };
}

function sameResponseLines(testCase: ConformanceCase, operation: Operation): string[] {
  const same = testCase.expect.sameResponseAs;
  if (!same) return [];
  const { all, credentials } = secondRequestHeaders(testCase, operation);
  const label = credentials.map(([name, value]) => `${name}: ${value}`).join(', ') || 'no credential';
  const what = js(`the same response as for ${label}`);
  const argument = sendRequestArgument(
    { method: testCase.request.method, headers: all, ...(testCase.request.body === undefined ? {} : { body: testCase.request.body }) },
    'pm.request.url.toString()',
  );
  return [
    ...derivationLines(same.derive ?? []),
    `const perRequest = ${js(PER_REQUEST_HEADERS)};`,
    "const headerLines = (r) => r.headers.all().filter((h) => !perRequest.includes(String(h.key).toLowerCase())).map((h) => String(h.key).toLowerCase() + ': ' + h.value);",
    `pm.sendRequest(${argument}, (err, res) => {`,
    `  pm.test(${js(CHECK_NAMES.sameResponse(label))}, () => {`,
    `    if (err) fail(${what} + ' (the second request failed: ' + (err.code || err.message) + ')');`,
    '    const differences = [];',
    "    if (res.code !== code || res.status !== pm.response.status) differences.push('the status (' + res.code + ')');",
    '    const mine = headerLines(pm.response);',
    '    const theirs = headerLines(res);',
    '    const count = (lines, line) => lines.filter((l) => l === line).length;',
    "    const names = [...new Set(mine.concat(theirs).filter((l) => count(mine, l) !== count(theirs, l)).map((l) => l.slice(0, l.indexOf(':'))))];",
    "    if (names.length > 0) differences.push('header ' + names.join(', '));",
    "    if (res.text() !== pm.response.text()) differences.push('the body');",
    `    if (differences.length > 0) fail(${what} + ' (it differs in ' + differences.join('; ') + ')');`,
    '  });',
    '});',
  ];
}

/** The script's lines, for the case as `profile` sends it (see `inProfile`). */
export function testScript(testCase: ConformanceCase, profile: Profile): string[] {
  const operation = operationOf(profile, testCase);
  const derived = new Set((testCase.derive ?? []).map((d) => d.name));
  const inPath = templateVariables(testCase.request.path).filter((name) => derived.has(name));
  const checks = testCase.expect.outcome === 'accept' ? acceptLines(testCase, operation) : rejectionLines(testCase, operation, profile.errorSchema);
  return wrapScript([...reportLines(inPath), ...checks, ...sameResponseLines(testCase, operation)]);
}
