/** `list`: the catalogue as a readable table, grouped by form. */
import { FORMS, FORM_TITLES, type ConformanceCase } from '../cases/model.js';

export function renderCaseList(cases: readonly ConformanceCase[]): string {
  const lines: string[] = [];
  const idWidth = Math.max(...cases.map((c) => c.id.length));
  for (const form of FORMS) {
    const mine = cases.filter((c) => c.form === form);
    if (mine.length === 0) continue;
    lines.push(`${FORM_TITLES[form]} (${mine.length})`);
    for (const c of mine) lines.push(`  ${c.id.padEnd(idWidth)}  ${c.level.toUpperCase().padEnd(6)}  ${c.title}`);
    lines.push('');
  }
  lines.push(`${cases.length} cases`);
  return `${lines.join('\n')}\n`;
}

/** The families as a Markdown table (rows) by form (columns), as the README shows it. */
export function renderFamilyTable(cases: readonly ConformanceCase[]): string {
  const families = [...new Set(cases.map((c) => c.family))];
  const count = (family: string, form?: string): number => cases.filter((c) => c.family === family && (!form || c.form === form)).length;
  const cellOf = (n: number): string => (n === 0 ? '' : String(n));
  const header = `| family | ${FORMS.map((f) => FORM_TITLES[f]).join(' | ')} | total |`;
  const rule = `|---|${FORMS.map(() => '---:').join('|')}|---:|`;
  const rows = families.map((family) => `| ${family} | ${FORMS.map((f) => cellOf(count(family, f))).join(' | ')} | ${count(family)} |`);
  const totals = `| **all** | ${FORMS.map((f) => String(cases.filter((c) => c.form === f).length)).join(' | ')} | ${cases.length} |`;
  return [header, rule, ...rows, totals].join('\n');
}
