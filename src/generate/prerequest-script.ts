/**
 * The pre-request script of a case, when it needs one:
 * 1. first, a case that `requires` an optional variable the environment lacks is skipped
 *    (`pm.execution.skipRequest()`; a `console.info` line says why);
 * 2. each derived variable is computed and set (`pm.variables.set`);
 * 3. for an accepted request whose operation acts on something that must exist (DELETE), the
 *    operation's `prepare` request is sent first with the fixture credentials. Its status is
 *    kept in the local variable `PREPARED_VARIABLE` for the test script's messages.
 *    (The sandbox waits for the callback before the case's request is sent.)
 */
import type { ConformanceCase } from '../cases/model.js';
import { FIXTURE_CREDENTIALS, OPERATIONS } from '../cases/operations.js';
import { js, wrapScript } from './js.js';
import { sendRequestArgument } from './request-definition.js';
import { derivationLines } from './transforms.js';

/** Local variable holding how the prepare request went: `PUT got 201`, `PUT failed (ECONNRESET)`. */
export const PREPARED_VARIABLE = 'v3ioAuthConformance.prepared';

/** The operation whose request must succeed before the case's own, if any. */
export function preparationOf(testCase: ConformanceCase): (typeof OPERATIONS)[keyof typeof OPERATIONS] | undefined {
  const prepare = OPERATIONS[testCase.request.operation].prepare;
  return prepare !== undefined && testCase.expect.outcome === 'accept' ? OPERATIONS[prepare] : undefined;
}

function skipLines(testCase: ConformanceCase): string[] {
  return (testCase.requires ?? []).flatMap((name) => [
    `if (!pm.variables.get(${js(name)})) {`,
    `  console.info(${js(`v3io-auth-conformance: ${testCase.id} skipped: the environment has no ${name}`)});`,
    '  pm.execution.skipRequest();',
    '  return;',
    '}',
  ]);
}

function prepareLines(testCase: ConformanceCase): string[] {
  const operation = preparationOf(testCase);
  if (!operation) return [];
  const argument = sendRequestArgument(
    { method: operation.method, headers: [...operation.headers, ...FIXTURE_CREDENTIALS], ...(operation.body === undefined ? {} : { body: operation.body }) },
    `pm.variables.replaceIn(${js(`{{baseUrl}}${operation.path}`)})`,
  );
  const method = js(operation.method);
  return [
    `pm.variables.set(${js(PREPARED_VARIABLE)}, '');`,
    `pm.sendRequest(${argument}, (err, res) => {`,
    `  pm.variables.set(${js(PREPARED_VARIABLE)}, ${method} + (err ? ' failed (' + (err.code || 'no answer') + ')' : ' got ' + res.code));`,
    '});',
  ];
}

/** The script's lines, or undefined when the case needs no pre-request script. */
export function prerequestScript(testCase: ConformanceCase): string[] | undefined {
  const lines = [...skipLines(testCase), ...derivationLines(testCase.derive ?? []), ...prepareLines(testCase)];
  return lines.length === 0 ? undefined : wrapScript(lines);
}
