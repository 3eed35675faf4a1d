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

describe('the redactor against a plain search for every form', () => {
  /** What the redactor must do, the slow way: at each position, the longest form in any letter case. */
  function naive(text: string, forms: readonly string[]): string {
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    let out = '';
    let i = 0;
    while (i < text.length) {
      const form = sorted.find((f) => text.slice(i, i + f.length).toLowerCase() === f.toLowerCase());
      if (form) {
        out += MASK;
        i += form.length;
      } else {
        out += text[i];
        i += 1;
      }
    }
    return out;
  }

  // A small alphabet, so that forms occur often, overlap and start where others end.
  const ALPHABET = ['a', 'B', 'c', 'Ä', 'ö', 'É', '😀', ':', ' '];
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const word = (length: number): string => Array.from({ length }, () => ALPHABET[random(ALPHABET.length)]).join('');

  it('masks what the plain search masks, in any letter case, on random texts', () => {
    for (let round = 0; round < 200; round += 1) {
      const forms = Array.from({ length: 1 + random(4) }, () => word(3 + random(5)));
      // Each form planted in some letter case, between random characters.
      const text = forms.map((f) => `${word(random(6))}${random(2) ? f.toUpperCase() : f.toLowerCase()}`).join('') + word(random(4));
      const out = redact(text, forms);
      const expected = naive(text, forms);
      // Masking can join pieces of another form: the redactor then masks again, the plain search does not.
      expect(out === expected || redact(expected, forms) === out, `${JSON.stringify(forms)} in ${JSON.stringify(text)}`).to.equal(true);
      for (const form of forms) expect(out.toLowerCase()).not.to.contain(form.toLowerCase());
    }
  });

  it('masks a secret at the very start and end of a text, and twice in a row', () => {
    const forms = secretForms(['Secret9']);
    expect(redact('Secret9', forms)).to.equal(MASK);
    expect(redact('SECRET9secret9 x sEcReT9', forms)).to.equal(`${MASK}${MASK} x ${MASK}`);
  });

  it('gives the same answer for a text it has seen before', () => {
    const forms = secretForms(['Secret9']);
    const text = 'token Secret9 again';
    expect(redact(text, forms)).to.equal(redact(text, forms)).and.to.equal(`token ${MASK} again`);
  });
});
