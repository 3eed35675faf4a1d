/**
 * `junit.xml`: one <testsuite> per credential form, one <testcase> per case id. A case fails the
 * build (a <failure>) when a MUST check failed, or a SHOULD check under --strict; weaker failures
 * are kept as <system-out> notes so that CI servers show them without going red.
 */
import { FORMS, FORM_TITLES } from '../cases/model.js';
import type { CaseResult } from '../run/results.js';
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

function isBuildFailure(result: CaseResult, strict: boolean): boolean {
  return result.failedLevel === 'must' || (strict && result.failedLevel === 'should');
}

function expectedVsActual(result: CaseResult): string {
  const expected = result.expected.outcome === 'accept' ? 'accept (2xx)' : `${result.expected.outcome} (${result.expected.statuses.join(' or ')})`;
  const actual = result.actual === null ? 'nothing' : 'error' in result.actual ? `connection error ${result.actual.error}` : String(result.actual.status);
  return `expected ${expected}, actual ${actual}`;
}

function failedChecks(result: CaseResult): string {
  return result.checks
    .filter((c) => !c.passed)
    .map((c) => `[${c.level.toUpperCase()}] ${c.name}: ${c.message ?? ''}`)
    .join('\n');
}

function testcase(result: CaseResult, strict: boolean): string {
  const name = `${result.id}: [${result.level.toUpperCase()}] ${result.title}`;
  const open = `    <testcase classname="${xmlEscape(result.form)}" name="${xmlEscape(name)}" time="0">`;
  const body: string[] = [];
  if (result.outcome === 'skip') body.push(`      <skipped message="${xmlEscape(result.reason ?? 'skipped')}"/>`);
  if (result.outcome === 'error') body.push(`      <error message="${xmlEscape(result.reason ?? 'error')}"/>`);
  if (result.outcome === 'fail') {
    const first = result.checks.find((c) => !c.passed);
    const detail = `${expectedVsActual(result)}\n${failedChecks(result)}`;
    if (isBuildFailure(result, strict)) {
      body.push(`      <failure message="${xmlEscape(first?.message ?? 'failed')}" type="${(result.failedLevel ?? 'must').toUpperCase()}">${xmlEscape(detail)}</failure>`);
    } else {
      body.push(`      <system-out>${xmlEscape(`${(result.failedLevel ?? '').toUpperCase()} check failed (not fatal without --strict)\n${detail}`)}</system-out>`);
    }
  }
  return body.length === 0 ? `${open}</testcase>` : `${open}\n${body.join('\n')}\n    </testcase>`;
}

export function renderJunit(report: RunReport): string {
  const suites = FORMS.map((form) => {
    const cases = report.cases.filter((c) => c.form === form);
    const failures = cases.filter((c) => c.outcome === 'fail' && isBuildFailure(c, report.strict)).length;
    const errors = cases.filter((c) => c.outcome === 'error').length;
    const skipped = cases.filter((c) => c.outcome === 'skip').length;
    const attrs = `name="${xmlEscape(FORM_TITLES[form])}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0"`;
    return [`  <testsuite ${attrs}>`, ...cases.map((c) => testcase(c, report.strict)), '  </testsuite>'].join('\n');
  });
  const totals = report.cases;
  const failures = totals.filter((c) => c.outcome === 'fail' && isBuildFailure(c, report.strict)).length;
  const errors = totals.filter((c) => c.outcome === 'error').length;
  const skipped = totals.filter((c) => c.outcome === 'skip').length;
  const time = (report.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="v3io-auth-conformance" tests="${totals.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export const junitReporter: Reporter = { name: 'junit', fileName: 'junit.xml', render: renderJunit };
