/**
 * What a check definition is: its id, its level, when it is made (a guard, guards.ts), its
 * evaluation in Node on a recorded exchange, and (for the checks a Postman collection can make)
 * its rendering as `pm.test` lines. The definitions themselves are one ordered list, `CHECKS`
 * (checks.ts).
 */
import type { RequestCase, Level } from '../cases/model.js';
import type { Operation, SchemaId } from '../cases/operations.js';
import type { CaseExchange } from './exchange.js';
import type { CasePlan } from './plan.js';

/** What a run knows besides the case and its exchange. */
export interface JudgeContext {
  /** The schema a 4xx body should match (the profile's); absent: bodies are not judged. */
  readonly errorSchema?: SchemaId;
  /** The per-request timeout, for messages. */
  readonly timeoutMs: number;
  /** Resolves `{{variables}}` in a template (a body the response must equal). */
  readonly resolve: (template: string) => string;
}

export interface JudgeInput {
  readonly testCase: RequestCase;
  readonly operation: Operation;
  readonly plan: CasePlan;
  readonly exchange: CaseExchange;
  readonly context: JudgeContext;
}

/**
 * What a check found: passed or failed (with what it wanted and got), or that it could not be made.
 * `level`, when given, is the level this finding is judged at instead of the check's: lower where
 * the answer is no evidence of what the higher level forbids (a 2xx to a non-canonical spelling
 * that shows another resource), higher where an RFC requires what a check holds at SHOULD (a
 * status the RFC names).
 */
export type Evaluation =
  | { readonly passed: true; readonly expected: string; readonly actual: string; readonly level?: Level }
  | { readonly passed: false; readonly expected: string; readonly actual: string; readonly message: string; readonly level?: Level }
  | { readonly inconclusive: string };

/** What the generator knows when it renders a case's script. */
export interface RenderInput {
  readonly testCase: RequestCase;
  readonly operation: Operation;
  readonly plan: CasePlan;
  readonly errorSchema?: SchemaId;
}

/** Helpers a rendering uses, defined once at the top of the script that needs them. */
export type ScriptHelper = 'schema' | 'steps' | 'snapshot' | 'compare' | 'wait' | 'shared-cache';

/**
 * When a check is made, in two halves (guards.ts combines named ones): `onCase`, known from the
 * case before anything is sent; `onAnswer`, known once the exchange is recorded.
 */
export interface Guard {
  readonly onCase: (input: RenderInput) => boolean;
  readonly onAnswer: (input: JudgeInput) => boolean;
}

/** The check in a case's collection script, for the cases its guard's `onCase` holds of. */
export interface PostmanRendering {
  /**
   * Statements (guarded by their own conditions) that call `pm.test(testName, …)` or, when the
   * check cannot be made, `pm.test.skip(testName, …)`. They run once every request of the case
   * is done, with `code`, `answered`, `where`, `fail(what)`, `redact(text)`, `prepared`,
   * `before`, `after` and `second` in scope (test-script.ts).
   */
  readonly lines: (input: RenderInput, testName: string) => string[];
  /** The helpers its lines use, for the case at hand. */
  readonly helpers?: (input: RenderInput) => readonly ScriptHelper[];
}

export interface CheckDefinition {
  readonly id: string;
  /** `case`: the case's own level (the primary checks). */
  readonly level: Level | 'case';
  /** The check's name in reports and, after `[LEVEL] `, in the collection. */
  readonly name: (testCase: RequestCase, plan: CasePlan) => string;
  /** Sources of the check itself (the SDK code a body check stands for), when they are not the case's. */
  readonly sources?: (operation: Operation) => readonly string[] | undefined;
  /**
   * When the check is made: Node's judge on both halves; the collection's script and `explain`
   * (the checks judging a case may make) on `onCase`, the script testing the answer itself.
   */
  readonly when: Guard;
  readonly evaluate: (input: JudgeInput) => Evaluation;
  /** Absent: the check needs what only a raw socket sees (wire cases). */
  readonly postman?: PostmanRendering;
}

/** What a rendering knows of a judged case: the case, its operation and plan, the profile's error schema. */
export function renderInputOf({ testCase, operation, plan, context }: JudgeInput): RenderInput {
  return { testCase, operation, plan, ...(context.errorSchema ? { errorSchema: context.errorSchema } : {}) };
}

/** Ids that occur more than once in a list of definitions (none, in `CHECKS`). */
export function duplicateIds(definitions: readonly CheckDefinition[]): string[] {
  const ids = definitions.map((definition) => definition.id);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

export function levelOf(definition: CheckDefinition, testCase: RequestCase): Level {
  return definition.level === 'case' ? testCase.level : definition.level;
}

/** A check's `pm.test` name: the level in brackets, then its name. */
export function testName(definition: CheckDefinition, testCase: RequestCase, plan: CasePlan): string {
  return `[${levelOf(definition, testCase).toUpperCase()}] ${definition.name(testCase, plan)}`;
}
