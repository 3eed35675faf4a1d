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
