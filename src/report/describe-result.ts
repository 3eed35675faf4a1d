/**
 * Wording shared by the reporters: what a case expected and got, whether its failure fails the
 * build, the verdict and the counts line. One wording, so that the CLI, JUnit, HTML and Markdown
 * reports say the same thing the same way.
 */
import { DEFAULT_PROFILE, LEVELS, type Level } from '../cases/model.js';
import type { CaseOutcome, CaseResult, Verdict } from '../results/results.js';
import type { RunReport } from './run-report.js';

/** The heading of a report: what kind of conformance its profile judged. */
export function reportTitle(report: RunReport): string {
  return report.target.profile === 'basic' ? 'Basic authentication conformance' : 'V3IO authentication conformance';
}

/** What was judged: `http://host:8080`, `embedded reference (http://127.0.0.1:8081)`, plus `, basic profile` outside the default profile. */
export function describeTarget(report: RunReport): string {
  const { mode, baseUrl, profile } = report.target;
  const where = mode === 'embedded' ? `embedded reference (${baseUrl})` : baseUrl;
  return profile === DEFAULT_PROFILE ? where : `${where}, ${profile} profile`;
}

export function describeExpected(result: CaseResult): string {
  const { outcome, statuses } = result.expected;
  return outcome === 'accept' ? 'accept (2xx)' : `${outcome} (${statuses.join(' or ')})`;
}

export function describeActual(result: CaseResult): string {
  const actual = result.actual;
  if (actual === null) return 'nothing (not sent)';
  if ('error' in actual) return `connection error ${actual.error}`;
  return `${actual.status}${actual.statusText ? ` ${actual.statusText}` : ''}`;
}

/** `expected unauthenticated (401), actual 200 OK` */
export function expectedVsActual(result: CaseResult): string {
  return `expected ${describeExpected(result)}, actual ${describeActual(result)}`;
}

/** A failure that fails the build: a MUST check, or a SHOULD check under --strict, on the target's own answer; errors too. */
export function isBuildFailure(result: CaseResult, strict: boolean): boolean {
  if (result.outcome === 'error') return true;
  if (isAnsweredByFront(result)) return false;
  return result.outcome === 'fail' && (result.failedLevel === 'must' || (strict && result.failedLevel === 'should'));
}

/** A failed case whose answer a front gave (results/fronts.ts): listed, never the target's failure. */
export function isAnsweredByFront(result: CaseResult): boolean {
  return result.outcome === 'fail' && result.front?.answered === true;
}

/** `answered by the front: nginx (nginx's own error page)`, `let in through the front: nginx (…)`; empty without a front. */
export function frontText(result: CaseResult): string {
  const front = result.front;
  if (!front) return '';
  return front.answered ? `answered by the front: ${front.name} (${front.evidence})` : `let in through the front: ${front.name} (${front.evidence}); a front that lets a request in is judged with the target`;
}

/**
 * What happened to a case, at which level, in the words every report uses: `failing a MUST check,
 * fails the run`, `failing only a SHOULD check`, `a MUST case that could not be judged: no verdict
 * without it`, `error`, `passed`, `skipped`.
 */
export function caseVerdictText(result: CaseResult, strict: boolean): string {
  if (result.outcome === 'error') return 'the harness failed on it (no verdict)';
  if (result.outcome === 'skip') return 'skipped';
  if (result.outcome === 'pass') return 'passed';
  if (result.outcome === 'inconclusive') {
    const deciding = result.level === 'must' || (strict && result.level === 'should');
    return `a ${result.level.toUpperCase()} case that could not be judged${deciding ? ': no verdict without it' : ''}`;
  }
  const failing = FAILING_LEVEL_TEXT[result.failedLevel ?? result.level];
  if (isAnsweredByFront(result)) return `answered by the front ${result.front?.name ?? ''}, not by the target (${failing})`;
  return isBuildFailure(result, strict) ? `${failing}, fails the run` : failing;
}

/** Cases a reader must look at: failed, could not be judged, or the harness failed on them. */
export function problemCases(report: RunReport): CaseResult[] {
  return report.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'inconclusive' || c.outcome === 'error');
}

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  conformant: 'CONFORMANT',
  'non-conformant': 'NOT CONFORMANT',
  inconclusive: 'INCONCLUSIVE (cases the harness could not judge)',
  error: 'NO VERDICT (run error)',
};

/** Column headings of counts by outcome (the tables by level). */
export const OUTCOME_LABELS: Readonly<Record<CaseOutcome, string>> = {
  pass: 'passed',
  fail: 'failed',
  inconclusive: 'inconclusive',
  skip: 'skipped',
  error: 'errors',
};

