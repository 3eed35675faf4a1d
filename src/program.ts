/**
 * The command line's definition: every command and option, built without being parsed, so that the
 * CLI reference in docs/ can be generated from (and checked against) what the program really accepts.
 */
import { Command } from 'commander';
import { registerExplain } from './commands/explain.js';
import { registerGenerate } from './commands/generate.js';
import { PROGRAM_NAME } from './commands/io.js';
import { registerList } from './commands/list.js';
import { registerMerge } from './commands/merge.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { packageVersion } from './package-info.js';

export function buildProgram(): Command {
  const program = new Command(PROGRAM_NAME)
    .description('Conformance suite for the authentication of the V3IO data-service web APIs')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, writeErr) => writeErr(`${PROGRAM_NAME}: ${text.replace(/^error: /, '')}`) });
  registerRun(program);
  registerMerge(program);
  registerList(program);
  registerExplain(program);
  registerGenerate(program);
  registerServe(program);
  return program;
}
