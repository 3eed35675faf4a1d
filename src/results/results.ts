/**
 * The results vocabulary: what a judged case, a check and a fixture step are; the summary by form
 * and level; the verdict and its exit code. Producers (the newman runner, the wire runner, the
 * judge) and consumers (reporters, merge) share it; it knows none of them.
 */
import { FORMS, LEVELS, OUTCOME_STATUSES, type ConformanceCase, type Form, type Level, type OutcomeClass } from '../cases/model.js';
import { EXIT_CODES } from '../errors.js';

/**
 * - `inconclusive`: the harness could not judge the case (a precondition it could not arrange, a
 *   read-back it could not make, a target that went away): never charged to the server;
 * - `error`: the harness itself failed on the case (a script error, bytes it could not build).
 */
export const CASE_OUTCOMES = ['pass', 'fail', 'inconclusive', 'skip', 'error'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface CheckResult {
  /** The check definition's id in the judge's registry (`src/judge/`); absent on checks made elsewhere (transport). */
  readonly id?: string;
  readonly name: string;
  readonly level: Level;
  readonly passed: boolean;
  /** What the check wanted and what it found, in the words of the message (`401`, `200`); never a secret or a body. */
  readonly expected?: string;
  readonly actual?: string;
  readonly message?: string;
  /** Sources of the check itself when they are not the case's (the SDK function a body check stands for). */
  readonly sources?: readonly string[];
}

/** A check the harness could not make: which, and why (never charged to the server). */
export interface InconclusiveCheck {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
  readonly reason: string;
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

/**
 * An intermediary named on a case (fronts.ts): `answered`, its answer was the front's own (an error
 * page, another Server, a Via), not the target's; else a 2xx the front let in (the target's too).
 */
export interface FrontRecord {
  /** `nginx`, `HAProxy`, `AWS ALB`, or the product of a Server or Via header. */
  readonly name: string;
  /** What shows it, e.g. `nginx's own error page`, `Via: 1.1 varnish`. */
  readonly evidence: string;
  readonly answered: boolean;
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
  /** Checks that could not be made (a preparation or read-back not done), each with why; absent when none. */
  readonly inconclusiveChecks?: readonly InconclusiveCheck[];
  /** The strongest level among the failed checks, if any failed. */
  readonly failedLevel: Level | null;
  /** Why the case was skipped or could not be judged. */
  readonly reason?: string;
  /** Milliseconds the case took (its preparations and checks included); absent when it was not sent. */
  readonly durationMs?: number;
  /**
   * A failed or inconclusive case's shell command that sends its decisive request again: `curl`,
   * `printf … | nc` with a wire case's bytes, or a `run --only` line. Secrets are environment
   * references (`"$V3IO_PASSWORD"`), never values.
   */
  readonly reproduce?: string;
  /** The front (a reverse proxy, a load balancer) that answered the case's request or let it in; absent when nothing showed one. */
  readonly front?: FrontRecord;
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
  /**
   * Cases by the level of their strongest failed check, each counted once: \`must\`, cases failing a
   * MUST check; \`should\`, cases failing only a SHOULD check; \`may\`, cases failing only a MAY check.
   */
  readonly failingCases: Record<Level, number>;
  /**
   * Failed cases whose answer a front gave (an error page of nginx in front of the target), by the
   * level of their strongest failed check: not the target's failures, counted apart from
   * `failingCases`; at a deciding level they leave the run without a verdict.
   */
  readonly answeredByFront: Record<Level, number>;
  readonly byForm: Record<Form, Tally>;
  /** Outcomes by the case's own level (the level of its primary check). */
  readonly byLevel: Record<Level, Tally>;
}

/**
 * `inconclusive`: no check failed that decides the verdict, but a case of a deciding level (MUST;
 * SHOULD too under `--strict`) could not be judged, so the run cannot claim conformance.
 */
export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive' | 'error';

export function expectedStatuses(testCase: ConformanceCase): readonly number[] {
  // A transport case is answered by a handshake or a header, not a status.
  if (testCase.kind === 'transport') return [];
  const { outcome, statuses } = testCase.expect;
  if (statuses) return statuses;
  return outcome === 'accept' ? [] : OUTCOME_STATUSES[outcome];
}

/** The fields every result of a case has, whatever happened. */
export function resultBase(testCase: ConformanceCase): Pick<CaseResult, 'id' | 'title' | 'form' | 'family' | 'level' | 'requirement' | 'sources' | 'expected'> {
  return {
    id: testCase.id,
    title: testCase.title,
    form: testCase.form,
    family: testCase.family,
    level: testCase.level,
    requirement: testCase.requirement,
    sources: testCase.sources,
    expected: { outcome: testCase.expect.outcome, statuses: expectedStatuses(testCase) },
  };
}

/** The strongest level among the failed checks, or null: the one place a case's `failedLevel` is computed. */
export function failedLevelOf(checks: readonly Pick<CheckResult, 'level' | 'passed'>[]): Level | null {
  return LEVELS.find((level) => checks.some((c) => !c.passed && c.level === level)) ?? null;
}

const emptyTally = (): Tally => ({ pass: 0, fail: 0, inconclusive: 0, skip: 0, error: 0 });

export function summarise(results: readonly CaseResult[]): Summary {
  const byForm = Object.fromEntries(FORMS.map((f) => [f, emptyTally()])) as Record<Form, Tally>;
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, emptyTally()])) as Record<Level, Tally>;
  const outcomes = emptyTally();
  const failingCases: Record<Level, number> = { must: 0, should: 0, may: 0 };
  const answeredByFront: Record<Level, number> = { must: 0, should: 0, may: 0 };
  for (const result of results) {
    outcomes[result.outcome] += 1;
    byForm[result.form][result.outcome] += 1;
    byLevel[result.level][result.outcome] += 1;
    const failed = failedLevelOf(result.checks);
    if (failed) (result.front?.answered ? answeredByFront : failingCases)[failed] += 1;
  }
  return { total: results.length, outcomes, failingCases, answeredByFront, byForm, byLevel };
}

export function verdictOf(summary: Summary, setup: readonly StepResult[], strict: boolean): Verdict {
  if (setup.some((s) => !s.ok)) return 'error';
  if (summary.outcomes.error > 0) return 'error';
  if (summary.failingCases.must > 0 || (strict && summary.failingCases.should > 0)) return 'non-conformant';
  if (summary.byLevel.must.inconclusive > 0 || (strict && summary.byLevel.should.inconclusive > 0)) return 'inconclusive';
  // A MUST check failed on a front's answer: the target was not judged on it (no evidence either way).
  if (summary.answeredByFront.must > 0 || (strict && summary.answeredByFront.should > 0)) return 'inconclusive';
  return 'conformant';
}

/** The exit code a verdict ends the run with. */
export function exitCodeOf(verdict: Verdict): 0 | 1 | 2 {
  // An inconclusive run has no verdict either way: the same code as any other run without one.
  return verdict === 'conformant' ? EXIT_CODES.conformant : verdict === 'non-conformant' ? EXIT_CODES.nonConformant : EXIT_CODES.error;
}