/** How a case that failed is named by the level of its strongest failed check: one wording for every report. */
export const FAILING_LEVEL_TEXT: Readonly<Record<Level, string>> = {
  must: 'failing a MUST check',
  should: 'failing only a SHOULD check',
  may: 'failing only a MAY check',
};

/**
 * `cases failing a MUST check: 2; cases failing only a SHOULD check: 10`: each case counted once,
 * under its strongest failed check; the MAY count only when a case failed a MAY check alone.
 */
export function failingCasesText(report: RunReport): string {
  const { failingCases } = report.summary;
  const levels = LEVELS.filter((level) => level !== 'may' || failingCases.may > 0);
  return levels.map((level) => `cases ${FAILING_LEVEL_TEXT[level]}: ${failingCases[level]}`).join('; ');
}

/** What the tables by level count, said under each. */
export const LEVEL_TABLE_NOTE =
  'A case with a failed check is counted once, under the level of its strongest failed check (MUST: failing a MUST check; SHOULD: failing only a SHOULD check); the other columns count cases by their own level.';

/**
 * `170 passed, 6 failed, 0 inconclusive, 0 skipped, 0 errors; cases failing a MUST check: 2; cases
 * failing only a SHOULD check: 4`, and `; cases answered by a front (not the target): 3` when a
 * front answered.
 */
export function countsText(report: RunReport): string {
  const { outcomes, answeredByFront } = report.summary;
  const counts = `${outcomes.pass} passed, ${outcomes.fail} failed, ${outcomes.inconclusive} inconclusive, ${outcomes.skip} skipped, ${outcomes.error} errors`;
  const front = answeredByFront.must + answeredByFront.should + answeredByFront.may;
  return `${counts}; ${failingCasesText(report)}${front > 0 ? `; cases answered by a front (not the target): ${front}` : ''}`;
}

/**
 * Cases that leave the run without a verdict: inconclusive ones of a level that decides it (MUST,
 * and SHOULD under --strict), and failures at such a level on a front's answer.
 */
export function decidingInconclusive(report: RunReport): CaseResult[] {
  const deciding = (level: CaseResult['level'] | null): boolean => level === 'must' || (report.strict && level === 'should');
  return report.cases.filter((c) => (c.outcome === 'inconclusive' && deciding(c.level)) || (isAnsweredByFront(c) && deciding(c.failedLevel)));
}

/** Why a case could not be judged: a front answered it, its reason, else its first failed check's message. */
export function inconclusiveReason(result: CaseResult): string {
  if (isAnsweredByFront(result)) return frontText(result);
  return result.reason ?? result.checks.find((c) => !c.passed)?.message ?? 'no reason recorded';
}

/** Reasons quoted in a verdict line; the rest are counted. */
const REASONS_IN_VERDICT = 2;
/** A reason longer than this is cut in a verdict line (the reports have it whole). */
const REASON_LENGTH_IN_VERDICT = 160;

function shortened(text: string): string {
  return text.length <= REASON_LENGTH_IN_VERDICT ? text : `${text.slice(0, REASON_LENGTH_IN_VERDICT - 1)}…`;
}

/**
 * Why an inconclusive run has no verdict, e.g. `3 MUST cases could not be judged (cross-unknown-
 * key-put-object: …; cross-no-credentials-post-object: …; and 1 more)`; empty for other verdicts.
 */
export function inconclusiveText(report: RunReport): string {
  if (report.verdict !== 'inconclusive') return '';
  const cases = decidingInconclusive(report);
  const byLevel = (['must', 'should'] as const)
    .map((level) => [level, cases.filter((c) => c.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level.toUpperCase()}`);
  const total = cases.length;
  const reasons = cases.slice(0, REASONS_IN_VERDICT).map((c) => `${c.id}: ${shortened(inconclusiveReason(c))}`);
  if (total > REASONS_IN_VERDICT) reasons.push(`and ${total - REASONS_IN_VERDICT} more`);
  return `${byLevel.join(' and ')} case${total === 1 ? '' : 's'} could not be judged (${reasons.join('; ')})`;
}

/** The request as lines: `GET /path` then one `Name: value` per header line. */
export function requestLines(result: CaseResult): string[] {
  if (!result.request) return [];
  return [`${result.request.method} ${result.request.path}`, ...(result.request.headers ?? []).map(([name, value]) => `${name}: ${value}`)];
}

/** The response as lines: the status, the header lines, a blank line and the body excerpt. */
export function responseLines(result: CaseResult): string[] {
  const actual = result.actual;
  if (actual === null) return [];
  if ('error' in actual) return [`(no response: connection error ${actual.error})`];
  const lines = [`${actual.status}${actual.statusText ? ` ${actual.statusText}` : ''}`, ...(actual.headers ?? []).map(([name, value]) => `${name}: ${value}`)];
  if (actual.bodyExcerpt) lines.push('', actual.bodyExcerpt);
  return lines;
}
