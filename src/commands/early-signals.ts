/**
 * SIGINT or SIGTERM before a command has handlers of its own (while Node starts and the modules
 * load, the first second or two): one line and 130 or 143, instead of a silent death. Imported
 * first by cli.ts. It steps aside as soon as a command listens to the signal itself.
 */
import { EXIT_CODES } from '../errors.js';

const PROGRAM_NAME = 'v3io-auth-conformance';

function onEarlySignal(signal: NodeJS.Signals): void {
  // Another listener (run's interruption, serve's shutdown) is in charge.
  if (process.listenerCount(signal) > 1) return;
  const code = signal === 'SIGTERM' ? EXIT_CODES.terminated : EXIT_CODES.interrupted;
  process.stderr.write(`${PROGRAM_NAME}: interrupted by ${signal}, no verdict\n`, () => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onEarlySignal);
