/** `list`: the catalogue as text, JSON or the README's Markdown family table. */
import { Option, type Command } from 'commander';
import { CATALOGUE } from '../cases/index.js';
import type { ConformanceCase } from '../cases/model.js';
import { renderCaseList, renderFamilyTable } from '../report/case-list.js';
import { wirePreview } from '../wire/bytes.js';
import { write } from './io.js';

/** A case as `list --format json` prints it: a wire case also shows its bytes, escaped, placeholders unresolved. */
function listed(testCase: ConformanceCase): object {
  return testCase.wire ? { ...testCase, wire: { ...testCase.wire, bytes: wirePreview(testCase.wire.parts) } } : testCase;
}

const FORMATS = {
  text: () => renderCaseList(CATALOGUE),
  json: () => `${JSON.stringify(CATALOGUE.map(listed), null, 2)}\n`,
  markdown: () => `${renderFamilyTable(CATALOGUE)}\n`,
} as const;

export function registerList(program: Command): void {
  program
    .command('list')
    .description('print the case catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .action(async (flags: { format: keyof typeof FORMATS }) => {
      await write(process.stdout, FORMATS[flags.format]());
    });
}
