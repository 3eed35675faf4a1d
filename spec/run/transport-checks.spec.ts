/**
 * Transport checks: TLS versions against TLS servers that accept or refuse TLS 1.0/1.1, and
 * Strict-Transport-Security read off the responses a run got.
 */
import { expect } from 'chai';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { generateSelfSignedIdentity, type TlsIdentity } from '../../src/reference/tls-identity.js';
import type { ItemTrace } from '../../src/run/newman-session.js';
import { selectedTransportChecks, transportResults } from '../../src/run/transport-checks.js';

function traceWith(headers: [string, string][]): ItemTrace {
  return { id: 'x', name: 'x', scriptRequests: [], assertions: [], exceptions: [], response: { status: 401, statusText: 'Unauthorized', headers, body: Buffer.alloc(0) } };
}

async function tlsServer(identity: TlsIdentity, minVersion: tls.SecureVersion): Promise<{ url: string; close: () => Promise<void> }> {
  const server = tls.createServer({ cert: identity.cert, key: identity.key, minVersion, ciphers: 'DEFAULT:@SECLEVEL=0' }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('transport checks', function () {
  this.timeout(30_000);
  let identity: TlsIdentity;
  before(async () => {
    identity = await generateSelfSignedIdentity();
  });

  it('passes a server that negotiates TLS 1.2+ and refuses TLS 1.0 and 1.1', async () => {
    const server = await tlsServer(identity, 'TLSv1.2');
    try {
      const [versions] = await transportResults(server.url, { grep: /tls/ }, [], 5_000);
      expect(versions?.id).to.equal('https-tls-minimum-version');
      expect(versions?.outcome, JSON.stringify(versions)).to.equal('pass');
      expect(versions?.checks.map((c) => c.name)).to.deep.equal(['negotiates TLS 1.2 or later', 'refuses TLS 1.0', 'refuses TLS 1.1']);
    } finally {
      await server.close();
    }
  });

  it('fails (SHOULD) a server that completes a TLS 1.0 or 1.1 handshake', async () => {
    const server = await tlsServer(identity, 'TLSv1');
    try {
      const [versions] = await transportResults(server.url, { grep: /tls/ }, [], 5_000);
      expect(versions?.outcome).to.equal('fail');
      expect(versions?.failedLevel).to.equal('should');
      expect(versions?.checks.filter((c) => !c.passed).map((c) => c.message)).to.deep.equal([
        'Expected the handshake offering only TLS 1.0 to fail, got TLSv1 negotiated',
        'Expected the handshake offering only TLS 1.1 to fail, got TLSv1.1 negotiated',
      ]);
    } finally {
      await server.close();
    }
  });

  it('reports Strict-Transport-Security over HTTPS at MAY level', async () => {
    const without = await transportResults('https://127.0.0.1:1', { grep: /strict/ }, [traceWith([])], 1_000);
    expect(without.map((r) => [r.id, r.outcome, r.failedLevel])).to.deep.equal([['https-strict-transport-security', 'fail', 'may']]);
    const withIt = await transportResults('https://127.0.0.1:1', { grep: /strict/ }, [traceWith([['Strict-Transport-Security', 'max-age=600']])], 1_000);
    expect(withIt[0]?.outcome).to.equal('pass');
  });

  it('fails (MUST) Strict-Transport-Security over plain HTTP', async () => {
    const [sent] = await transportResults('http://127.0.0.1:1', {}, [traceWith([]), traceWith([['strict-transport-security', 'max-age=600']])], 1_000);
    expect(sent?.id).to.equal('http-no-strict-transport-security');
    expect(sent?.failedLevel).to.equal('must');
    expect(sent?.checks[0]?.message).to.equal('Expected no Strict-Transport-Security header over plain HTTP, got one on 1 of 2 responses');
    const [clean] = await transportResults('http://127.0.0.1:1', {}, [traceWith([])], 1_000);
    expect(clean?.outcome).to.equal('pass');
  });

  it('follows the scheme and the selection', () => {
    expect(selectedTransportChecks('http://x', {}).map((c) => c.id)).to.deep.equal(['http-no-strict-transport-security']);
    expect(selectedTransportChecks('https://x', {}).map((c) => c.id)).to.deep.equal(['https-tls-minimum-version', 'https-strict-transport-security']);
    expect(selectedTransportChecks('https://x', { level: 'must' })).to.deep.equal([]);
    expect(selectedTransportChecks('http://x', { forms: ['basic'] })).to.deep.equal([]);
  });
});
