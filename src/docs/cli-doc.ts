/**
 * docs/cli.md: every command, argument and option, read from commander's definitions (the program
 * as `buildProgram()` builds it, never parsed), so that the reference cannot drift from the code.
 */
import type { Argument, Command, Option } from 'commander';
import { cellText, codeCell, generatedNotice, table } from './markdown.js';

/** A default worth printing: commander's own description of it, or the value; none for off switches. */
function defaultOf(option: Option): string {
  if (option.negate || option.defaultValue === undefined || option.defaultValue === false) return '';
  if (option.defaultValueDescription !== undefined) return option.defaultValueDescription === '' ? '' : codeCell(option.defaultValueDescription);
  return codeCell(Array.isArray(option.defaultValue) ? option.defaultValue.join(',') : String(option.defaultValue));
}

function meaningOf(option: Option): string {
  const choices = option.argChoices ? `; one of ${option.argChoices.map((c) => codeCell(c)).join(', ')}` : '';
  return `${cellText(option.description)}${choices}`;
}

function usageOf(programName: string, command: Command): string {
  const args = command.registeredArguments.map((a: Argument) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return [programName, command.name(), '[options]', ...args].join(' ');
}

/** A description as a sentence: capitalised, with a full stop. */
function sentence(text: string): string {
  const escaped = cellText(text);
  return `${escaped.charAt(0).toUpperCase()}${escaped.slice(1)}${escaped.endsWith('.') ? '' : '.'}`;
}

function commandSection(programName: string, command: Command): string {
  const lines = [`## ${command.name()}`, '', codeCell(usageOf(programName, command)), '', `${sentence(command.description())}`, ''];
  if (command.registeredArguments.length > 0) {
    lines.push(table(['argument', 'meaning'], command.registeredArguments.map((a) => [codeCell(a.name()), cellText(a.description)])), '');
  }
  const options = command.options.map((o) => [codeCell(o.flags), defaultOf(o), meaningOf(o)]);
  options.push([codeCell('-h, --help'), '', 'print the help of the command']);
  lines.push(table(['option', 'default', 'meaning'], options));
  return lines.join('\n');
}

export function renderCliDoc(program: Command): string {
  const name = program.name();
  const commands = program.commands;
  const sections = [
    generatedNotice("the commander definitions in `src/commands/`"),
    '',
    '# Command-line reference',
    '',
    `${codeCell(`${name} <command> [options]`)}: ${cellText(program.description())}. \`${name} --version\` prints the version; \`${name} <command> --help\` prints a command's options.`,
    'Exit codes: [the README](../README.md#verdict-and-exit-codes); variables, fixtures and sharding: [running against a server](running.md).',
    '',
    table(['command', 'what'], commands.map((c) => [`[${c.name()}](#${c.name()})`, cellText(c.description())])),
    '',
    ...commands.flatMap((c) => [commandSection(name, c), '']),
  ];
  return `${sections.join('\n').trimEnd()}\n`;
}
