/**
 * The command line (loaded by cli.ts, after the early signal handlers): run, merge, list, generate,
 * serve. Every error a user can cause ends with one line on stderr and exit code 2; the verdict of
 * `run` is exit 0 (conformant) or 1 (not conformant).
 */
import { CommanderError } from 'commander';
import { exit, PROGRAM_NAME, write } from './commands/io.js';
import { EXIT_CODES, describeError, exitCodeOfError } from './errors.js';
import { buildProgram } from './program.js';

async function main(argv: readonly string[]): Promise<void> {
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

void main(process.argv);
