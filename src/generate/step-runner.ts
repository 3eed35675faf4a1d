/**
 * Sending a plan's steps from a script (plan.ts in src/judge/): each step with the fixture
 * credentials, one after the other, every one of them whatever the one before got; a step with
 * `capture` keeps a member of its JSON answer in a local variable a later request uses. Each
 * answer is recorded as `{ where, done, code, body }` or `{ where, done, error }` for the checks
 * (`done`: the judge's `stepDone` rule). The sandbox waits for every callback, the nested ones
 * too, before the request (pre-request script) or the end of the item (test script).
 */
import type { PrepareStep } from '../cases/operations.js';
import { FIXTURE_CREDENTIALS } from '../cases/operations.js';
import { alsoDoneLiteral } from '../judge/steps.js';
import { js } from './js.js';
import { sendRequestArgument } from './request-definition.js';

/** Defines `runSteps(steps, record, then)`; needs the judge's step helpers (`stepDone`). */
export function stepRunnerLines(): string[] {
  return [
    'const runSteps = (steps, record, then) => {',
    '  const next = (i) => {',
    '    if (i === steps.requests.length) { then(); return; }',
    '    const request = steps.requests[i]();',
    '    const where = request.method + \' \' + steps.paths[i]();',
    '    pm.sendRequest(request, (err, res) => {',
    '      const answered = !err && res && typeof res.code === \'number\';',
    "      record.push(answered ? { where, done: stepDone(steps.alsoDone[i], res), code: res.code, body: res.text() } : { where, done: false, error: (err && (err.code || err.message)) || 'no answer' });",
    '      const capture = steps.captures[i];',
    '      if (capture && answered) {',
    '        let value;',
    '        try { value = res.json()[capture.member]; } catch (e) { value = undefined; }',
    "        if (typeof value === 'string') pm.variables.set(capture.variable, value);",
    '      }',
    '      next(i + 1);',
    '    });',
    '  };',
    '  next(0);',
    '};',
  ];
}

/** The literal `{ requests, paths, alsoDone, captures }` of steps, each request a function: its variables are resolved when it is sent. */
export function stepsLiteral(steps: readonly PrepareStep[]): string {
  const requests = steps.map((step) => {
    const argument = sendRequestArgument(
      { method: step.method, headers: [...step.headers, ...FIXTURE_CREDENTIALS], ...(step.body === undefined ? {} : { body: step.body }) },
      `pm.variables.replaceIn(${js(`{{baseUrl}}${step.path}`)})`,
    );
    return `() => (${argument})`;
  });
  const paths = steps.map((step) => `() => pm.variables.replaceIn(${js(step.path)})`);
  const captures = steps.map((step) => (step.capture ? { variable: step.capture.variable, member: step.capture.member } : null));
  return `{ requests: [${requests.join(', ')}], paths: [${paths.join(', ')}], alsoDone: ${alsoDoneLiteral(steps)}, captures: ${js(captures)} }`;
}
