/**
 * Strict Base64 decoding for Basic credentials.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-4
 */
import { expect } from 'chai';
import { decodeStrictBase64 } from '../../src/reference/base64.js';

describe('reference decodeStrictBase64()', () => {
  const valid: ReadonlyArray<readonly [token: string, text: string]> = [
    ['', ''],
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg==', 'foob'],
    ['dGVzdDoxMjPCow==', 'test:123£'],
  ];
  for (const [token, text] of valid) {
    it(`decodes ${JSON.stringify(token)}`, () => {
      const bytes = decodeStrictBase64(token);
      expect(bytes, token).to.not.equal(undefined);
      expect(bytes!.toString('utf8')).to.equal(text);
      expect(bytes!.toString('base64')).to.equal(token);
    });
  }

  const invalid: ReadonlyArray<readonly [why: string, token: string]> = [
    ['missing padding', 'Zg'],
    ['half the padding', 'Zg='],
    ['extra padding', 'Zm8=='],
    ['padding in the middle', 'Zg==Zg=='],
    ['a length not a multiple of 4', 'Zm9vY'],
    ['non-zero pad bits', 'Zh=='],
    ['base64url "-"', 'Pz8-'],
    ['base64url "_"', 'Pz8_'],
    ['a space', 'Zm9v Yg=='],
    ['a line break', 'Zm9v\nYg=='],
    ['characters outside the alphabet', '!!!!'],
    ['junk after a valid token', 'Zm9v!!'],
    ['non-ASCII', 'Zm9vé==='],
  ];
  it('accepts the whole alphabet, "+" and "/" included', () => {
    expect(decodeStrictBase64('+/+/')).to.deep.equal(Buffer.from([0xfb, 0xff, 0xbf]));
  });

  for (const [why, token] of invalid) {
    it(`rejects ${why}: ${JSON.stringify(token)}`, () => {
      expect(decodeStrictBase64(token)).to.equal(undefined);
    });
  }
});
