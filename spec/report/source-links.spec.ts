import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { SEED_PAGE_URL, sourceLink } from '../../src/report/source-links.js';

describe('source links', () => {
  it('links RFC sections to the RFC Editor', () => {
    expect(sourceLink('RFC 9110 §11.6.2')).to.deep.equal({ text: 'RFC 9110 §11.6.2', href: 'https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2' });
    expect(sourceLink('RFC 2818').href).to.equal('https://www.rfc-editor.org/rfc/rfc2818');
  });

  it('links seed sections to the anchors of the Iguazio page', () => {
    expect(sourceLink('seed §Basic HTTP Username/Password Authentication').href).to.equal(`${SEED_PAGE_URL}#basic-http-username-password-auth`);
    expect(sourceLink('seed §Some Heading Not On The Page').href).to.equal(SEED_PAGE_URL);
  });

  it('links OWASP cheat sheets to the cheat sheet series', () => {
    expect(sourceLink('OWASP REST Security Cheat Sheet').href).to.equal('https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html');
  });

  it('links a section of the OWASP Web Security Testing Guide to its page', () => {
    expect(sourceLink('OWASP WSTG 4.2.6 Test HTTP Methods').href).to.equal(
      'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods',
    );
  });

  it('links a public repository the catalogue takes facts from to GitHub', () => {
    expect(sourceLink('GitHub devploit/nomore403')).to.deep.equal({ text: 'GitHub devploit/nomore403', href: 'https://github.com/devploit/nomore403' });
  });

  it('links every source of the catalogue, seed sections to a named anchor', () => {
    for (const source of new Set(CATALOGUE.flatMap((c) => c.sources))) {
      const link = sourceLink(source);
      expect(link.href, source).to.be.a('string');
      if (source.startsWith('seed')) expect(link.href, source).to.match(/#[a-z0-9-]+$/);
    }
  });
});
