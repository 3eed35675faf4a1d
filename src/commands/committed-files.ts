/** What `generate` writes, rendered: the collections and environments, the generated docs, the precompiled validators. */
import type { Command } from 'commander';
import { CATALOGUE } from '../cases/index.js';
import { renderDocs } from '../docs/files.js';
import { renderGenerated, type RenderedFile } from '../generate/files.js';
import { PRECOMPILED_VALIDATORS_PATH, renderPrecompiledValidators } from '../schemas/precompile.js';

export { staleFiles, writeFiles } from '../generate/files.js';

/** Everything `generate` writes: the collections and environments, the docs generated from the catalogue and `program`, and the precompiled response validators. */
export function renderCommittedFiles(program: Command): RenderedFile[] {
  return [
    ...renderGenerated(CATALOGUE),
    ...renderDocs({ cases: CATALOGUE, program }),
    { path: PRECOMPILED_VALIDATORS_PATH, content: renderPrecompiledValidators() },
  ];
}
