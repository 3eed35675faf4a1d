/** `list`: the catalogue (or one profile's cases, or those `--grep` matches) as text, JSON or the Markdown family table. */
import { Option, type Command } from 'commander';
import { BYPASS_EXTENTS, catalogueFor, type BypassExtent } from '../cases/index.js';
import { PROFILES, type ConformanceCase, type ProfileId } from '../cases/model.js';
import { casesOf, profileNamed } from '../cases/profiles.js';
import { renderCaseList, renderFamilyTable } from '../report/case-list.js';
import { wirePreview } from '../wire/bytes.js';
import { matchesFilters } from '../run/selection.js';
import { write } from './io.js';
import { parseGrep, requireSomeMatch } from './selection-options.js';

/** A case as `list --format json` prints it: a wire case also shows its bytes, escaped, placeholders unresolved. */
function listed(testCase: ConformanceCase): object {
  return testCase.kind === 'wire' ? { ...testCase, wire: { ...testCase.wire, bytes: wirePreview(testCase.wire.parts) } } : testCase;
}

const FORMATS = {
  text: (cases: readonly ConformanceCase[]) => renderCaseList(cases),
  json: (cases: readonly ConformanceCase[]) => `${JSON.stringify(cases.map(listed), null, 2)}\n`,
  markdown: (cases: readonly ConformanceCase[]) => `${renderFamilyTable(cases)}\n`,
} as const;

export function registerList(program: Command): void {
  program
    .command('list')
    .description('print the case catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .addOption(new Option('--profile <profile>', "only the profile's cases, as it sends them (default: the whole catalogue)").choices(PROFILES))
    .addOption(new Option('-g, --grep <regex>', "only cases whose id, title or family matches (case-insensitive), as run's --grep").argParser(parseGrep))
    .addOption(new Option('--bypass <extent>', "the bypass toolbox as run --bypass sends it: default or full (with its long tail)").choices(BYPASS_EXTENTS).default('default'))
    .action(async (flags: { format: keyof typeof FORMATS; profile?: ProfileId; grep?: RegExp; bypass: BypassExtent }) => {
      const catalogue = catalogueFor(flags.bypass);
      const inProfile = flags.profile ? casesOf(profileNamed(flags.profile), catalogue) : catalogue;
      requireSomeMatch(inProfile, { grep: flags.grep });
      const cases = inProfile.filter((c) => matchesFilters(c, { grep: flags.grep }));
      await write(process.stdout, FORMATS[flags.format](cases));
    });
}
