/**
 * `junit.xml`: one <testsuite> per credential form (classname = the form's id), one <testcase> per
 * case id. A case fails the build (a <failure>) when a MUST check failed, or a SHOULD check under
 * --strict; weaker failures are kept as <system-out> notes so that CI servers show them without
 * going red. Skipped cases are <skipped/>; cases the harness could not judge (inconclusive) and
 * cases it failed on are <error/>s: neither is a failure of the server.
 *
 * The document conforms to the JUnit schema Jenkins reads (junit-10.xsd of the xunit plugin), which
 * GitLab's and GitHub's JUnit readers accept too; spec/report/junit-report.spec.ts validates it.
 */
import { FORMS, FORM_TITLES } from '../cases/model.js';
import type { CaseResult } from '../results/results.js';
import { describeActual, expectedVsActual, FAILING_LEVEL_TEXT, frontText, inconclusiveReason, isAnsweredByFront, isBuildFailure, requestLines } from './describe-result.js';
import type { Reporter, RunReport } from './run-report.js';

// XML 1.0 forbids most C0 controls even as character references.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function failedChecks(result: CaseResult): string[] {
  return result.checks.filter((c) => !c.passed).map((c) => `[${c.level.toUpperCase()}] ${c.name}: ${c.message ?? ''}`);
}

/** The text a CI server shows under a failed case: what was expected and got, why, and where it comes from. */
function failureDetail(result: CaseResult): string {
  return [
    ...(result.failedLevel ? [`Case ${FAILING_LEVEL_TEXT[result.failedLevel]}.`] : []),
    ...(result.front ? [`${frontText(result)}.`] : []),
    expectedVsActual(result),
    ...failedChecks(result),
    '',
    `Requirement [${result.level.toUpperCase()}]: ${result.requirement}`,
    `Sources: ${result.sources.join('; ')}`,
    ...(result.request ? ['', 'Request:', ...requestLines(result)] : []),
    ...(result.reproduce ? ['', 'Send it again (secrets from the environment variables):', result.reproduce] : []),
  ].join('\n');
}

/** The failure's one-line message: the first failed check's, which says expected vs actual. */
function failureMessage(result: CaseResult): string {
  const first = result.checks.find((c) => !c.passed);
  return first?.message || `Expected ${result.expected.outcome}, got ${describeActual(result)}`;
}

/** Seconds, as JUnit's `time` attributes take them. */
function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}

function testcase(result: CaseResult, strict: boolean): string {
  const name = `${result.id}: ${result.title}`;
  const open = `    <testcase classname="${xmlEscape(result.form)}" name="${xmlEscape(name)}" time="${seconds(result.durationMs ?? 0)}">`;
  const body: string[] = [];
  if (result.outcome === 'skip') body.push(`      <skipped message="${xmlEscape(result.reason ?? 'skipped')}"/>`);
  if (result.outcome === 'error') {
    body.push(`      <error message="${xmlEscape(result.reason ?? 'error')}" type="error">${xmlEscape(failureDetail(result))}</error>`);
  }
  if (result.outcome === 'inconclusive') {
    const message = `could not judge: ${inconclusiveReason(result)}`;
    body.push(`      <error message="${xmlEscape(message)}" type="inconclusive">${xmlEscape(`${message}\n${failureDetail(result)}`)}</error>`);
  }
  if (isAnsweredByFront(result)) {
    // Not the target's failure: an error (no verdict) when it would have decided, else a note.
    const message = frontText(result);
    if (decides(result, strict)) body.push(`      <error message="${xmlEscape(message)}" type="answered-by-front">${xmlEscape(failureDetail(result))}</error>`);
    else body.push(`      <system-out>${xmlEscape(`${message}\n${failureDetail(result)}`)}</system-out>`);
  } else if (result.outcome === 'fail') {
    const level = (result.failedLevel ?? 'must').toUpperCase();
    if (isBuildFailure(result, strict)) {
      body.push(`      <failure message="${xmlEscape(failureMessage(result))}" type="${level}">${xmlEscape(failureDetail(result))}</failure>`);
    } else {
      const why = level === 'SHOULD' ? 'not fatal without --strict' : 'informational';
      body.push(`      <system-out>${xmlEscape(`${FAILING_LEVEL_TEXT[result.failedLevel ?? 'may']} (${why})\n${failureDetail(result)}`)}</system-out>`);
    }
  }
  return body.length === 0 ? `${open}</testcase>` : `${open}\n${body.join('\n')}\n    </testcase>`;
}

/** A failed check of a level that decides the verdict: MUST, or SHOULD under --strict. */
function decides(result: CaseResult, strict: boolean): boolean {
  return result.failedLevel === 'must' || (strict && result.failedLevel === 'should');
}

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

function countsOf(cases: readonly CaseResult[], strict: boolean): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome === 'fail' && isBuildFailure(c, strict)).length,
    errors: cases.filter((c) => c.outcome === 'error' || c.outcome === 'inconclusive' || (isAnsweredByFront(c) && decides(c, strict))).length,
    skipped: cases.filter((c) => c.outcome === 'skip').length,
  };
}

export function renderJunit(report: RunReport): string {
  const time = seconds(report.durationMs);
  const suites = FORMS.map((form) => ({ form, cases: report.cases.filter((c) => c.form === form) }))
    .filter(({ cases }) => cases.length > 0)
    .map(({ form, cases }) => {
      const n = countsOf(cases, report.strict);
      const time = seconds(cases.reduce((sum, c) => sum + (c.durationMs ?? 0), 0));
      const attrs = `name="${xmlEscape(FORM_TITLES[form])}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="${time}" timestamp="${xmlEscape(report.startedAt)}"`;
      return [`  <testsuite ${attrs}>`, ...cases.map((c) => testcase(c, report.strict)), '  </testsuite>'].join('\n');
    });
  // <testsuites> takes no "skipped" attribute in junit-10.xsd: the per-suite counts carry it.
  const n = countsOf(report.cases, report.strict);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="v3io-auth-conformance" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" time="${time}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export const junitReporter: Reporter = { name: 'junit', fileName: 'junit.xml', render: renderJunit };
