/**
 * The reference over HTTPS: a generated certificate valid for the loopback names, TLS 1.2 at least,
 * the same answers as over HTTP, no HSTS (see server.ts), and clear errors for a bad --cert/--key.
 */
import { expect } from 'chai';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { HarnessError } from '../../src/errors.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { certificateFingerprint, generateSelfSignedIdentity, loadTlsIdentity, type TlsIdentity } from '../../src/reference/tls-identity.js';
import { tempDir } from '../support/cli.js';
import { MAIN } from './helpers.js';

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A GET over HTTPS trusting `ca` only. */
function get(url: string, ca: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    https
      .get(url, { ca, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      })
      .on('error', reject);
  });
}

function harnessError(run: () => unknown): HarnessError {
  try {
    run();
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error('expected a HarnessError');
}

describe('reference server over HTTPS', () => {
  let identity: TlsIdentity;
  let server: ReferenceServer;

  before(async () => {
    identity = await generateSelfSignedIdentity(['v3io.test']);
    server = await startReferenceServer({ port: 0, tls: identity });
  });
  after(async () => {
    await server.close();
  });

  it('generates a certificate for localhost, 127.0.0.1, ::1 and the listening host, for serving only', () => {
    const certificate = new X509Certificate(identity.cert);
    expect(certificate.subjectAltName).to.equal('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:v3io.test');
    expect(certificate.ca).to.equal(false);
    expect(certificate.checkPrivateKey(createPrivateKey(identity.key))).to.equal(true);
    expect(certificateFingerprint(identity.cert)).to.match(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new Date(certificate.validTo).getTime()).to.be.greaterThan(Date.now() + 80 * 24 * 3600 * 1000);
  });

  it('answers as over HTTP to a client that trusts the certificate, by IP and by name, without HSTS', async () => {
    expect(server.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(server.url).port;
    const anonymous = await get(`${server.url}/bigdata/`, identity.cert);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers['www-authenticate']).to.equal('Basic realm="v3io", charset="UTF-8"');
    for (const origin of [server.url, `https://localhost:${port}`]) {
      const authed = await get(`${origin}/bigdata/`, identity.cert, { 'X-v3io-session-key': MAIN.accessKey });
      expect(authed.status).to.equal(200);
      expect(authed.headers['strict-transport-security']).to.equal(undefined);
    }
  });

  it('is refused by a client that does not trust the certificate', async () => {
    let failure: NodeJS.ErrnoException | undefined;
    await new Promise<void>((resolve) => {
      https
        .get(`${server.url}/`, { agent: false }, (res) => {
          res.resume();
          resolve();
        })
        .on('error', (error: NodeJS.ErrnoException) => {
          failure = error;
          resolve();
        });
    });
    expect(failure?.code).to.equal('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  for (const version of ['TLSv1', 'TLSv1.1'] as const) {
    it(`refuses ${version}`, async () => {
      const port = Number(new URL(server.url).port);
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port, ca: identity.cert, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' }, () => {
          resolve(`connected with ${socket.getProtocol() ?? '?'}`);
          socket.destroy();
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(outcome).to.not.match(/^connected/);
    });
  }

  it('accepts TLS 1.2 and 1.3', async () => {
    const port = Number(new URL(server.url).port);
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const protocol = await new Promise<string | null>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, ca: identity.cert, minVersion: version, maxVersion: version }, () => {
          resolve(socket.getProtocol());
          socket.destroy();
        });
        socket.on('error', reject);
      });
      expect(protocol).to.equal(version);
    }
  });

  describe('--cert and --key files', () => {
    const dir = tempDir('v3io-tls-');
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');

    before(() => {
      writeFileSync(certFile, identity.cert);
      writeFileSync(keyFile, identity.key);
    });

    it('loads a matching pair', () => {
      expect(loadTlsIdentity(certFile, keyFile)).to.deep.equal(identity);
    });

    it('says which file is missing', () => {
      const error = harnessError(() => loadTlsIdentity(join(dir, 'none.pem'), keyFile));
      expect([error.code, error.message]).to.deep.equal(['file-not-found', `certificate file not found: ${join(dir, 'none.pem')}`]);
      expect(harnessError(() => loadTlsIdentity(certFile, join(dir, 'none.pem'))).message).to.equal(`key file not found: ${join(dir, 'none.pem')}`);
    });

    it('says when a file holds no certificate or no key', () => {
      expect(harnessError(() => loadTlsIdentity(keyFile, keyFile)).message).to.equal(`certificate file ${keyFile} holds no PEM certificate`);
      expect(harnessError(() => loadTlsIdentity(certFile, certFile)).message).to.equal(`key file ${certFile} holds no unencrypted PEM private key`);
    });

    it('says when the key does not belong to the certificate', async () => {
      const other = await generateSelfSignedIdentity();
      const otherKey = join(dir, 'other-key.pem');
      writeFileSync(otherKey, other.key);
      const error = harnessError(() => loadTlsIdentity(certFile, otherKey));
      expect([error.code, error.message]).to.deep.equal(['invalid-certificate', `the key in ${otherKey} does not belong to the certificate in ${certFile}`]);
    });
  });
});
