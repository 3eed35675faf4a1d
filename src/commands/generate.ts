/** `generate`: writes (or, with --check, verifies) the committed collections, environments and generated docs. */
import type { Command } from 'commander';
import { EXIT_CODES } from '../errors.js';
import { packageRoot } from '../package-info.js';
import { exit, PROGRAM_NAME, write } from './io.js';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write the Postman collections, environments and generated docs from the catalogue')
    .option('--check', 'only check that the committed files are up to date (exit 1 when stale)', false)
    .action(async (flags: { check: boolean }) => {
      // Loaded here: the Postman SDK and the docs renderers cost every other command's start-up otherwise.
      const { renderCommittedFiles, staleFiles, writeFiles } = await import('./committed-files.js');
      const root = packageRoot();
      if (!flags.check) {
        const written = writeFiles(root, renderCommittedFiles(program));
        await write(process.stdout, written.map((path) => `wrote ${path}\n`).join(''));
        return;
      }
      const stale = staleFiles(root, renderCommittedFiles(program));
      if (stale.length > 0) {
        await write(process.stderr, `${PROGRAM_NAME}: generated files are stale: ${stale.join(', ')} (run \`${PROGRAM_NAME} generate\`)\n`);
        await exit(EXIT_CODES.nonConformant);
      }
      await write(process.stdout, 'generated files are up to date\n');
    });
}
