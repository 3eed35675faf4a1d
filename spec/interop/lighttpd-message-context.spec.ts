/**
 * The message-context cases (a credential in a chunked trailer section, a WebSocket upgrade
 * without credentials) and `From` as an identity, against lighttpd 1.4 (mod_auth): a correct
 * server that answers the chunked GET with 400 and the others with 401, all of which pass.
 *
 * lighttpd is also why there is no h2c case: it switches to HTTP/2 (101) on `Upgrade: h2c` before
 * mod_auth sees the request, and refuses the request on stream 1 with a 401 — correct, but past
 * what the raw-socket runner reads. The test shows the 101 again, so a lighttpd that stops
 * switching first shows up here.
 */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { exchangeBytes, hostOf } from '../../src/wire/socket-exchange.js';
import { lighttpdRunOf } from '../support/lighttpd.js';

const CASES = CATALOGUE.filter((c) => ['wire-trailer', 'wire-upgrade', 'wire-expect'].includes(c.family) || c.id === 'cross-identity-header-from')
  .filter((c) => c.profiles.includes('basic'))
  .map((c) => c.id);

describe('trailer, Upgrade and From cases against lighttpd', function () {
  this.timeout(60_000);
  const lighttpd = lighttpdRunOf(CASES);

  it('runs the Basic trailer case, the WebSocket upgrade case and the From case', () => {
    expect(lighttpd.report().cases.map((c) => c.id).sort()).to.deep.equal([...CASES].sort()).and.to.have.length(3);
  });

  it('passes every one: 400 to the chunked GET with the token in its trailer, 401 to the others', () => {
    expect(lighttpd.report().cases.map((c) => [c.id, c.outcome, (c.actual as { status?: number } | undefined)?.status])).to.deep.equal(
      CASES.map((id) => [id, 'pass', id === 'basic-wire-authorization-in-trailer' ? 400 : 401]),
    );
  });

  it('switches to HTTP/2 (101) on an h2c upgrade without credentials, before authenticating: why no case judges h2c', async () => {
    const url = new URL(lighttpd.server().protectedUrl);
    const head = `GET ${url.pathname} HTTP/1.1\r\nHost: ${hostOf(url.href)}\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`;
    const outcome = await exchangeBytes({ baseUrl: url.href, timeoutMs: 5_000 }, Buffer.from(head, 'latin1'));
    expect(outcome.kind === 'response' && [outcome.response.status, outcome.response.headers.find(([n]) => n.toLowerCase() === 'upgrade')?.[1]]).to.deep.equal([101, 'h2c']);
  });
});
