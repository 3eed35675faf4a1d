/**
 * What can be checked before the first request is checked first, each with one line (exit 2): that
 * the reports can be written where `--out` says (a directory, created if missing, writable), and
 * that the `--ca`, `--cert` and `--key` files are PEM that parse. A run must not send every
 * request to the target and then lose its verdict to a bad path or a bad file.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors.js';
import { readPem } from './preflight.js';
import type { ClientTls } from '../tls-files.js';

/** Creates the output directory if needed and proves it writable; throws one line naming it otherwise. */
export function checkOutputDirectory(outDir: string): void {
  const dir = resolve(outDir);
  const fail = (why: string): never => {
    throw new HarnessError('report-write-failed', `cannot write reports to ${dir}: ${why} (give another --out)`);
  };
  try {
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() === false) fail('it is a file, not a directory');
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    fail(code === 'ENOTDIR' || code === 'EEXIST' ? `a part of the path is a file (${code})` : `cannot create the directory (${code})`);
  }
  const probe = join(dir, `.v3io-auth-conformance-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    fail(`the directory is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM file parses; there is at least one. */
export function checkCertificateFile(path: string, what: string): void {
  const text = readPem(path, what).toString('utf8');
  const blocks = text.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) throw new HarnessError('invalid-certificate', `${what} ${path} is not PEM: no "-----BEGIN CERTIFICATE-----" block`);
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      const which = blocks.length > 1 ? `certificate ${index + 1} of ` : '';
      throw new HarnessError('invalid-certificate', `${what} ${path}: ${which}the PEM does not parse as an X.509 certificate`);
    }
  });
}

/** The key file parses as an unencrypted PEM private key. */
export function checkPrivateKeyFile(path: string): void {
  const pem = readPem(path, 'client key');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem.toString('utf8'))) {
    throw new HarnessError('invalid-certificate', `client key ${path} is not PEM: no "-----BEGIN … PRIVATE KEY-----" block`);
  }
  try {
    createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new HarnessError('invalid-certificate', `client key ${path} does not parse as a PEM private key (an encrypted key is not supported)`);
  }
}

export interface StartCheckOptions extends ClientTls {
  /** Absent when no report file is to be written. */
  readonly outDir?: string;
}

/** Every check above that applies; the output directory first, so that later failures can be reported in it. */
export function checkBeforeStart(options: StartCheckOptions): void {
  if (options.outDir !== undefined) checkOutputDirectory(options.outDir);
  if (options.caFile) checkCertificateFile(options.caFile, 'CA file');
  if (options.certFile) checkCertificateFile(options.certFile, 'client certificate');
  if (options.keyFile) checkPrivateKeyFile(options.keyFile);
}
