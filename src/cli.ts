#!/usr/bin/env node
/**
 * The entry point: handlers for SIGINT and SIGTERM first (a tiny module), then the command line
 * (main.ts), whose modules take a second or two to load, during which a signal still gets its line.
 */
import './commands/early-signals.js';

await import('./main.js');
