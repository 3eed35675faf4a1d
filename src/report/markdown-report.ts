/**
 * `conformance.md`: the verdict, the matrix and the failures as GitHub-flavoured Markdown, for a
 * CI job summary or a pull-request comment. Text from the run (and from the target) is escaped so
 * that it stays text: table cells cannot be split, and nothing becomes a link, an image or markup.
 * The failures are cut off before the file outgrows a PR comment.
 */
import { FORM_TITLES, LEVELS } from '../cases/model.js';
import type { CaseResult } from '../results/results.js';
import { CASE_OUTCOMES } from '../results/results.js';
import { describePacing } from '../results/pacing-record.js';
import { describeSelection } from '../results/selection-record.js';
import {
  countsText,
  describeActual,
  describeExpected,
  describeTarget,
  frontText,
  inconclusiveText,
  LEVEL_TABLE_NOTE,
  reportTitle,
  caseVerdictText,
  OUTCOME_LABELS,
  problemCases,
  requestLines,
  responseLines,
  VERDICT_TEXT,
} from './describe-result.js';
import { buildMatrix, caseState, cellText, type CellState } from './matrix.js';
import type { Reporter, RunReport } from './run-report.js';
import { sourceLink } from './source-links.js';

/** GitHub refuses comments over 65,536 characters; stay well under it. */
export const MARKDOWN_BUDGET = 60_000;

const STATE_MARKS: Readonly<Record<CellState, string>> = {
  'fail-must': '❌',
  inconclusive: '❔',
  error: '💥',
  'fail-should': '⚠️',
  'fail-may': 'ℹ️',
  pass: '✅',
  skip: '⏭️',
  empty: '',
};

const VERDICT_MARKS = { conformant: '✅', 'non-conformant': '❌', inconclusive: '❔', error: '💥' } as const;

/**
 * Inline text: backslash-escapes what Markdown or GFM would read as syntax inside a line
 * (emphasis, code, links and images — `[` starts both —, HTML, table pipes, strikethrough, entity
 * references) and folds line breaks, so it stays one cell or one line of plain text. Characters
 * that are syntax only at the start of a line (`#`, `-`, `>`) never start one here.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** A fenced code block whose fence is longer than any backtick run inside (CommonMark §4.5). */
export function codeBlock(text: string, language = 'text'): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function summaryLines(report: RunReport): string[] {
  const where = describeTarget(report);
  const facts = [`target ${escapeMarkdown(where)}`, `${(report.durationMs / 1000).toFixed(1)} s`];
  if (report.strict) facts.push('strict');
  if (report.selection) facts.push(`selection ${escapeMarkdown(describeSelection(report.selection))}`);
  if (report.merged) facts.push(`merged from ${report.merged.reports} reports`);
  return [
    `## ${VERDICT_MARKS[report.verdict]} ${reportTitle(report)}: ${VERDICT_TEXT[report.verdict]}`,
    '',
    ...(report.verdict === 'inconclusive' ? [`**No verdict**: ${escapeMarkdown(inconclusiveText(report))}.`, ''] : []),
    escapeMarkdown(countsText(report)),
    '',
    facts.join(' · '),
    '',
  ];
}

function levelTable(report: RunReport): string[] {
  const others = CASE_OUTCOMES.filter((o) => o !== 'fail');
  const rows = LEVELS.map((level) => `| ${level.toUpperCase()} | ${report.summary.failingCases[level]} | ${others.map((o) => report.summary.byLevel[level][o]).join(' | ')} |`);
  const header = `| level | failing (strongest failed check) | ${others.map((o) => OUTCOME_LABELS[o]).join(' | ')} |`;
  return [header, `|---|---:|${others.map(() => '---:|').join('')}`, ...rows, '', escapeMarkdown(LEVEL_TABLE_NOTE), ''];
}

function notes(report: RunReport): string[] {
  const lines = [
    ...report.setup.filter((s) => !s.ok).map((s) => `- **Setup failed**: ${escapeMarkdown(`${s.title}: ${s.message ?? ''}`)}`),
    ...report.teardown.filter((s) => !s.ok).map((s) => `- Teardown step failed: ${escapeMarkdown(`${s.title}: ${s.message ?? ''}`)}`),
    ...report.warnings.map((w) => `- Warning: ${escapeMarkdown(w)}`),
    ...(report.pacing?.adapted ? [`- Pacing: ${escapeMarkdown(describePacing(report.pacing))}`] : []),
  ];
  return lines.length > 0 ? [...lines, ''] : [];
}

