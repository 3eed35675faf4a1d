/**
 * The pre-request script of a case, when it needs one:
 * 1. first, a case that `requires` an optional variable the environment lacks is skipped
 *    (`pm.execution.skipRequest()`; a `console.info` line says why);
 * 2. each derived variable is computed and set (`pm.variables.set`);
 * 3. for an accepted request whose operation acts on something that must exist (DELETE, a
 *    stream), the operation's `prepare` requests are sent first, one after the other, with the
 *    fixture credentials (for a rejected request on an operation that writes: the `arrange`
 *    requests of its `unchanged` proof); a step with `capture` keeps a member of its JSON answer in a local
 *    variable the case's request uses. How each went is kept in the local variable
 *    `PREPARED_VARIABLE` for the test script's messages. (The sandbox waits for every callback,
 *    the nested ones too, before the case's request is sent.)
 */
import type { ConformanceCase } from '../cases/model.js';
import { FIXTURE_CREDENTIALS, type Operation, type PrepareStep } from '../cases/operations.js';
import { js, wrapScript } from './js.js';
import { sendRequestArgument } from './request-definition.js';
import { derivationLines } from './transforms.js';

/**
 * Local variable holding how the prepare requests went, in order: `PUT got 201`,
 * `DELETE got 404, POST got 200`, `PUT failed (ECONNRESET)`.
 */
export const PREPARED_VARIABLE = 'v3ioAuthConformance.prepared';

/**
 * The requests sent before the case's own: for an accepted case, its operation's preparation; for
 * a rejected one on an operation that writes, the arrangement its read-back relies on (see
 * `UnchangedProof` and unchanged-check.ts).
 */
export function preparationOf(testCase: ConformanceCase, operation: Operation): readonly PrepareStep[] {
  return testCase.expect.outcome === 'accept' ? (operation.prepare ?? []) : (operation.unchanged?.arrange ?? []);
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

function prepareLines(testCase: ConformanceCase, operation: Operation): string[] {
  const steps = preparationOf(testCase, operation);
  if (steps.length === 0) return [];
  // Functions: each request's variables are resolved when it is sent, after the steps before it.
  const requests = steps.map((step) => {
    const argument = sendRequestArgument(
      { method: step.method, headers: [...step.headers, ...FIXTURE_CREDENTIALS], ...(step.body === undefined ? {} : { body: step.body }) },
      `pm.variables.replaceIn(${js(`{{baseUrl}}${step.path}`)})`,
    );
    return `  () => (${argument}),`;
  });
  const captures = steps.map((step) => (step.capture ? { variable: step.capture.variable, member: step.capture.member } : null));
  return [
    `pm.variables.set(${js(PREPARED_VARIABLE)}, '');`,
    'const preparations = [',
    ...requests,
    '];',
    `const captures = ${js(captures)};`,
    'const prepared = [];',
    'const prepare = (i) => {',
    '  if (i === preparations.length) return;',
    '  const request = preparations[i]();',
    '  pm.sendRequest(request, (err, res) => {',
    "    prepared.push(request.method + (err ? ' failed (' + (err.code || 'no answer') + ')' : ' got ' + res.code));",
    `    pm.variables.set(${js(PREPARED_VARIABLE)}, prepared.join(', '));`,
    '    const capture = captures[i];',
    '    if (capture && !err) {',
    '      let value;',
    '      try { value = res.json()[capture.member]; } catch (e) { value = undefined; }',
    "      if (typeof value === 'string') pm.variables.set(capture.variable, value);",
    '    }',
    '    prepare(i + 1);',
    '  });',
    '};',
    'prepare(0);',
  ];
}

/** The script's lines, or undefined when the case needs no pre-request script. `operation`: the case's, as its profile has it. */
export function prerequestScript(testCase: ConformanceCase, operation: Operation): string[] | undefined {
  const lines = [...skipLines(testCase), ...derivationLines(testCase.derive ?? []), ...prepareLines(testCase, operation)];
  return lines.length === 0 ? undefined : wrapScript(lines);
}
