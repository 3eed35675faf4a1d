/**
 * docs/threat-model.md's section-by-section sweep (h2spec style): a row for every section of
 * spec/docs/swept-sections.ts, under its RFC title, and every case family or id a row names is in
 * the catalogue, so a renamed family or a removed case shows here instead of in a reader's search.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../src/cases/index.js';
import { packageRoot } from '../../src/package-info.js';
import { SWEPT_SECTIONS } from './swept-sections.js';

interface SweepRow {
  readonly id: string;
  readonly title: string;
  readonly coveredBy: string;
}

/** Splits a Markdown table row into its cells (`\|` stays inside a cell). */
const cells = (row: string): string[] =>
  row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

/** The rows of the sweep: a first cell of the form `` `RFC <n> §<section>` <title> ``. */
export function sweepRows(markdown: string): SweepRow[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| `RFC '))
    .map((line) => {
      const [first = '', , coveredBy = ''] = cells(line);
      const match = /^`(RFC \d+ §[\d.]+)`\s+(.+)$/.exec(first);
      if (!match) throw new Error(`a sweep row whose first cell is not \`RFC <n> §<section>\` <title>: ${line}`);
      return { id: match[1]!, title: match[2]!, coveredBy };
    });
}

/** The names in backticks of a "covered by" cell. */
const namesIn = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('threat model: the section-by-section sweep', () => {
  const rows = sweepRows(readFileSync(join(packageRoot(), 'docs', 'threat-model.md'), 'utf8'));
  const known = new Set(CATALOGUE.flatMap((c) => [c.id, c.family]));

  it('has a row for every listed section, under the title the RFC gives it', () => {
    const missing = SWEPT_SECTIONS.filter((s) => !rows.some((r) => r.id === s.id)).map((s) => s.id);
    expect(missing, 'sections without a row').to.deep.equal([]);
    for (const section of SWEPT_SECTIONS) {
      const row = rows.find((r) => r.id === section.id)!;
      expect(row.title, section.id).to.equal(section.title);
    }
  });

  it('has no row twice and none for a section the list does not hold', () => {
    const ids = rows.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'sections with two rows').to.deep.equal([]);
    expect(ids.filter((id) => !SWEPT_SECTIONS.some((s) => s.id === id)), 'rows for sections not in spec/docs/swept-sections.ts').to.deep.equal([]);
  });

  it('names only case families and case ids of the catalogue, or says why no case is needed', () => {
    const unknown = rows.flatMap((r) => namesIn(r.coveredBy).filter((name) => !known.has(name)).map((name) => `${r.id}: ${name}`));
    expect(unknown, 'names that are neither a family nor a case id').to.deep.equal([]);
    const bare = rows.filter((r) => namesIn(r.coveredBy).length === 0 && !/^none\b/.test(r.coveredBy)).map((r) => r.id);
    expect(bare, 'rows that name no case and do not start with "none"').to.deep.equal([]);
  });

  it('reads a row it is given, and finds a name that is not in the catalogue', () => {
    const [row] = sweepRows('| `RFC 9110 §11.1` Authentication Scheme | the word | `scheme-word`, `no-such-family` |');
    expect(row).to.deep.equal({ id: 'RFC 9110 §11.1', title: 'Authentication Scheme', coveredBy: '`scheme-word`, `no-such-family`' });
    expect(namesIn(row!.coveredBy).filter((n) => !known.has(n))).to.deep.equal(['no-such-family']);
  });
});