function matrixTable(report: RunReport): string[] {
  const matrix = buildMatrix(report.cases);
  if (matrix.forms.length === 0) return ['No case was selected.', ''];
  const header = `| family | ${matrix.forms.map((f) => escapeMarkdown(FORM_TITLES[f])).join(' | ')} |`;
  const rule = `|---|${matrix.forms.map(() => ':---:').join('|')}|`;
  const rows = matrix.rows.map(
    (row) => `| ${escapeMarkdown(row.family)} | ${row.cells.map((c) => `${STATE_MARKS[c.state]} ${cellText(c)}`.trim()).join(' | ')} |`,
  );
  const legend = '✅ passed · ❌ MUST failed · ⚠️ SHOULD failed · ℹ️ MAY failed · ❔ could not judge (inconclusive) · 💥 error · ⏭️ skipped — each cell: passed / run';
  return ['### Matrix', '', header, rule, ...rows, '', legend, ''];
}

function sourcesText(result: CaseResult): string {
  return result.sources
    .map((s) => {
      const link = sourceLink(s);
      return link.href ? `[${escapeMarkdown(link.text)}](${link.href})` : escapeMarkdown(link.text);
    })
    .join(', ');
}

function failureSection(result: CaseResult, strict: boolean): string {
  const mark = STATE_MARKS[caseState(result)];
  const lines = [
    `#### ${mark} \`${result.id}\` ${escapeMarkdown(result.title)} — ${caseVerdictText(result, strict)}`,
    '',
    `> ${escapeMarkdown(result.requirement)}`,
    '',
    `- **${FORM_TITLES[result.form]}**, family ${escapeMarkdown(result.family)}; sources: ${sourcesText(result)}`,
    `- expected ${escapeMarkdown(describeExpected(result))}, actual **${escapeMarkdown(describeActual(result))}**`,
    ...result.checks.filter((c) => !c.passed).map((c) => `- [${c.level.toUpperCase()}] ${escapeMarkdown(c.name)}: ${escapeMarkdown(c.message ?? '')}`),
    ...(result.reason ? [`- ${escapeMarkdown(result.reason)}`] : []),
    ...(result.front ? [`- **${escapeMarkdown(frontText(result))}**`] : []),
  ];
  if (result.reproduce) lines.push('', 'Send it again (secrets from the environment variables):', '', codeBlock(result.reproduce, 'sh'));
  const request = requestLines(result);
  const response = responseLines(result);
  if (request.length > 0) lines.push('', '<details><summary>request and response</summary>', '', codeBlock(request.join('\n')), '', codeBlock(response.join('\n')), '', '</details>');
  return `${lines.join('\n')}\n`;
}

function failureLines(report: RunReport, used: number): string[] {
  const problems = problemCases(report);
  if (problems.length === 0) return ['No failures.', ''];
  const heading = problems.some((c) => c.outcome === 'inconclusive') ? 'Failures and cases not judged' : 'Failures';
  const out = [`### ${heading} (${problems.length})`, ''];
  let size = used + out.join('\n').length;
  for (const [index, result] of problems.entries()) {
    const section = failureSection(result, report.strict);
    const rest = problems.length - index;
    if (size + section.length > MARKDOWN_BUDGET - 200) {
      out.push(`… and ${rest} more failure${rest === 1 ? '' : 's'}, not shown to keep this summary short: see conformance.html or conformance.json.`, '');
      break;
    }
    out.push(section);
    size += section.length + 1;
  }
  return out;
}

export function renderMarkdown(report: RunReport): string {
  const head = [...summaryLines(report), ...levelTable(report), ...notes(report), ...matrixTable(report)];
  const text = head.join('\n');
  return `${[text, ...failureLines(report, text.length)].join('\n').trimEnd()}\n`;
}

export const markdownReporter: Reporter = { name: 'md', fileName: 'conformance.md', render: renderMarkdown };
