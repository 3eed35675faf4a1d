/**
 * The summary printed at the end of `run`: a table by form and level, every failure under the
 * level of the check that failed, with its message, the verdict and where the reports are.
 */
import { FORMS, FORM_TITLES, LEVELS, type Form, type Level } from '../cases/model.js';
import type { CaseResult } from '../results/results.js';
import { describePacing } from '../results/pacing-record.js';
import { describeSelection } from '../results/selection-record.js';
import { countsText, describeTarget, FAILING_LEVEL_TEXT, frontText, inconclusiveReason, inconclusiveText, isAnsweredByFront, isBuildFailure, VERDICT_TEXT } from './describe-result.js';
import type { RunReport } from './run-report.js';

export interface Style {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const plain = (s: string): string => s;
/** Skipped cases listed one by one under a reason; more than this are counted instead. */
const MAX_SKIPPED_LISTED = 10;
export const PLAIN_STYLE: Style = { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };

export function ansiStyle(): Style {
  const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

function cell(cases: readonly CaseResult[], form: Form, level: Level): string {
  const mine = cases.filter((c) => c.form === form && c.level === level && c.outcome !== 'skip');
  if (mine.length === 0) return '-';
  const passed = mine.filter((c) => c.outcome === 'pass').length;
  return `${passed}/${mine.length}`;
}

/** A failed case under the heading of its strongest failed check's level: its title, then every failed check with that check's level. */
function failureLines(result: CaseResult, style: Style, strict: boolean): string[] {
  const mark = isBuildFailure(result, strict) ? style.red('✗') : style.yellow('!');
  const lines = [`  ${mark} ${result.id} ${style.dim(result.title)}`];
  for (const check of result.checks.filter((c) => !c.passed)) {
    lines.push(`      [${check.level.toUpperCase()}] ${check.name}: ${check.message ?? ''}`);
  }
  if (result.outcome === 'error') lines.push(`      ${result.reason ?? 'error'}`);
  if (result.front) lines.push(`      ${frontText(result)}`);
  return [...lines, ...reproduceLines(result, style)];
}

/** The command that sends the case's decisive request again, when the case has one. */
function reproduceLines(result: CaseResult, style: Style): string[] {
  return result.reproduce ? [`      ${style.dim('again:')} ${result.reproduce}`] : [];
}

/** The failures grouped by the level of the check that failed (`Failing a MUST check (2):`), then the cases the harness failed on. */
function failureSections(report: RunReport, style: Style): string[] {
  const out: string[] = [];
  const section = (heading: string, results: readonly CaseResult[]): void => {
    if (results.length === 0) return;
    out.push(style.bold(`${heading} (${results.length}):`));
    for (const result of results) out.push(...failureLines(result, style, report.strict));
    out.push('');
  };
  for (const level of LEVELS) {
    const heading = FAILING_LEVEL_TEXT[level];
    section(`${heading.charAt(0).toUpperCase()}${heading.slice(1)}`, report.cases.filter((c) => c.outcome === 'fail' && c.failedLevel === level && !isAnsweredByFront(c)));
  }
  // The front's answers, by front: what a proxy in front of the target did, not the target.
  const fronts = [...new Set(report.cases.filter(isAnsweredByFront).map((c) => c.front?.name ?? ''))];
  for (const name of fronts) section(`Answered by the front ${name}, not by the target`, report.cases.filter((c) => isAnsweredByFront(c) && c.front?.name === name));
  section('Errors (the harness failed on the case)', report.cases.filter((c) => c.outcome === 'error'));
  return out;
}

/** An inconclusive case: a `?` (red when it keeps the run from a verdict) and why it could not be judged. */
function inconclusiveLines(result: CaseResult, style: Style, strict: boolean): string[] {
  const deciding = result.level === 'must' || (strict && result.level === 'should');
  const mark = deciding ? style.red('?') : style.yellow('?');
  return [`  ${mark} ${result.id} ${style.dim(`[${result.level.toUpperCase()}] ${result.title}`)}`, `      ${inconclusiveReason(result)}`, ...reproduceLines(result, style)];
}

export function renderCliSummary(report: RunReport, style: Style, reportPaths: readonly string[]): string {
  const out: string[] = [];
  const where = describeTarget(report);
  out.push(style.bold(`v3io-auth-conformance against ${where}`));
  if (report.selection) out.push(`Selection: ${describeSelection(report.selection)} (${report.cases.length} cases)`);
  if (report.merged) out.push(`Merged from ${report.merged.reports} reports`);
  out.push('');
  const width = Math.max(...FORMS.map((f) => FORM_TITLES[f].length));
  out.push(`  ${'form'.padEnd(width)}  ${LEVELS.map((l) => l.toUpperCase().padStart(7)).join(' ')}   inconclusive   skipped`);
  for (const form of FORMS.filter((f) => report.cases.some((c) => c.form === f))) {
    const count = (outcome: CaseResult['outcome']): number => report.cases.filter((c) => c.form === form && c.outcome === outcome).length;
    const cells = LEVELS.map((l) => cell(report.cases, form, l).padStart(7)).join(' ');
    out.push(`  ${FORM_TITLES[form].padEnd(width)}  ${cells}   ${String(count('inconclusive')).padStart(12)}   ${count('skip')}`);
  }
  out.push('');
  out.push(...failureSections(report, style));
  const inconclusive = report.cases.filter((c) => c.outcome === 'inconclusive');
  if (inconclusive.length > 0) {
    out.push(style.bold('Could not judge (inconclusive):'));
    for (const result of inconclusive) out.push(...inconclusiveLines(result, style, report.strict));
    out.push('');
  }
  const skipped = report.cases.filter((c) => c.outcome === 'skip');
  if (skipped.length > 0) {
    out.push(style.bold('Skipped:'));
    // Many cases skipped for one reason (the wire cases in embedded mode) are one line, not a screenful.
    const byReason = new Map<string, CaseResult[]>();
    for (const result of skipped) byReason.set(result.reason ?? 'skipped', [...(byReason.get(result.reason ?? 'skipped') ?? []), result]);
    for (const [reason, results] of byReason) {
      if (results.length > MAX_SKIPPED_LISTED) out.push(`  - ${results.length} cases: ${reason} (their ids are in the reports)`);
      else for (const result of results) out.push(`  - ${result.id}: ${reason}`);
    }
    out.push('');
  }
  for (const step of report.setup.filter((s) => !s.ok)) out.push(style.red(`Setup failed: ${step.title}: ${step.message ?? ''}`));
  for (const step of report.teardown.filter((s) => !s.ok)) out.push(style.yellow(`Warning: teardown step "${step.title}" failed: ${step.message ?? ''}`));
  for (const warning of report.warnings) out.push(style.yellow(`Warning: ${warning}`));
  if (report.pacing?.adapted) out.push(`Pacing: ${describePacing(report.pacing)}`);
  out.push(renderVerdictLine(report, style));
  if (reportPaths.length > 0) out.push(`Reports: ${reportPaths.join(', ')}`);
  return `${out.join('\n')}\n`;
}

/**
 * The last line of every run, and the only one under --quiet. An inconclusive run says why:
 * `Verdict: INCONCLUSIVE — 3 MUST cases could not be judged (…) — 212 passed, …`.
 */
export function renderVerdictLine(report: RunReport, style: Style): string {
  const inconclusive = report.verdict === 'inconclusive';
  const text = inconclusive ? 'INCONCLUSIVE' : VERDICT_TEXT[report.verdict];
  const verdict = report.verdict === 'conformant' ? style.green(text) : inconclusive ? style.yellow(text) : style.red(text);
  const why = inconclusive ? ` — ${inconclusiveText(report)}` : '';
  return `${style.bold('Verdict:')} ${verdict}${report.strict ? ' (strict)' : ''}${why} — ${countsText(report)}`;
}
