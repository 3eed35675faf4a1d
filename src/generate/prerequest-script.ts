/**
 * The pre-request script of a case, when it needs one:
 * 1. first, a case that `requires` an optional variable the environment lacks, or whose `distinct`
 *    variables are equal, is skipped (`pm.execution.skipRequest()`; a `console.info` line says why);
 * 2. each derived variable is computed and set (`pm.variables.set`);
 * 3. the plan's preparation steps (src/judge/plan.ts), then its before-snapshot reads, are sent
 *    (step-runner.ts) and recorded, as JSON, in the local variables `PREPARED_VARIABLE` and
 *    `BEFORE_VARIABLE` for the test script's checks.
 */
import type { HttpCase } from '../cases/model.js';
import type { CasePlan } from '../judge/plan.js';
import { stepScriptLines } from '../judge/steps.js';
import { js, wrapScript } from './js.js';
import { stepRunnerLines, stepsLiteral } from './step-runner.js';
import { derivationLines } from './transforms.js';

/** Local variable holding how the preparation steps went (JSON: `[{ where, done, code, body }, …]`). */
export const PREPARED_VARIABLE = 'v3ioAuthConformance.prepared';
/** Local variable holding the before-snapshot's reads, likewise. */
export const BEFORE_VARIABLE = 'v3ioAuthConformance.before';

function skipLines(testCase: HttpCase): string[] {
  const skip = (condition: string, why: string): string[] => [
    `if (${condition}) {`,
    `  console.info(${js(`v3io-auth-conformance: ${testCase.id} skipped: ${why}`)});`,
    '  pm.execution.skipRequest();',
    '  return;',
    '}',
  ];
  return [
    ...(testCase.requires ?? []).flatMap((name) => skip(`!pm.variables.get(${js(name)})`, `the environment has no ${name}`)),
    ...(testCase.distinct ?? []).flatMap(([a, b]) => skip(`pm.variables.get(${js(a)}) === pm.variables.get(${js(b)})`, `${a} and ${b} have the same value`)),
  ];
}

function stepLines(plan: CasePlan): string[] {
  if (plan.preparation.length === 0 && plan.beforeRead.length === 0) return [];
  return [
    ...stepScriptLines(),
    ...stepRunnerLines(),
    'const prepared = [];',
    'const before = [];',
    `const keep = () => { pm.variables.set(${js(PREPARED_VARIABLE)}, JSON.stringify(prepared)); pm.variables.set(${js(BEFORE_VARIABLE)}, JSON.stringify(before)); };`,
    'keep();',
    `runSteps(${stepsLiteral(plan.preparation)}, prepared, () => runSteps(${stepsLiteral(plan.beforeRead)}, before, keep));`,
  ];
}

/** The script's lines, or undefined when the case needs no pre-request script. */
export function prerequestScript(testCase: HttpCase, plan: CasePlan): string[] | undefined {
  const lines = [...skipLines(testCase), ...derivationLines(testCase.derive ?? []), ...stepLines(plan)];
  return lines.length === 0 ? undefined : wrapScript(lines);
}
