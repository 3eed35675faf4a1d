/**
 * The conformance matrix both human reports show: case families as rows, credential forms as
 * columns, each cell the cases of that family and form with the worst outcome among them.
 */
import { FORMS, type Form } from '../cases/model.js';
import type { CaseResult } from '../results/results.js';

/** Worst first: the state of a cell is the first of these that one of its cases is in. */
export const CELL_STATES = ['fail-must', 'inconclusive', 'error', 'fail-should', 'fail-may', 'pass', 'skip', 'empty'] as const;
export type CellState = (typeof CELL_STATES)[number];

export interface MatrixCell {
  readonly family: string;
  readonly form: Form;
  readonly total: number;
  readonly passed: number;
  /** Cases that ran (not skipped). */
  readonly ran: number;
  readonly state: CellState;
}

export interface MatrixRow {
  readonly family: string;
  readonly cells: readonly MatrixCell[];
}

export interface Matrix {
  /** The forms that have cases in the report, in catalogue order. */
  readonly forms: readonly Form[];
  readonly rows: readonly MatrixRow[];
}

export function caseState(result: CaseResult): Exclude<CellState, 'empty'> {
  if (result.outcome === 'fail') return `fail-${result.failedLevel ?? 'must'}`;
  return result.outcome;
}

function cellOf(cases: readonly CaseResult[], family: string, form: Form): MatrixCell {
  const mine = cases.filter((c) => c.family === family && c.form === form);
  const states = new Set(mine.map(caseState));
  const state = CELL_STATES.find((s) => states.has(s as Exclude<CellState, 'empty'>)) ?? 'empty';
  const ran = mine.filter((c) => c.outcome !== 'skip').length;
  return { family, form, total: mine.length, passed: mine.filter((c) => c.outcome === 'pass').length, ran, state };
}

export function buildMatrix(cases: readonly CaseResult[]): Matrix {
  const forms = FORMS.filter((form) => cases.some((c) => c.form === form));
  const families = [...new Set(cases.map((c) => c.family))];
  return { forms, rows: families.map((family) => ({ family, cells: forms.map((form) => cellOf(cases, family, form)) })) };
}

/** A cell's text: passed over ran (`5/6`), `skipped` when nothing ran, empty when it has no case. */
export function cellText(cell: MatrixCell): string {
  if (cell.total === 0) return '';
  if (cell.ran === 0) return 'skipped';
  return `${cell.passed}/${cell.ran}`;
}
