/**
 * Transport cases measured: TLS versions against TLS servers that accept or refuse TLS 1.0/1.1,
 * and Strict-Transport-Security read off the responses a run got.
 */
import { expect } from 'chai';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { generateSelfSignedIdentity, type TlsIdentity } from '../../src/reference/tls-identity.js';
import type { ItemRecord as ItemTrace } from '../../src/run/engine.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { selectCases, type CaseSelection } from '../../src/run/selection.js';
import { applicableTransportCases, transportResults } from '../../src/run/transport-checks.js';

/** The results of the catalogue's transport cases a selection keeps, for a target at `url`. */
const measure = (url: string, selection: CaseSelection, traces: readonly ItemTrace[], timeoutMs: number) => transportResults(selectCases(CATALOGUE, selection), url, traces, timeoutMs);
/** The ids of the transport cases a run with this selection against `url` measures. */
const measured = (url: string, selection: CaseSelection): string[] => applicableTransportCases(selectCases(CATALOGUE, selection), url).map((c) => c.id);

function traceWith(headers: [string, string][]): ItemTrace {
  return { id: 'x', name: 'x', steps: [], assertions: [], exceptions: [], response: { status: 401, statusText: 'Unauthorized', headers, body: Buffer.alloc(0) } };
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
      const [versions] = await measure(server.url, { grep: /tls/ }, [], 5_000);
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
      const [versions] = await measure(server.url, { grep: /tls/ }, [], 5_000);
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
    const without = await measure('https://127.0.0.1:1', { grep: /strict/ }, [traceWith([])], 1_000);
    expect(without.map((r) => [r.id, r.outcome, r.failedLevel])).to.deep.equal([['https-strict-transport-security', 'fail', 'may']]);
    const withIt = await measure('https://127.0.0.1:1', { grep: /strict/ }, [traceWith([['Strict-Transport-Security', 'max-age=600']])], 1_000);
    expect(withIt[0]?.outcome).to.equal('pass');
  });

  it('fails (MUST) Strict-Transport-Security over plain HTTP', async () => {
    const [sent] = await measure('http://127.0.0.1:1', {}, [traceWith([]), traceWith([['strict-transport-security', 'max-age=600']])], 1_000);
    expect(sent?.id).to.equal('http-no-strict-transport-security');
    expect(sent?.failedLevel).to.equal('must');
    expect(sent?.checks[0]?.message).to.equal('Expected no Strict-Transport-Security header over plain HTTP, got one on 1 of 2 responses');
    const [clean] = await measure('http://127.0.0.1:1', {}, [traceWith([])], 1_000);
    expect(clean?.outcome).to.equal('pass');
  });

  it('reports each case as the catalogue has it: id, title, level, family, requirement and sources', async () => {
    const [result] = await measure('http://127.0.0.1:1', {}, [traceWith([])], 1_000);
    const listed = CATALOGUE.find((c) => c.id === 'http-no-strict-transport-security');
    expect(listed?.kind).to.equal('transport');
    expect(result && [result.id, result.title, result.level, result.family, result.requirement, result.sources, result.expected]).to.deep.equal(
      listed && [listed.id, listed.title, listed.level, listed.family, listed.requirement, listed.sources, { outcome: 'accept', statuses: [] }],
    );
  });

  it('follows the scheme and the selection', () => {
    expect(measured('http://x', {})).to.deep.equal(['http-no-strict-transport-security']);
    expect(measured('https://x', {})).to.deep.equal(['https-tls-minimum-version', 'https-strict-transport-security']);
    expect(measured('https://x', { level: 'must' })).to.deep.equal([]);
    expect(measured('http://x', { forms: ['basic'] })).to.deep.equal([]);
    expect(measured('https://x', { grep: /strict/ })).to.deep.equal(['https-strict-transport-security']);
  });
});
