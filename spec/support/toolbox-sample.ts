/**
 * The bypass toolbox's raw-socket cases (842 of the catalogue's 1268) sampled: the first three of
 * each of its families. For tests about something other than the toolbox (the engines, a transport)
 * that still want its cases to go through: all of them cost a third of such a run, and over TLS a
 * handshake each. The toolbox itself is judged whole by the served and embedded runs.
 */
import { BYPASS_TECHNIQUE_CASES } from '../../src/cases/bypass-techniques.js';
import type { ConformanceCase } from '../../src/cases/model.js';

const FAMILIES = [...new Set(BYPASS_TECHNIQUE_CASES.map((c) => c.family))];
const KEPT = new Set(FAMILIES.flatMap((family) => BYPASS_TECHNIQUE_CASES.filter((c) => c.family === family).slice(0, 3)).map((c) => c.id));
const LEFT_OUT = new Set(BYPASS_TECHNIQUE_CASES.filter((c) => !KEPT.has(c.id)).map((c) => c.id));

/** The ids of `cases` but the toolbox's cases outside the sample. */
export function withToolboxSample(cases: readonly ConformanceCase[]): string[] {
  return cases.filter((c) => !LEFT_OUT.has(c.id)).map((c) => c.id);
}
