/** The one line a connection error becomes: each cause named with what to do about it. */
import { expect } from 'chai';
import { connectionError } from '../../src/run/preflight.js';

const ORIGIN = 'https://webapi.example.com:8443';
const reset = (): NodeJS.ErrnoException => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('connectionError', () => {
  it('names --cert and --key when an HTTPS connection is dropped and no client certificate was given', () => {
    const error = connectionError(reset(), ORIGIN, { https: true, clientCertificate: false });
    expect(error.message).to.equal(
      `cannot talk to ${ORIGIN}: ECONNRESET (the HTTPS connection was dropped: if the target requires a client certificate, give --cert <file> --key <file>)`,
    );
    expect(error.exitCode).to.equal(2);
  });

  it('does not suggest a client certificate over plain HTTP, or when one was given: what to check about the address instead', () => {
    const dropped = (origin: string): string =>
      `cannot talk to ${origin}: ECONNRESET (the connection was dropped without an answer: check that ${origin} is the web API's address and scheme, and that no proxy or firewall in between closes it)`;
    expect(connectionError(reset(), 'http://127.0.0.1:8081', { https: false, clientCertificate: false }).message).to.equal(dropped('http://127.0.0.1:8081'));
    expect(connectionError(reset(), ORIGIN, { https: true, clientCertificate: true }).message).to.equal(dropped(ORIGIN));
  });

  it('says that an answer that is not HTTP (HPE_INVALID_CONSTANT) may be another protocol or scheme on that port', () => {
    const garbage = Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' });
    expect(connectionError(garbage, 'http://127.0.0.1:8081').message).to.equal(
      'cannot talk to http://127.0.0.1:8081: HPE_INVALID_CONSTANT (the answer is not HTTP: is http://127.0.0.1:8081 an HTTP server? an https:// port given as http://, or another protocol on that port?)',
    );
  });

  it('keeps the TLS and connection-refused messages as they are', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(connectionError(refused, ORIGIN, { https: true, clientCertificate: false }).message).to.match(/connection refused \(is the server running/);
    const untrusted = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(connectionError(untrusted, ORIGIN).message).to.match(/^TLS handshake with .* trust its CA with --ca <file>/);
  });
});
