/**
 * The command line's definition: every command and option, built without being parsed, so that the
 * CLI reference in docs/ can be generated from (and checked against) what the program really accepts;
 * and running it on arguments. Every error a user can cause ends with one line on stderr and exit
 * code 2; the verdict of `run` is exit 0 (conformant) or 1 (not conformant).
 */
import { Command, CommanderError } from 'commander';
import { registerExplain } from './commands/explain.js';
import { registerGenerate } from './commands/generate.js';
import { exit, PROGRAM_NAME, write } from './commands/io.js';
import { registerList } from './commands/list.js';
import { registerMerge } from './commands/merge.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { EXIT_CODES, describeError, exitCodeOfError } from './errors.js';
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

/** Runs the command line on `argv` (node, script, arguments) and ends the process with its exit code (main.ts; tests run it in theirs). */
export async function runProgram(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with 0; commander has already printed any usage error as one line.
      const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      await exit(done ? 0 : EXIT_CODES.error);
    }
    await write(process.stderr, `${PROGRAM_NAME}: ${describeError(error)}\n`);
    await exit(exitCodeOfError(error));
  }
}
