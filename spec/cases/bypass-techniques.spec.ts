/** The bypass toolbox's cases: what they send and how they are to be judged. */
import { expect } from 'chai';
import { BYPASS_TECHNIQUE_CASES, payloadSlug } from '../../src/cases/bypass-techniques.js';
import { CLIENT_ADDRESS_HEADERS, CLIENT_ADDRESSES, METHODS } from '../../src/cases/bypass-payloads.js';
import { caseMethod, caseTarget } from '../../src/cases/case-request.js';
import { wirePreview } from '../../src/wire/bytes.js';

const byId = new Map(BYPASS_TECHNIQUE_CASES.map((c) => [c.id, c]));
const bytesOf = (id: string): string => wirePreview(byId.get(id)!.wire.parts);

describe('the bypass toolbox', () => {
  it('names each payload by its characters, hex digits in lower case', () => {
    expect(payloadSlug('..;/')).to.equal('dot-dot-semi-slash');
    expect(payloadSlug('%2e%2E/')).to.equal('pct2e-pct2e-slash');
    expect(payloadSlug('?debug=1')).to.equal('q-debug-eq-1');
    expect(payloadSlug('\\..\\')).to.equal('bslash-dot-dot-bslash');
    expect(() => payloadSlug('a b')).to.throw(/no slug/);
  });

  it('sends each technique without credentials and with the denied identity\'s key', () => {
    const pairs = BYPASS_TECHNIQUE_CASES.filter((c) => !c.id.endsWith('-denied-key')).filter((c) => byId.has(`${c.id}-denied-key`));
    expect(pairs.length).to.be.greaterThan(350);
    for (const c of pairs) {
      const denied = byId.get(`${c.id}-denied-key`)!;
      expect(denied.requires, denied.id).to.deep.equal(['deniedAccessKey']);
      expect(bytesOf(denied.id), denied.id).to.contain('X-v3io-session-key: {{deniedAccessKey}}');
      expect(bytesOf(c.id), c.id).to.not.contain('X-v3io-session-key');
      expect([caseMethod(denied), caseTarget(denied)], denied.id).to.deep.equal([caseMethod(c), caseTarget(c)]);
    }
  });

  it('sends every method of the lists, and every address in every client-address header at once', () => {
    for (const method of METHODS) expect(caseMethod(byId.get(`cross-wire-bypass-method-${method.toLowerCase()}`)!)).to.equal(method);
    for (const [id, value] of CLIENT_ADDRESSES) {
      const bytes = bytesOf(`cross-wire-bypass-address-${id}`);
      for (const name of CLIENT_ADDRESS_HEADERS) expect(bytes, `${id} ${name}`).to.contain(`\\r\\n${name}: ${value}\\r\\n`);
    }
  });

  it('sends HTTP/1.0 with and without Host, and Host lines naming the server itself', () => {
    expect(bytesOf('cross-wire-bypass-version-http-1-0')).to.match(/^GET \/\{\{container\}\}\/\?max-keys=1 HTTP\/1\.0\\r\\nHost: \{\{host\}\}\\r\\n/);
    expect(bytesOf('cross-wire-bypass-version-http-1-0-without-host')).to.not.contain('Host:');
    expect(bytesOf('cross-wire-bypass-host-localhost')).to.contain('\\r\\nHost: localhost\\r\\n').and.not.contain('{{host}}');
  });

  it('judges on evidence exactly the requests that do not name the listing canonically', () => {
    const onEvidence = new Set(['bypass-path-case', 'bypass-end-path', 'bypass-mid-path', 'bypass-url-override', 'bypass-host']);
    for (const c of BYPASS_TECHNIQUE_CASES) expect(c.expect.outcome === 'reject' && c.expect.letInOnEvidence === true, c.id).to.equal(onEvidence.has(c.family));
  });

  it('takes 501 and 505 as refusals only where the technique is a method or a version', () => {
    for (const c of BYPASS_TECHNIQUE_CASES) {
      const statuses = c.expect.outcome === 'accept' ? [] : (c.expect.statuses ?? []);
      expect(statuses.includes(501), c.id).to.equal(c.family === 'bypass-method' || c.family === 'bypass-method-case');
      expect(statuses.includes(505), c.id).to.equal(c.family === 'bypass-http-version');
    }
  });
});
