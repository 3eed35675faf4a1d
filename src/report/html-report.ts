/**
 * `conformance.html`: one self-contained page for a person deciding whether a server conforms and
 * what to fix. The verdict and counts by level first; the matrix of families by forms; then every
 * case — failures open, with the requirement, its sources as links, the request as sent (secrets
 * as placeholders or masked) and the expected vs actual response — filterable by level, form and
 * outcome.
 */
import { FORM_TITLES, LEVELS, type Form } from '../cases/model.js';
import type { CaseResult, StepResult } from '../results/results.js';
import { CASE_OUTCOMES } from '../results/results.js';
import { describePacing } from '../results/pacing-record.js';
import { describeSelection } from '../results/selection-record.js';
import {
  countsText,
  FAILING_LEVEL_TEXT,
  frontText,
  inconclusiveText,
  LEVEL_TABLE_NOTE,
  describeActual,
  describeExpected,
  describeTarget,
  reportTitle,
  caseVerdictText,
  OUTCOME_LABELS,
  requestLines,
  responseLines,
  VERDICT_TEXT,
} from './describe-result.js';
import { REPORT_CSP, REPORT_SCRIPT, REPORT_STYLE } from './html-assets.js';
import { html, trusted, type SafeHtml } from './html-template.js';
import { buildMatrix, caseState, cellText, type MatrixCell } from './matrix.js';
import type { Reporter, RunReport } from './run-report.js';
import { sourceLink } from './source-links.js';

const STATE_LABELS = {
  'fail-must': 'MUST failed',
  inconclusive: 'could not judge',
  error: 'error',
  'fail-should': 'SHOULD failed',
  'fail-may': 'MAY failed',
  pass: 'passed',
  skip: 'skipped',
  empty: 'no case',
} as const;

function header(report: RunReport): SafeHtml {
  const where = describeTarget(report);
  const selection = report.selection ? describeSelection(report.selection) : '';
  return html`<h1>${reportTitle(report)}</h1>
<p class="meta">Target <strong>${where}</strong> · started ${report.startedAt} · ${(report.durationMs / 1000).toFixed(1)} s ·
${report.tool.name} ${report.tool.version}${report.strict ? ' · strict (SHOULD failures fail the run)' : ''}${
    selection ? html` · selection <code>${selection}</code>` : ''
  }${report.merged ? ` · merged from ${report.merged.reports} reports` : ''}</p>
<p id="verdict" class="verdict verdict-${report.verdict}">Verdict: ${VERDICT_TEXT[report.verdict]}</p>
${report.verdict === 'inconclusive' ? html`<p id="no-verdict-why" class="counts">${inconclusiveText(report)}</p>` : ''}<p class="counts">${countsText(report)}</p>`;
}

/** Outcomes other than failure, counted by the case's own level beside the failures counted by the failed check's. */
const NON_FAILURE_OUTCOMES = CASE_OUTCOMES.filter((o) => o !== 'fail');

