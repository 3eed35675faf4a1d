/**
 * The runner's transforms derive exactly what the collection's pre-request scripts derive: the
 * scripts' own JavaScript (src/generate/transforms.ts) is run in a VM on the same inputs.
 */
import { expect } from 'chai';
import vm from 'node:vm';
import type { Derivation, Transform } from '../../src/cases/model.js';
import { derivationLines } from '../../src/generate/transforms.js';
import { resolveTemplate } from '../../src/wire/template.js';
import { applyTransform, deriveAll, deriveValue } from '../../src/wire/transforms.js';

/** CryptoJS as the scripts use it (Utf8.parse, then Base64.stringify), on Buffer. */
const CRYPTO_JS = {
  enc: {
    Utf8: { parse: (text: string) => Buffer.from(text, 'utf8') },
    Base64: { stringify: (bytes: Buffer) => bytes.toString('base64') },
  },
};

/** What the scripts set for these derivations, given the variables. */
function scriptValues(derivations: readonly Derivation[], variables: ReadonlyMap<string, string>): Map<string, string> {
  const scope = new Map(variables);
  const pm = {
    variables: {
      replaceIn: (text: string) => resolveTemplate(text, scope),
      set: (name: string, value: string) => scope.set(name, value),
    },
  };
  vm.runInNewContext(derivationLines(derivations).join('\n'), { pm, require: () => CRYPTO_JS });
  return new Map(derivations.map((d) => [d.name, scope.get(d.name) ?? '<unset>']));
}

const INPUTS = [
  'e8bd4ca2-537b-4175-bf01-8c74963e90bf',
  'iguazio:conformance-Pa55',
  'test:123£',
  'abcdef',
  'ABCDEF',
  'xyz',
  'XYZ',
  'key9',
  'keyz',
  'keyZ',
  'key-',
  '123456',
  'x',
  '',
  'Straße ǅ',
  '😀a😀',
];

const TRANSFORMS: readonly Transform[] = [
  { op: 'base64' },
  { op: 'base64-unpadded' },
  { op: 'base64url' },
  { op: 'other-case' },
  { op: 'drop-last-char' },
  { op: 'change-last-char' },
  { op: 'repeat-to-length', length: 7 },
  { op: 'repeat-to-length', length: 0 },
  { op: 'repeat-to-length', length: 100 },
];

describe('wire transforms', () => {
  for (const transform of TRANSFORMS) {
    it(`${JSON.stringify(transform)} matches the pre-request script on every input`, () => {
      const variables = new Map(INPUTS.map((input, i) => [`v${i}`, input]));
      const derivations = INPUTS.map((_, i): Derivation => ({ name: `d${i}`, from: `{{v${i}}}`, apply: [transform] }));
      const expected = scriptValues(derivations, variables);
      const actual = deriveAll(derivations, variables);
      expect([...actual]).to.deep.equal([...expected]);
    });
  }

  it('applies a chain of transforms in order, like the scripts', () => {
    const variables = new Map([['accessKey', 'e8bd4ca2-537b-4175-bf01-8c74963e90bf']]);
    const derivations: Derivation[] = [
      { name: 'a', from: '{{accessKey}}', apply: [{ op: 'drop-last-char' }, { op: 'other-case' }, { op: 'base64url' }] },
      { name: 'b', from: 'Basic {{accessKey}}:x', apply: [{ op: 'change-last-char' }, { op: 'repeat-to-length', length: 50 }] },
    ];
    expect([...deriveAll(derivations, variables)]).to.deep.equal([...scriptValues(derivations, variables)]);
  });

  it('changes the last character to another of its kind: a hex key stays hex', () => {
    expect(applyTransform('abc9', { op: 'change-last-char' })).to.equal('abc0');
    expect(applyTransform('abcf', { op: 'change-last-char' })).to.equal('abca');
    expect(applyTransform('abcF', { op: 'change-last-char' })).to.equal('abcA');
    expect(applyTransform('abcz', { op: 'change-last-char' })).to.equal('abcg');
    expect(applyTransform('ab-', { op: 'change-last-char' })).to.equal('abx');
    expect(applyTransform('abx', { op: 'change-last-char' })).to.equal('aby');
  });

  it('gives another letter case, or, for a text without letters, a changed last character: never the input', () => {
    expect(applyTransform('iguazio:Pa55', { op: 'other-case' })).to.equal('IGUAZIO:pA55');
    expect(applyTransform('123456', { op: 'other-case' })).to.equal('123457');
    for (const input of INPUTS.filter((i) => i !== '')) expect(applyTransform(input, { op: 'other-case' }), input).to.not.equal(input);
  });

  it('resolves the template first, nested collection variables included, and leaves unknown ones', () => {
    const variables = new Map([
      ['runPrefix', 'v3io-auth-conformance'],
      ['fixtureObject', '{{runPrefix}}/fixture.txt'],
    ]);
    expect(deriveValue({ name: 'x', from: '{{fixtureObject}}|{{nothing}}', apply: [{ op: 'other-case' }] }, variables)).to.equal('V3IO-AUTH-CONFORMANCE/FIXTURE.TXT|{{NOTHING}}');
  });

  it('refuses a repeat-to-length without a non-negative integer length', () => {
    expect(() => applyTransform('x', { op: 'repeat-to-length', length: -1 })).to.throw(/non-negative integer/);
    expect(() => applyTransform('x', { op: 'repeat-to-length', length: 1.5 })).to.throw(/non-negative integer/);
  });
});
