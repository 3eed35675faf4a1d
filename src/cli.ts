#!/usr/bin/env node
/**
 * The entry point: handlers for SIGINT and SIGTERM and for a reader that closes the pipe first
 * (tiny modules), then the command line (main.ts), whose modules take a second or two to load,
 * during which a signal still gets its line.
 */
import './commands/early-signals.js';
import './commands/closed-pipe.js';

await import('./main.js');
