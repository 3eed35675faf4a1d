/**
 * One request before the suite, so that an unreachable target, a DNS failure or a TLS problem is
 * reported as what it is (exit 2) instead of as a hundred failed cases.
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { HarnessError } from '../errors.js';
import { readCa, readPem, type ClientTls } from '../tls-files.js';

export interface PreflightOptions extends ClientTls {
  readonly timeoutMs: number;
  /** Told the answer's status and header lines (a 429 with Retry-After is accounted for: pacing.ts). */
  readonly onAnswer?: (status: number, headers: readonly (readonly [string, string])[]) => void;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME/;

/** How the connection was made, for the hint of a dropped HTTPS connection. */
export interface ConnectionContext {
  readonly https: boolean;
  readonly clientCertificate: boolean;
}

/**
 * Errors of a connection dropped without a word: over TLS 1.3 a server that requires a client
 * certificate checks it after the handshake and resets the connection, so no TLS error names it.
 */
const DROPPED = /^(?:ECONNRESET|EPIPE)$|socket hang up/;

/** Maps a socket-level error to the one line a user sees. */
export function connectionError(error: NodeJS.ErrnoException, origin: string, context?: ConnectionContext): HarnessError {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') {
    return new HarnessError('connection-refused', `cannot connect to ${origin}: connection refused (is the server running and listening there?)`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new HarnessError('dns-failure', `cannot resolve the host of ${origin} (${code}): check the target URL`);
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'ECONNTIMEDOUT') {
    return new HarnessError('connection-timeout', `no answer from ${origin} in time: check the target URL and the network, or raise --timeout`);
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(error.message)) {
    return new HarnessError(
      'tls-failure',
      `TLS handshake with ${origin} failed (${code || error.message}): trust its CA with --ca <file>, or skip verification with --insecure${/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|certificate required/i.test(`${code} ${error.message}`) ? '; if it asks for a client certificate, give --cert <file> --key <file>' : ''}`,
    );
  }
  const dropped = DROPPED.test(code || error.message);
  const hint =
    dropped && context?.https && !context.clientCertificate
      ? ' (the HTTPS connection was dropped: if the target requires a client certificate, give --cert <file> --key <file>)'
      : dropped
        ? ` (the connection was dropped without an answer: check that ${origin} is the web API's address and scheme, and that no proxy or firewall in between closes it)`
        : code.startsWith('HPE_')
          ? ` (the answer is not HTTP: is ${origin} an HTTP server? an https:// port given as http://, or another protocol on that port?)`
          : '';
  return new HarnessError('connection-failed', `cannot talk to ${origin}: ${code || error.message}${hint}`);
}

/** Sends `GET /` without credentials; resolves on any HTTP response, throws a HarnessError otherwise. */
export async function preflight(baseUrl: string, options: PreflightOptions): Promise<number> {
  const url = new URL(baseUrl);
  const origin = url.origin;
  const client = url.protocol === 'https:' ? https : http;
  const tls = url.protocol === 'https:' ? clientTlsOptions(options) : {};
  return new Promise<number>((resolve, reject) => {
    const req = client.request(new URL('/', url), { method: 'GET', agent: false, ...tls }, (res) => {
      options.onAnswer?.(res.statusCode ?? 0, headerPairs(res.rawHeaders));
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    const context = { https: url.protocol === 'https:', clientCertificate: Boolean(options.certFile && options.keyFile) };
    req.on('error', (error: NodeJS.ErrnoException) => reject(connectionError(error, origin, context)));
    req.end();
  });
}

/** Node's raw header list as name-value pairs. */
export function headerPairs(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/**
 * TLS options of the runner's own requests: `--ca` adds to the default trusted CAs (as newman's
 * `sslExtraCaCerts` does) rather than replacing them.
 */
export function clientTlsOptions(options: ClientTls): {
  rejectUnauthorized: boolean;
  ca?: (string | Buffer)[];
  cert?: Buffer;
  key?: Buffer;
} {
  return {
    rejectUnauthorized: !options.insecure,
    ...(options.caFile ? { ca: [...rootCertificates, readCa(options.caFile)] } : {}),
    ...(options.certFile && options.keyFile ? { cert: readPem(options.certFile, 'client certificate'), key: readPem(options.keyFile, 'client key') } : {}),
  };
}

export { readCa, readPem };
