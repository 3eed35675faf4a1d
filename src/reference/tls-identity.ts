/**
 * The certificate and key the served reference presents over HTTPS: generated at start (self-signed,
 * valid for the loopback names and the listening host) or read from PEM files, checked to belong
 * together before the server starts so that a mismatch is one clear line rather than failed handshakes.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { HarnessError } from '../errors.js';

export interface TlsIdentity {
  /** PEM: the certificate, possibly followed by its chain. */
  readonly cert: string;
  /** PEM private key. */
  readonly key: string;
}

/** Names every generated certificate is valid for: what a client on this machine dials. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fresh self-signed certificate (EC P-256, SHA-256, 90 days from yesterday, so that a client
 * clock a little behind still accepts it) for the loopback names plus `extraHosts`; wildcard
 * listening addresses (`0.0.0.0`, `::`) are no names and are skipped.
 */
export async function generateSelfSignedIdentity(extraHosts: readonly string[] = []): Promise<TlsIdentity> {
  const names = selfSignedNames(extraHosts);
  const now = Date.now();
  // Loaded here: selfsigned (and its crypto library) takes half a second to import, which a run never needs.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'v3io-auth-conformance reference' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + 90 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** The names a generated certificate is valid for. */
export function selfSignedNames(extraHosts: readonly string[] = []): string[] {
  return [...new Set([...LOOPBACK_NAMES, ...extraHosts.filter((host) => host !== '' && host !== '0.0.0.0' && host !== '::')])];
}

/** Reads `--cert` and `--key`; every way they can be wrong is a HarnessError naming the file. */
export function loadTlsIdentity(certFile: string, keyFile: string): TlsIdentity {
  const cert = readPem(certFile, 'certificate file');
  const key = readPem(keyFile, 'key file');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new HarnessError('invalid-certificate', `certificate file ${certFile} holds no PEM certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new HarnessError('invalid-certificate', `key file ${keyFile} holds no unencrypted PEM private key`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new HarnessError('invalid-certificate', `the key in ${keyFile} does not belong to the certificate in ${certFile}`);
  }
  return { cert, key };
}

/** SHA-256 fingerprint of the (first) certificate, `AB:CD:...`, as browsers and `openssl x509 -fingerprint -sha256` show it. */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HarnessError('file-not-found', `${what} not found: ${path}`);
    throw new HarnessError('file-unreadable', `cannot read ${what} ${path}: ${code ?? 'unknown error'}`);
  }
}
