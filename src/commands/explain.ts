/** `explain <id>`: what a case checks, why, and exactly what it sends (see case-explanation.ts). */
import { Option, type Command } from 'commander';
import { catalogueFor } from '../cases/index.js';
import { DEFAULT_PROFILE, PROFILES, type ProfileId } from '../cases/model.js';
import { casesOf, profileNamed } from '../cases/profiles.js';
import { explainCase, renderExplanation } from './case-explanation.js';
import { unknownIdError } from './case-ids.js';
import { write } from './io.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('explain a case: its requirement, level and sources, the request it sends, what it expects')
    .argument('<id>', 'the case id (see the list command)')
    .addOption(new Option('--profile <profile>', 'the case as this profile sends it').choices(PROFILES).default(DEFAULT_PROFILE))
    .option('--json', 'print it as JSON', false)
    .action(async (id: string, flags: { profile: ProfileId; json: boolean }) => {
      const profile = profileNamed(flags.profile);
      // Every case, the bypass toolbox's long tail (run --bypass full) included.
      const catalogue = catalogueFor('full');
      const cases = casesOf(profile, catalogue);
      const testCase = cases.find((c) => c.id === id);
      if (!testCase) throw unknownIdError(id, cases, catalogue, profile.id);
      const explanation = explainCase(testCase, profile);
      await write(process.stdout, flags.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation));
    });
}
