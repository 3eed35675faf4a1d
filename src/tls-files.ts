/**
 * The PEM files a run is given (`--ca`, `--cert`, `--key`), read with a one-line error naming the
 * file. Below every folder: the newman engine, preflight and the raw-socket runner all read them.
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.js';

/** The PEM file of `--ca`, with a one-line error when it cannot be read. */
export function readCa(path: string): Buffer {
  return readPem(path, 'CA file');
}

/** A PEM file (`--ca`, `--cert`, `--key`), with a one-line error naming it when it cannot be read. */
export function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarnessError(code === 'ENOENT' ? 'file-not-found' : 'file-unreadable', `${what} ${code === 'ENOENT' ? 'not found' : 'unreadable'}: ${path}`);
  }
}
