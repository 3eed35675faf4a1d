/**
 * The `bypass-host` cases of the basic profile (a Host naming the server itself, spelt with another
 * port, a trailing dot, in upper case; two Host lines, the target's and `localhost`) against
 * lighttpd 1.4 (mod_auth): a correct server that answers the two-line requests with the 400 of
 * RFC 9112 §3.2 and the others with 401, all of which pass. nginx and Apache answer the same
 * (basic-servers.spec.ts runs the cases there with the whole profile).
 */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { lighttpdRunOf } from '../support/lighttpd.js';

const CASES = CATALOGUE.filter((c) => c.family === 'bypass-host' && c.profiles.includes('basic')).map((c) => c.id);
const TWO_LINES = (id: string): boolean => id.includes('-two-lines-');

describe('Host cases against lighttpd', function () {
  this.timeout(60_000);
  const lighttpd = lighttpdRunOf(CASES);

  it('runs every bypass-host case of the basic profile, the two-line ones included', () => {
    expect(lighttpd.report().cases.map((c) => c.id).sort()).to.deep.equal([...CASES].sort());
    expect(CASES.filter(TWO_LINES)).to.have.length(2);
  });

  it('passes every one: 400 to two Host lines (RFC 9112 §3.2), 401 to one Host line of its own', () => {
    expect(lighttpd.report().cases.map((c) => [c.id, c.outcome, (c.actual as { status?: number } | undefined)?.status])).to.deep.equal(
      CASES.map((id) => [id, 'pass', TWO_LINES(id) ? 400 : 401]),
    );
  });
});
