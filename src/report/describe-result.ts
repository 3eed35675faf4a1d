/**
 * Wording shared by the reporters: what a case expected and got, whether its failure fails the
 * build, the verdict and the counts line. One wording, so that the CLI, JUnit, HTML and Markdown
 * reports say the same thing the same way.
 */
import { DEFAULT_PROFILE } from '../cases/model.js';
import type { CaseResult, Verdict } from '../run/results.js';
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

/** A failure that fails the build: a MUST check, or a SHOULD check under --strict; errors too. */
export function isBuildFailure(result: CaseResult, strict: boolean): boolean {
  if (result.outcome === 'error') return true;
  return result.outcome === 'fail' && (result.failedLevel === 'must' || (strict && result.failedLevel === 'should'));
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

/** `170 passed, 6 failed, 0 inconclusive, 0 skipped, 0 errors; failed checks: 2 MUST, 4 SHOULD, 0 MAY` */
export function countsText(report: RunReport): string {
  const { outcomes, failedChecks } = report.summary;
  const counts = `${outcomes.pass} passed, ${outcomes.fail} failed, ${outcomes.inconclusive} inconclusive, ${outcomes.skip} skipped, ${outcomes.error} errors`;
  return `${counts}; failed checks: ${failedChecks.must} MUST, ${failedChecks.should} SHOULD, ${failedChecks.may} MAY`;
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
