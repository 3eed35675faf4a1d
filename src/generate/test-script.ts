/**
 * The test script of a case: the rest of its plan (src/judge/plan.ts) sent from the script — the
 * after-snapshot's reads when the request was not accepted, then the second request of
 * `sameResponseAs` — and then the `pm.test` statements of its checks, rendered from the judge's
 * check definitions (`caseCheckLines`). The echo check is not here: it is the collection's test
 * script (see echo-check.ts).
 */
import type { HttpCase } from '../cases/model.js';
import { operationOf, type Profile } from '../cases/profiles.js';
import { caseCheckLines } from '../judge/postman.js';
import { casePlan, type CasePlan } from '../judge/plan.js';
import { js, wrapScript } from './js.js';
import { BEFORE_VARIABLE, PREPARED_VARIABLE } from './prerequest-script.js';
import { sendRequestArgument } from './request-definition.js';
import { reportLines, templateVariables } from './script-report.js';
import { stepRunnerLines, stepsLiteral } from './step-runner.js';
import { derivationLines } from './transforms.js';

/** `prepared`, `before`, `after`, `second` and the function that sends what the plan still has, then calls `judge`. */
function planLines(testCase: HttpCase, plan: CasePlan): string[] {
  const recorded = (variable: string, steps: number): string => (steps > 0 ? `JSON.parse(String(pm.variables.get(${js(variable)}) || '[]'))` : '[]');
  const lines = [
    `const prepared = ${recorded(PREPARED_VARIABLE, plan.preparation.length)};`,
    `const before = ${recorded(BEFORE_VARIABLE, plan.beforeRead.length)};`,
    'const after = [];',
    'const second = {};',
  ];
  const reads = plan.afterRead.length > 0;
  if (reads) {
    lines.push(
      ...stepRunnerLines(),
      // After a 2xx too when the case judges one on evidence of a write (plan.ts, `readsAfter`).
      `const readAfter = (then) => (answered && ${plan.readsAfterLetIn ? 'true' : '!(code >= 200 && code <= 299)'} ? runSteps(${stepsLiteral(plan.afterRead)}, after, then) : then());`,
    );
  } else {
    lines.push('const readAfter = (then) => then();');
  }
  if (plan.second) {
    const argument = sendRequestArgument(
      { method: testCase.request.method, headers: plan.second.headers, ...(testCase.request.body === undefined ? {} : { body: testCase.request.body }) },
      'pm.request.url.toString()',
    );
    lines.push(
      ...derivationLines(testCase.expect.sameResponseAs?.derive ?? []),
      `const sendSecond = (then) => (answered ? pm.sendRequest(${argument}, (err, res) => { second.err = err; second.res = res; then(); }) : then());`,
    );
  } else {
    lines.push('const sendSecond = (then) => then();');
  }
  return lines;
}

/** The script's lines, for the case as `profile` sends it (see `inProfile`). */
export function testScript(testCase: HttpCase, profile: Profile): string[] {
  const operation = operationOf(profile, testCase);
  const plan = casePlan(testCase, operation);
  const derived = new Set((testCase.derive ?? []).map((d) => d.name));
  const inPath = templateVariables(testCase.request.path).filter((name) => derived.has(name));
  const { helpers, checks } = caseCheckLines({ testCase, operation, plan, ...(profile.errorSchema ? { errorSchema: profile.errorSchema } : {}) });
  return wrapScript([
    ...reportLines(inPath),
    ...helpers,
    ...planLines(testCase, plan),
    'const judge = () => {',
    ...checks.map((line) => `  ${line}`),
    '};',
    'readAfter(() => sendSecond(judge));',
  ]);
}
