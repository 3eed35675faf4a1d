/**
 * `judgeCase`: every applicable check of `CHECKS` evaluated on a case's recorded exchange.
 *
 * The outcome: `fail` when a MUST check failed, or a check failed and every other could be made;
 * `inconclusive` when a check could not be made (a preparation, an arrangement or a read-back
 * that was not done) and no MUST check failed; `pass` otherwise. A check that could not be made
 * is not in `checks`: its reason is.
 */
import type { RequestCase } from '../cases/model.js';
import type { Operation } from '../cases/operations.js';
import { failedLevelOf, type CheckResult, type InconclusiveCheck } from '../results/results.js';
import { CHECKS } from './checks.js';
import type { CaseExchange } from './exchange.js';
import type { CasePlan } from './plan.js';
import { levelOf, renderInputOf, type JudgeContext } from './check-definition.js';

export interface JudgedCase {
  readonly outcome: 'pass' | 'fail' | 'inconclusive';
  readonly checks: readonly CheckResult[];
  readonly failedLevel: CheckResult['level'] | null;
  /** The checks that could not be made, each with why. */
  readonly inconclusiveChecks: readonly InconclusiveCheck[];
  /** Why checks could not be made, joined; present when the outcome is inconclusive or a check was left out. */
  readonly reason?: string;
}

export function judgeCase(testCase: RequestCase, operation: Operation, plan: CasePlan, exchange: CaseExchange, context: JudgeContext): JudgedCase {
  const input = { testCase, operation, plan, exchange, context };
  const checks: CheckResult[] = [];
  const reasons: string[] = [];
  const inconclusiveChecks: InconclusiveCheck[] = [];
  const facts = renderInputOf(input);
  for (const definition of CHECKS) {
    if (!definition.when.onCase(facts) || !definition.when.onAnswer(input)) continue;
    const evaluation = definition.evaluate(input);
    if ('inconclusive' in evaluation) {
      reasons.push(evaluation.inconclusive);
      inconclusiveChecks.push({ id: definition.id, name: definition.name(testCase, plan), level: levelOf(definition, testCase), reason: evaluation.inconclusive });
      continue;
    }
    const sources = definition.sources?.(operation);
    checks.push({
      id: definition.id,
      name: definition.name(testCase, plan),
      level: evaluation.level ?? levelOf(definition, testCase),
      passed: evaluation.passed,
      expected: evaluation.expected,
      actual: evaluation.actual,
      ...(evaluation.passed ? {} : { message: evaluation.message }),
      ...(sources ? { sources } : {}),
    });
  }
  const failedLevel = failedLevelOf(checks);
  const reason = reasons.length > 0 ? { reason: reasons.join('; ') } : {};
  const outcome = failedLevel === 'must' || (failedLevel !== null && reasons.length === 0) ? 'fail' : reasons.length > 0 ? 'inconclusive' : 'pass';
  return { outcome, checks, failedLevel, inconclusiveChecks, ...reason };
}
