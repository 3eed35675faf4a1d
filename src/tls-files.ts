/**
 * The PEM files a run is given (`--ca`, `--cert`, `--key`), read with a one-line error naming the
 * file, and the one type for the client's TLS settings. Below every folder: the newman engine,
 * preflight, the raw-socket runner and the reproduce commands all take them.
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

/** The client's TLS settings of a run, as `--ca`, `--insecure`, `--cert` and `--key` give them. */
export interface ClientTls {
  /** Extra CA certificates (PEM file) to trust, beside the default ones. */
  readonly caFile?: string;
  /** Skip certificate verification. */
  readonly insecure?: boolean;
  /** Client certificate and its key (PEM files), for a target that asks for one. */
  readonly certFile?: string;
  readonly keyFile?: string;
}

/** The TLS settings among `options`, the unset ones left out (a report's target names only what was given). */
export function clientTlsOf(options: ClientTls): ClientTls {
  const { caFile, insecure, certFile, keyFile } = options;
  return {
    ...(caFile !== undefined ? { caFile } : {}),
    ...(insecure !== undefined ? { insecure } : {}),
    ...(certFile !== undefined ? { certFile } : {}),
    ...(keyFile !== undefined ? { keyFile } : {}),
  };
}