function levelTable(report: RunReport): SafeHtml {
  const rows = LEVELS.map((level) => {
    const tally = report.summary.byLevel[level];
    return html`<tr><th>${level.toUpperCase()}</th><td class="num" title="cases ${FAILING_LEVEL_TEXT[level]}">${report.summary.failingCases[level]}</td>${NON_FAILURE_OUTCOMES.map((o) => html`<td class="num">${tally[o]}</td>`)}</tr>`;
  });
  return html`<h2>Cases by level</h2>
<p class="meta">${LEVEL_TABLE_NOTE}</p>
<table id="levels"><thead><tr><th>level</th><th class="num">failing (strongest failed check)</th>${NON_FAILURE_OUTCOMES.map((o) => html`<th class="num">${OUTCOME_LABELS[o]}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table>`;
}

function notes(report: RunReport): SafeHtml {
  const failedSetup = report.setup.filter((s) => !s.ok);
  const failedTeardown = report.teardown.filter((s) => !s.ok);
  const pacing = report.pacing?.adapted ? describePacing(report.pacing) : undefined;
  if (failedSetup.length + failedTeardown.length + report.warnings.length === 0 && pacing === undefined) return html``;
  const step = (kind: string, s: StepResult): SafeHtml => html`<li>${kind} "${s.title}": ${s.message ?? 'failed'}</li>`;
  return html`<h2>Setup and warnings</h2><ul class="notes">
${failedSetup.map((s) => step('Setup failed', s))}${failedTeardown.map((s) => step('Teardown step failed', s))}${report.warnings.map((w) => html`<li>Warning: ${w}</li>`)}${pacing === undefined ? '' : html`<li>Pacing: ${pacing}</li>`}
</ul>`;
}

function matrixTable(report: RunReport): SafeHtml {
  const matrix = buildMatrix(report.cases);
  const cell = (c: MatrixCell): SafeHtml =>
    html`<td class="state-${c.state}" data-form="${c.form}" data-family="${c.family}" title="${FORM_TITLES[c.form]} / ${c.family}: ${STATE_LABELS[c.state]}">${cellText(c)}</td>`;
  const legend = (['fail-must', 'fail-should', 'fail-may', 'inconclusive', 'error', 'pass', 'skip'] as const).map((s) => html`<span class="state-${s}">${STATE_LABELS[s]}</span>`);
  return html`<h2>Matrix</h2>
<p class="legend">Each cell: cases passed / cases run, coloured by its worst outcome. ${legend}</p>
<table class="matrix" id="matrix"><thead><tr><th>family</th>${matrix.forms.map((f) => html`<th>${FORM_TITLES[f]}</th>`)}</tr></thead>
<tbody>${matrix.rows.map((row) => html`<tr><th>${row.family}</th>${row.cells.map(cell)}</tr>`)}</tbody></table>`;
}

function filters(report: RunReport, forms: readonly Form[]): SafeHtml {
  const option = (value: string, label: string, selected = false): SafeHtml => html`<option value="${value}"${selected ? trusted(' selected') : ''}>${label}</option>`;
  const outcomes = [option('problems', 'failed, inconclusive or error', true), option('all', 'all'), ...CASE_OUTCOMES.map((o) => option(o, o))];
  return html`<h2>Cases</h2>
<div class="filters" id="filters">
<label>Level <select id="filter-level">${option('all', 'all')}${LEVELS.map((l) => option(l, l.toUpperCase()))}</select></label>
<label>Form <select id="filter-form">${option('all', 'all')}${forms.map((f) => option(f, FORM_TITLES[f]))}</select></label>
<label>Outcome <select id="filter-outcome">${outcomes}</select></label>
<span id="shown-count">${report.cases.length} cases</span>
</div>
<p class="meta">Level filters a failed case by its strongest failed check, any other case by its own level.</p>
<p id="no-match" hidden>No case matches the filters.</p>`;
}

function sources(result: CaseResult): SafeHtml {
  const items = result.sources.map((s) => {
    const link = sourceLink(s);
    return link.href ? html`<li><a href="${link.href}" rel="noreferrer">${link.text}</a></li>` : html`<li>${link.text}</li>`;
  });
  return html`<ul class="sources">${items}</ul>`;
}

function checks(result: CaseResult): SafeHtml {
  const failed = result.checks.filter((c) => !c.passed);
  const passed = result.checks.length - failed.length;
  if (result.checks.length === 0) return html``;
  return html`<ul class="checks">${failed.map(
    (c) => html`<li class="check-failed"><strong>[${c.level.toUpperCase()}] ${c.name}</strong>: ${c.message ?? ''}</li>`,
  )}${passed > 0 ? html`<li>${passed} check${passed === 1 ? '' : 's'} passed</li>` : ''}</ul>`;
}

function caseArticle(result: CaseResult, strict: boolean): SafeHtml {
  const state = caseState(result);
  const problem = result.outcome === 'fail' || result.outcome === 'inconclusive' || result.outcome === 'error';
  const filterLevel = result.failedLevel ?? result.level;
  const request = requestLines(result);
  const response = responseLines(result);
  return html`<article class="case state-${state}" id="case-${result.id}" data-level="${filterLevel}" data-form="${result.form}" data-outcome="${result.outcome}">
<details${problem ? trusted(' open') : ''}><summary><span class="badge state-${state}">${STATE_LABELS[state]}</span><code>${result.id}</code> ${result.title}${problem ? ` — ${caseVerdictText(result, strict)}` : ''}</summary>
<div class="body">
<blockquote class="requirement">${result.requirement}</blockquote>
<dl class="facts">
<dt>level</dt><dd>${result.level.toUpperCase()} (the case's own)</dd>
${result.failedLevel ? html`<dt>failed</dt><dd>${FAILING_LEVEL_TEXT[result.failedLevel]}</dd>` : ''}
<dt>form</dt><dd>${FORM_TITLES[result.form]}</dd>
<dt>family</dt><dd>${result.family}</dd>
<dt>expected</dt><dd class="expected">${describeExpected(result)}</dd>
<dt>actual</dt><dd class="actual">${describeActual(result)}</dd>
${result.reason ? html`<dt>reason</dt><dd>${result.reason}</dd>` : ''}
${result.front ? html`<dt>front</dt><dd class="front">${frontText(result)}</dd>` : ''}
<dt>sources</dt><dd>${sources(result)}</dd>
</dl>
${checks(result)}
${result.reproduce ? html`<p class="reproduce-label"><strong>Send it again</strong> (secrets from the environment variables)</p><pre class="reproduce">${result.reproduce}</pre>` : ''}
${request.length + response.length > 0 ? html`<div class="exchange"><div><strong>Request</strong><pre class="request">${request.join('\n')}</pre></div><div><strong>Response</strong><pre class="response">${response.join('\n')}</pre></div></div>` : ''}
</div></details></article>`;
}

export function renderHtml(report: RunReport): string {
  const forms = buildMatrix(report.cases).forms;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${VERDICT_TEXT[report.verdict]} · ${reportTitle(report)}</title>
<style>${trusted(REPORT_STYLE)}</style>
</head>
<body>
${header(report)}
${levelTable(report)}
${notes(report)}
${matrixTable(report)}
${filters(report, forms)}
<section id="cases">
${report.cases.map((c) => caseArticle(c, report.strict))}
</section>
<script>${trusted(REPORT_SCRIPT)}</script>
</body>
</html>
`;
  return page.markup;
}

export const htmlReporter: Reporter = { name: 'html', fileName: 'conformance.html', render: renderHtml };
