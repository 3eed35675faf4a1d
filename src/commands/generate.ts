/** `generate`: writes (or, with --check, verifies) the committed collection and environments. */
import type { Command } from 'commander';
import { CATALOGUE } from '../cases/index.js';
import { EXIT_CODES } from '../errors.js';
import { packageRoot } from '../package-info.js';
import { exit, PROGRAM_NAME, write } from './io.js';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write the Postman collection and environments from the catalogue')
    .option('--check', 'only check that the committed files are up to date (exit 1 when stale)', false)
    .action(async (flags: { check: boolean }) => {
      // Loaded here: the Postman SDK takes a while to import, which run, list and serve don't need.
      const { checkGenerated, writeGenerated } = await import('../generate/files.js');
      const root = packageRoot();
      if (!flags.check) {
        const written = writeGenerated(root, CATALOGUE);
        await write(process.stdout, written.map((path) => `wrote ${path}\n`).join(''));
        return;
      }
      const { stale } = checkGenerated(root, CATALOGUE);
      if (stale.length > 0) {
        await write(process.stderr, `${PROGRAM_NAME}: generated files are stale: ${stale.join(', ')} (run \`${PROGRAM_NAME} generate\`)\n`);
        await exit(EXIT_CODES.nonConformant);
      }
      await write(process.stdout, 'generated files are up to date\n');
    });
}
