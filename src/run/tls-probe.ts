/**
 * TLS handshakes with the target outside HTTP: which protocol version it negotiates when offered
 * everything, and whether it completes a handshake offered only an old version (TLS 1.0, 1.1).
 * Certificates are not verified here: preflight has already judged them, and a version probe must
 * not fail for a reason other than the version.
 */
import tls from 'node:tls';
import { isIP } from 'node:net';

export type OldVersion = 'TLSv1' | 'TLSv1.1';
export type ProbeResult = { readonly kind: 'accepted'; readonly protocol: string } | { readonly kind: 'refused'; readonly code: string } | { readonly kind: 'untestable'; readonly code: string };

/** Errors of our own TLS library, not the server's answer: this Node cannot offer the version at all. */
const LOCAL_LIMITS = /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|UNSUPPORTED_PROTOCOL_VERSION|ERR_TLS_INVALID_PROTOCOL_VERSION/;

export function handshake(url: URL, versions: { min: tls.SecureVersion; max: tls.SecureVersion }, timeoutMs: number): Promise<ProbeResult> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise<ProbeResult>((resolve) => {
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect({
        host,
        port: Number(url.port || 443),
        ...(isIP(host) ? {} : { servername: host }),
        minVersion: versions.min,
        maxVersion: versions.max,
        // Old versions need the old ciphers, which OpenSSL 3 only offers at security level 0.
        ciphers: 'DEFAULT:@SECLEVEL=0',
        rejectUnauthorized: false,
      });
    } catch (error) {
      resolve({ kind: 'untestable', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      return;
    }
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('secureConnect', () => {
      resolve({ kind: 'accepted', protocol: socket.getProtocol() ?? 'unknown' });
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      resolve(LOCAL_LIMITS.test(code) ? { kind: 'untestable', code } : { kind: 'refused', code });
    });
  });
}

/** The version negotiated when the client offers TLS 1.0 to 1.3. */
export function negotiatedVersion(url: URL, timeoutMs: number): Promise<ProbeResult> {
  return handshake(url, { min: 'TLSv1', max: 'TLSv1.3' }, timeoutMs);
}

/** Whether the server completes a handshake offered only `version`. */
export function acceptsOnly(url: URL, version: OldVersion, timeoutMs: number): Promise<ProbeResult> {
  return handshake(url, { min: version, max: version }, timeoutMs);
}
