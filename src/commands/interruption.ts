/**
 * SIGINT and SIGTERM during `run`: the first one aborts the run, which then removes its fixtures
 * from the target before the command ends with 130 (SIGINT) or 143 (SIGTERM), as shells report a
 * process stopped by that signal. A second signal ends the command at once, saying that the
 * fixtures may be left behind.
 */
import { EXIT_CODES, HarnessError } from '../errors.js';
import { PROGRAM_NAME } from './io.js';

export interface Interruption {
  /** Aborted, with a HarnessError of code `interrupted` as its reason, by the first signal. */
  readonly signal: AbortSignal;
  /** Removes the signal handlers. */
  readonly dispose: () => void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function interruptOnSignals(): Interruption {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGTERM' ? EXIT_CODES.terminated : EXIT_CODES.interrupted;
    if (controller.signal.aborted) {
      process.stderr.write(`${PROGRAM_NAME}: ${signal} again: stopped without finishing the teardown; fixtures may be left on the target\n`, () => process.exit(code));
      return;
    }
    controller.abort(new HarnessError('interrupted', `interrupted by ${signal}, no verdict`, code));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { signal: controller.signal, dispose: () => SIGNALS.forEach((signal) => process.off(signal, onSignal)) };
}
