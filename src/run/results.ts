/**
 * Turns newman traces into results: one per case, with its checks, outcome and the expected vs
 * actual response; the setup and teardown steps; a summary by form and level; the verdict.
 */
import { FORMS, LEVELS, OUTCOME_STATUSES, type ConformanceCase, type Form, type Level, type OutcomeClass } from '../cases/model.js';
import { EXIT_CODES } from '../errors.js';
import type { ItemTrace } from './newman-session.js';

/**
 * - `inconclusive`: the harness could not judge the case (a precondition it could not arrange, a
 *   read-back it could not make, a target that went away): never charged to the server;
 * - `error`: the harness itself failed on the case (a script error, bytes it could not build).
 */
export const CASE_OUTCOMES = ['pass', 'fail', 'inconclusive', 'skip', 'error'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface CheckResult {
  readonly name: string;
  readonly level: Level;
  readonly passed: boolean;
  readonly message?: string;
}

/** A header line as sent or received: name and value, in order. */
export type HeaderRecord = readonly [name: string, value: string];

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  /**
   * The header lines as sent, secrets replaced by `{{variable}}` placeholders and long values
   * shortened; absent when the producer did not record them.
   */
  readonly headers?: readonly HeaderRecord[];
}

export interface ActualResponse {
  readonly status: number;
  readonly statusText: string;
  /** The response's header lines, masked and shortened like the request's; optional. */
  readonly headers?: readonly HeaderRecord[];
  /** The start of the body as text, masked; optional. */
  readonly bodyExcerpt?: string;
}

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly form: Form;
  readonly family: string;
  readonly level: Level;
  readonly requirement: string;
  readonly sources: readonly string[];
  readonly outcome: CaseOutcome;
  readonly expected: { readonly outcome: OutcomeClass; readonly statuses: readonly number[] };
  /** What came back: a status, a connection error, or nothing (skipped). */
  readonly actual: ActualResponse | { readonly error: string } | null;
  readonly request: SentRequest | null;
  readonly checks: readonly CheckResult[];
  /** The strongest level among the failed checks, if any failed. */
  readonly failedLevel: Level | null;
  /** Why the case was skipped or could not be judged. */
  readonly reason?: string;
  /** Milliseconds the case took (its preparations and checks included); absent when it was not sent. */
  readonly durationMs?: number;
}

export interface StepResult {
  readonly id: string;
  readonly title: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly message?: string;
}

export type Tally = Record<CaseOutcome, number>;

export interface Summary {
  readonly total: number;
  readonly outcomes: Tally;
  /** Cases with at least one failed check of that level. */
  readonly failedChecks: Record<Level, number>;
  readonly byForm: Record<Form, Tally>;
  readonly byLevel: Record<Level, Tally>;
}

/**
 * `inconclusive`: no check failed that decides the verdict, but a case of a deciding level (MUST;
 * SHOULD too under `--strict`) could not be judged, so the run cannot claim conformance.
 */
export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive' | 'error';

const LEVEL_PREFIX = /^\[(MUST|SHOULD|MAY)\]\s*/;

/** Reads the level a check's name starts with; a check without one counts as MUST. */
export function checkLevel(name: string): { level: Level; text: string } {
  const match = LEVEL_PREFIX.exec(name);
  if (!match?.[1]) return { level: 'must', text: name };
  return { level: match[1].toLowerCase() as Level, text: name.slice(match[0].length) };
}

export function expectedStatuses(testCase: ConformanceCase): readonly number[] {
  const { outcome, statuses } = testCase.expect;
  if (statuses) return statuses;
  return outcome === 'accept' ? [] : OUTCOME_STATUSES[outcome];
}

function describeExpected(testCase: ConformanceCase): string {
  return testCase.expect.outcome === 'accept' ? 'a 2xx response' : 'a 4xx rejection';
}

function strongest(levels: readonly Level[]): Level | null {
  return LEVELS.find((level) => levels.includes(level)) ?? null;
}

