/**
 * The command line (loaded by cli.ts, after the early signal handlers): run, merge, list, generate,
 * serve, for this process's arguments (program.ts).
 */
import { runProgram } from './program.js';

void runProgram(process.argv);
