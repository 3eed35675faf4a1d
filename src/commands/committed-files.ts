/** What `generate` writes, rendered: the collections and environments, and the generated docs. */
import type { Command } from 'commander';
import { CATALOGUE } from '../cases/index.js';
import { renderDocs } from '../docs/files.js';
import { renderGenerated, type RenderedFile } from '../generate/files.js';

export { staleFiles, writeFiles } from '../generate/files.js';

/** Everything `generate` writes: the collections and environments, and the docs generated from the catalogue and `program`. */
export function renderCommittedFiles(program: Command): RenderedFile[] {
  return [...renderGenerated(CATALOGUE), ...renderDocs({ cases: CATALOGUE, program })];
}
