/**
 * When a plan step is done (operations.ts `PrepareStep`): a 2xx, or one of its `alsoDone`
 * answers. One rule, `answerDone`: Node's evaluation and, from its own source, the collection's.
 */
import type { PrepareStep, StepAnswer } from '../cases/operations.js';
import type { Answer, StepExchange } from './exchange.js';
import { functionLines } from './script-function.js';
import { js } from './script-literal.js';

/** An answer of `status`, with the body text `bodyText()`, to a step with these `alsoDone` answers; refers to nothing outside its parameters. */
export function answerDone(alsoDone: readonly StepAnswer[], status: number, bodyText: () => string): boolean {
  if (status >= 200 && status <= 299) return true;
  return alsoDone.some((done) => done.status === status && (done.bodyIncludes === undefined || bodyText().includes(done.bodyIncludes)));
}

export function stepDone(step: PrepareStep, answer: Answer | undefined): boolean {
  if (answer?.kind !== 'response') return false;
  const { status, body } = answer.response;
  return answerDone(step.alsoDone ?? [], status, () => body.toString('utf8'));
}

/** What a step got, for messages: `DELETE /bigdata/… got 400`, `… got no answer (ECONNRESET)`, `… was not sent`. */
export function describeStep(exchange: StepExchange): string {
  const answer = exchange.answer;
  if (!answer) return `${exchange.where} was not sent`;
  if (answer.kind === 'response') return `${exchange.where} got ${answer.response.status}`;
  return `${exchange.where} got no answer (${'code' in answer ? answer.code : answer.kind})`;
}

/** The first step of these that is not done, if any. */
export function firstUndone(exchanges: readonly StepExchange[]): StepExchange | undefined {
  return exchanges.find((e) => !stepDone(e.step, e.answer));
}

/**
 * The rule in the sandbox: `stepDone(alsoDone, res)` for a `pm.sendRequest` response (undefined:
 * no answer), and `describeStep(s)` for a recorded step `{ where, code?, error? }`.
 */
export function stepScriptLines(): string[] {
  return [
    ...functionLines(answerDone),
    'const stepDone = (alsoDone, res) => Boolean(res) && answerDone(alsoDone, res.code, () => res.text());',
    "const describeStep = (s) => s.where + (s.error !== undefined ? ' got no answer (' + s.error + ')' : ' got ' + s.code);",
  ];
}

/** The `alsoDone` answers of steps, as a literal array of arrays. */
export function alsoDoneLiteral(steps: readonly PrepareStep[]): string {
  return js(steps.map((s) => s.alsoDone ?? []));
}
