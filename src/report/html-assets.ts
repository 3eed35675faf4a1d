/**
 * The HTML report's style sheet and script, inline so that the file works opened from disk with
 * no network. Both are constants: the page's Content-Security-Policy allows exactly these two by
 * hash, so nothing else — not a script smuggled in by a hostile response — could run or load.
 */
import { createHash } from 'node:crypto';

export const REPORT_STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.verdict { font-size: 20px; font-weight: 700; padding: 10px 14px; border-radius: 6px; margin: 12px 0 4px; }
.verdict-conformant { background: #dafbe1; color: #116329; }
.verdict-non-conformant { background: #ffebe9; color: #a40e26; }
.verdict-inconclusive { background: #ddf4ff; color: #0550ae; }
.verdict-error { background: #fff1e5; color: #953800; }
.counts { margin: 0 0 12px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
td.num, th.num { text-align: right; }
.matrix td { text-align: center; min-width: 90px; }
.state-fail-must { background: #ffc1c0; }
.state-error { background: #e8d7ff; }
.state-inconclusive { background: #d8e6ff; }
.state-fail-should { background: #ffd8b5; }
.state-fail-may { background: #fff3a8; }
.state-pass { background: #c8f0d0; }
.state-skip { background: #eaeef2; color: var(--muted); }
.state-empty { background: #fff; }
.legend span { display: inline-block; padding: 0 8px; margin-right: 6px; border-radius: 4px; }
ul.notes li { margin: 2px 0; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 8px 0; position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); }
.filters label { font-weight: 600; }
.filters select { margin-left: 4px; }
.case { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; margin: 10px 0; }
.case > details > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
.case .body { padding: 0 14px 10px; }
.case.state-fail-must { border-left-color: #cf222e; background: #fff; }
.case.state-error { border-left-color: #8250df; background: #fff; }
.case.state-inconclusive { border-left-color: #0969da; background: #fff; }
.case.state-fail-should { border-left-color: #d4700a; background: #fff; }
.case.state-fail-may { border-left-color: #bf8700; background: #fff; }
.case.state-pass { border-left-color: #1a7f37; background: #fff; }
.case.state-skip { border-left-color: #8c959f; background: #fff; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; padding: 0 6px; border-radius: 4px; margin-right: 6px; }
.badge.state-fail-must { background: #cf222e; color: #fff; }
.badge.state-error { background: #8250df; color: #fff; }
.badge.state-inconclusive { background: #0969da; color: #fff; }
.badge.state-fail-should { background: #d4700a; color: #fff; }
.badge.state-fail-may { background: #bf8700; color: #fff; }
.badge.state-pass { background: #1a7f37; color: #fff; }
.badge.state-skip { background: #8c959f; color: #fff; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 4px 0 8px; }
blockquote { margin: 6px 0; padding: 2px 12px; border-left: 4px solid var(--line); color: var(--fg); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
@media (max-width: 800px) { .exchange { grid-template-columns: 1fr; } }
.check-failed { color: #a40e26; }
[hidden] { display: none !important; }
`;

/**
 * Filters: each case carries data-level (of its strongest failed check when it failed, its own
 * otherwise), data-form and data-outcome; the selects hide what does not match.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var cases = Array.prototype.slice.call(document.querySelectorAll('article.case'));
  var level = document.getElementById('filter-level');
  var form = document.getElementById('filter-form');
  var outcome = document.getElementById('filter-outcome');
  var shown = document.getElementById('shown-count');
  var none = document.getElementById('no-match');
  function outcomeMatches(value, wanted) {
    if (wanted === 'all') return true;
    if (wanted === 'problems') return value === 'fail' || value === 'inconclusive' || value === 'error';
    return value === wanted;
  }
  function apply() {
    var count = 0;
    cases.forEach(function (el) {
      var ok = (level.value === 'all' || el.getAttribute('data-level') === level.value) &&
        (form.value === 'all' || el.getAttribute('data-form') === form.value) &&
        outcomeMatches(el.getAttribute('data-outcome'), outcome.value);
      el.hidden = !ok;
      if (ok) count += 1;
    });
    shown.textContent = count + ' of ' + cases.length + ' cases shown';
    none.hidden = count !== 0;
  }
  [level, form, outcome].forEach(function (select) { select.addEventListener('change', apply); });
  apply();
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** No fetch of any kind; only the report's own style sheet and script. */
export const REPORT_CSP = `default-src 'none'; style-src ${sha256(REPORT_STYLE)}; script-src ${sha256(REPORT_SCRIPT)}; base-uri 'none'; form-action 'none'`;
