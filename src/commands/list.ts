/** `list`: the catalogue as text, JSON or the README's Markdown family table. */
import { Option, type Command } from 'commander';
import { CATALOGUE } from '../cases/index.js';
import { renderCaseList, renderFamilyTable } from '../report/case-list.js';
import { write } from './io.js';

const FORMATS = {
  text: () => renderCaseList(CATALOGUE),
  json: () => `${JSON.stringify(CATALOGUE, null, 2)}\n`,
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
