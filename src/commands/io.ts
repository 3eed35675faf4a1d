/** Output helpers shared by the commands: flushed writes and exits that lose nothing. */
import { InvalidArgumentError } from 'commander';

export const PROGRAM_NAME = 'v3io-auth-conformance';

/** Writes text and waits until it is flushed, so that exiting right after loses nothing. */
export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

export async function exit(code: number): Promise<never> {
  await write(process.stdout, '');
  await write(process.stderr, '');
  process.exit(code);
}

export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

/** A count option (`--concurrency`): a whole number of at least 1, else a one-line usage error. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, KIB: 1024, M: 1024 ** 2, MIB: 1024 ** 2, G: 1024 ** 3, GIB: 1024 ** 3 };

/** A size option (`--max-object-size`): bytes, or a whole number of KiB, MiB or GiB (`16MiB`, `2G`); at least 1 byte and at most 4 GiB (Node's largest buffer). */
export function byteSize(value: string): number {
  const match = /^([0-9]{1,13})\s*([KMG](?:iB)?|)$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * BYTE_UNITS[match[2]!.toUpperCase()]! : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > 4 * 1024 ** 3) throw new InvalidArgumentError('expected a size from 1 byte to 4GiB: bytes, or a number of KiB, MiB or GiB (e.g. 16MiB)');
  return bytes;
}

/** Node's timers take at most 2^31-1 ms; a longer one would fire at once (TimeoutOverflowWarning). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function timeoutMilliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > MAX_TIMEOUT_MS) throw new InvalidArgumentError(`expected a positive integer of milliseconds, at most ${MAX_TIMEOUT_MS}`);
  return n;
}
