/**
 * The connection-reuse cases against lighttpd 1.4 (mod_auth), which answers every 401 with
 * `Connection: close`: after a 200 it keeps the connection, and the cases whose first answer is a
 * 200 are judged on the second answer; after a 401 it closes it, so the case whose first request is
 * refused (a valid request after a rejection) never reuses the connection — inconclusive, neither
 * passed (nothing was tested) nor failed (lighttpd did nothing wrong).
 */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { lighttpdRunOf } from '../support/lighttpd.js';

const REUSE_CASES = CATALOGUE.filter((c) => c.family === 'connection-reuse' && c.profiles.includes('basic')).map((c) => c.id);

describe('connection reuse against lighttpd (Connection: close on every 401)', function () {
  this.timeout(60_000);
  const lighttpd = lighttpdRunOf(REUSE_CASES);

  it('runs the three Basic connection-reuse cases', () => {
    expect(lighttpd.report().cases.map((c) => c.id).sort()).to.deep.equal([...REUSE_CASES].sort()).and.to.have.length(3);
  });

  it('judges the cases whose first answer kept the connection on the second answer: passed', () => {
    for (const id of ['cross-wire-valid-basic-then-wrong-password', 'cross-wire-valid-basic-then-no-credentials']) {
      const result = lighttpd.report().cases.find((c) => c.id === id);
      expect([result?.outcome, result?.actual], id).to.deep.include.members(['pass']);
    }
  });

  it('leaves the case whose first answer closed the connection inconclusive, saying so: never passed, never failed', () => {
    const result = lighttpd.report().cases.find((c) => c.id === 'cross-wire-wrong-password-then-valid-basic')!;
    expect(result.outcome).to.equal('inconclusive');
    expect(result.checks).to.deep.equal([]);
    expect(result.reason).to.match(/^the connection was not reused: the answer to request 1 of 2 on the connection \(401\) closed it \(Connection: close\), for GET \/protected\//);
    // A SHOULD case that could not be judged does not decide the verdict (not under --strict).
    expect([lighttpd.report().verdict, lighttpd.run().code]).to.deep.equal(['conformant', 0]);
  });
});
