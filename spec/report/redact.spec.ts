import { expect } from 'chai';
import { MASK, redact, secretForms } from '../../src/report/redact.js';

describe('redaction of secrets in reports', () => {
  it('masks a secret, its Base64 form and the Basic token of a user:password pair', () => {
    const forms = secretForms(['pa:ss'], [['user', 'pa:ss']]);
    const token = Buffer.from('user:pa:ss').toString('base64');
    const text = `key pa:ss b64 ${Buffer.from('pa:ss').toString('base64')} basic ${token}`;
    const out = redact(text, forms);
    expect(out).not.to.contain('pa:ss');
    expect(out).not.to.contain(token);
    expect(out.split(MASK)).to.have.length(4);
  });

  it('masks a longer secret whole even when it contains a shorter one', () => {
    const out = redact('abcdef-123456', secretForms(['abcdef', 'abcdef-123456']));
    expect(out).to.equal(MASK);
  });

  it('leaves very short values alone so that ordinary words survive', () => {
    expect(redact('a b c', secretForms(['a']))).to.equal('a b c');
  });
});