export function caseResult(testCase: ConformanceCase, trace: ItemTrace | undefined): CaseResult {
  const base = {
    id: testCase.id,
    title: testCase.title,
    form: testCase.form,
    family: testCase.family,
    level: testCase.level,
    requirement: testCase.requirement,
    sources: testCase.sources,
    expected: { outcome: testCase.expect.outcome, statuses: expectedStatuses(testCase) },
    ...(trace?.durationMs !== undefined && (trace.response || trace.requestError) ? { durationMs: trace.durationMs } : {}),
  };
  const request = trace?.method && trace.path !== undefined ? { method: trace.method, path: trace.path } : null;
  if (!trace || (!trace.response && !trace.requestError)) {
    const needs = testCase.requires?.length ? `needs ${testCase.requires.join(', ')}, not set in the environment` : 'not run';
    return { ...base, outcome: 'skip', actual: null, request, checks: [], failedLevel: null, reason: needs };
  }
  if (trace.requestError) {
    const where = request ? ` for ${request.method} ${request.path}` : '';
    const check: CheckResult = {
      name: 'the server answers',
      level: 'must',
      passed: false,
      message: `Expected ${describeExpected(testCase)}, got a connection error (${trace.requestError.code})${where}`,
    };
    return { ...base, outcome: 'fail', actual: { error: trace.requestError.code }, request, checks: [check], failedLevel: 'must' };
  }
  const response = trace.response!;
  const checks = trace.assertions
    .filter((a) => !a.skipped)
    .map((a): CheckResult => {
      const { level, text } = checkLevel(a.name);
      return { name: text, level, passed: a.passed, ...(a.passed ? {} : { message: a.message ?? '' }) };
    });
  const actual = { status: response.status, statusText: response.statusText };
  if (checks.length === 0) {
    const reason = trace.exceptions[0] ? `test script error: ${trace.exceptions[0]}` : 'no check ran';
    return { ...base, outcome: 'error', actual, request, checks, failedLevel: null, reason };
  }
  const failedLevel = strongest(checks.filter((c) => !c.passed).map((c) => c.level));
  return { ...base, outcome: failedLevel ? 'fail' : 'pass', actual, request, checks, failedLevel };
}

/**
 * Judges fixture steps by status: 2xx is done. For teardown, `alreadyGone` also takes 404 (a case
 * may have deleted the object already; what matters is that it is not left behind).
 */
export function stepResults(
  steps: readonly { id: string; title: string }[],
  traces: ReadonlyMap<string, ItemTrace>,
  alreadyGone = false,
): StepResult[] {
  return steps.map((step) => {
    const trace = traces.get(step.id);
    const status = trace?.response?.status ?? null;
    const where = trace?.method ? ` for ${trace.method} ${trace.path ?? ''}` : '';
    if (trace?.requestError) return { id: step.id, title: step.title, ok: false, status, message: `connection error (${trace.requestError.code})${where}` };
    if (status === null) return { id: step.id, title: step.title, ok: false, status, message: 'not run' };
    const ok = (status >= 200 && status < 300) || (alreadyGone && status === 404);
    return { id: step.id, title: step.title, ok, status, ...(ok ? {} : { message: `Expected 2xx, got ${status}${where}` }) };
  });
}

const emptyTally = (): Tally => ({ pass: 0, fail: 0, inconclusive: 0, skip: 0, error: 0 });

export function summarise(results: readonly CaseResult[]): Summary {
  const byForm = Object.fromEntries(FORMS.map((f) => [f, emptyTally()])) as Record<Form, Tally>;
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, emptyTally()])) as Record<Level, Tally>;
  const outcomes = emptyTally();
  const failedChecks: Record<Level, number> = { must: 0, should: 0, may: 0 };
  for (const result of results) {
    outcomes[result.outcome] += 1;
    byForm[result.form][result.outcome] += 1;
    byLevel[result.level][result.outcome] += 1;
    for (const level of LEVELS) {
      if (result.checks.some((c) => !c.passed && c.level === level)) failedChecks[level] += 1;
    }
  }
  return { total: results.length, outcomes, failedChecks, byForm, byLevel };
}

export function verdictOf(summary: Summary, setup: readonly StepResult[], strict: boolean): Verdict {
  if (setup.some((s) => !s.ok)) return 'error';
  if (summary.outcomes.error > 0) return 'error';
  if (summary.failedChecks.must > 0 || (strict && summary.failedChecks.should > 0)) return 'non-conformant';
  if (summary.byLevel.must.inconclusive > 0 || (strict && summary.byLevel.should.inconclusive > 0)) return 'inconclusive';
  return 'conformant';
}

/** The exit code a verdict ends the run with. */
export function exitCodeOf(verdict: Verdict): 0 | 1 | 2 {
  // An inconclusive run has no verdict either way: the same code as any other run without one.
  return verdict === 'conformant' ? EXIT_CODES.conformant : verdict === 'non-conformant' ? EXIT_CODES.nonConformant : EXIT_CODES.error;
}
