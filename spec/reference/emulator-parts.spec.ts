/**
 * The emulator's pure parts: byte ranges (RFC 9110 §14), filter and update expressions, stream
 * locations, directory-style listing pages.
 */
import { expect } from 'chai';
import { decodeArray, encodeArray } from '../../src/reference/attribute-array.js';
import { selectRange } from '../../src/reference/byte-range.js';
import { ExpressionError, tokenize } from '../../src/reference/expression-lexer.js';
import { matches, parseFilter } from '../../src/reference/filter-expression.js';
import { pageListing, type ListedObject } from '../../src/reference/listings.js';
import type { Attributes } from '../../src/reference/store.js';
import { decodeLocation, encodeLocation } from '../../src/reference/stream-location.js';
import { applyUpdate, parseUpdate } from '../../src/reference/update-expression.js';

describe('reference emulator: parts', () => {
  describe('selectRange', () => {
    const table: ReadonlyArray<readonly [values: readonly string[], size: number, expected: ReturnType<typeof selectRange>]> = [
      [[], 10, { kind: 'whole' }],
      [['bytes=0-0'], 10, { kind: 'part', start: 0, end: 0 }],
      [['bytes=2-5'], 10, { kind: 'part', start: 2, end: 5 }],
      [['BYTES = 2 - 5'], 10, { kind: 'part', start: 2, end: 5 }],
      [['bytes=8-'], 10, { kind: 'part', start: 8, end: 9 }],
      [['bytes=8-100'], 10, { kind: 'part', start: 8, end: 9 }],
      [['bytes=-4'], 10, { kind: 'part', start: 6, end: 9 }],
      [['bytes=-40'], 10, { kind: 'part', start: 0, end: 9 }],
      [['bytes=10-'], 10, { kind: 'unsatisfiable' }],
      [['bytes=-0'], 10, { kind: 'unsatisfiable' }],
      [['bytes=-1'], 0, { kind: 'unsatisfiable' }],
      [['bytes=5-4'], 10, { kind: 'whole' }],
      [['bytes=-'], 10, { kind: 'whole' }],
      [['bytes=0-1, 4-5'], 10, { kind: 'whole' }],
      [['bytes=0-1', 'bytes=2-3'], 10, { kind: 'whole' }],
      [['lines=0-1'], 10, { kind: 'whole' }],
    ];
    for (const [values, size, expected] of table) {
      it(`${JSON.stringify(values)} of ${size} bytes: ${JSON.stringify(expected)}`, () => {
        expect(selectRange(values, size)).to.deep.equal(expected);
      });
    }
  });

  describe('expressions', () => {
    const item: Attributes = { n: { N: '5' }, f: { N: '2.5' }, s: { S: 'abc' }, t: { BOOL: true }, b: { B: 'AAE=' } };

    it('tokenizes names, numbers, both kinds of quotes and two-character operators', () => {
      expect(tokenize(`a1 >= 10.5e2 AND "x y" <> 'z'`).map((t) => `${t.kind}:${t.text}`)).to.deep.equal([
        'name:a1', 'operator:>=', 'number:10.5e2', 'name:AND', 'string:x y', 'operator:<>', 'string:z',
      ]);
      expect(() => tokenize('a ~ b')).to.throw(ExpressionError);
      expect(() => tokenize("a = 'open")).to.throw(ExpressionError);
    });

    const filters: ReadonlyArray<readonly [filter: string, result: boolean]> = [
      ['n = 5', true],
      ['n == 5.0', true],
      ['n > -1', true],
      ['f < n', true],
      ['n <= 4', false],
      ["s = 'abc' and t = true", true],
      ["s > 'abd' or b = b", true],
      ['not t = true', false],
      ['t', false],
      ['TRUE', true],
      ['missing = 1', false],
      ['missing != 1', false],
      ["n = '5'", false],
      ['t != false', true],
      ['(n = 1 or n = 5) and (s = "abc")', true],
      ['n = 1 or n = 2 and n = 5', false],
    ];
    for (const [filter, result] of filters) {
      it(`filter ${filter}: ${result}`, () => {
        if (filter === 't') {
          expect(() => parseFilter(filter)).to.throw(ExpressionError);
          return;
        }
        expect(matches(parseFilter(filter), item)).to.equal(result);
      });
    }

    it('rejects filters that are not one whole expression', () => {
      for (const filter of ['', 'n =', 'n = 5 5', '(n = 5', 'and', 'n = -x']) expect(() => parseFilter(filter), filter).to.throw(ExpressionError);
    });

    const updates: ReadonlyArray<readonly [expression: string, expected: Attributes]> = [
      ['', item],
      ['SET n = n + 1', { ...item, n: { N: '6' } }],
      ['n = n - 10; f = f + 0.25', { ...item, n: { N: '-5' }, f: { N: '2.75' } }],
      ['set a = -(n + 1); SET c = a', { ...item, a: { N: '-6' }, c: { N: '-6' } }],
      ["SET s = 'x'; REMOVE t, b;", { n: { N: '5' }, f: { N: '2.5' }, s: { S: 'x' } }],
      ['SET z = if_not_exists(z, 7) + n; SET n = if_not_exists(n, 0)', { ...item, z: { N: '12' } }],
    ];
    for (const [expression, expected] of updates) {
      it(`update "${expression}"`, () => {
        expect(applyUpdate(parseUpdate(expression), item)).to.deep.equal(expected);
      });
    }

    it('fails on a missing attribute, arithmetic on non-numbers, and bad syntax', () => {
      for (const expression of ['SET a = missing', 'SET a = s + 1', 'SET a = 1 + t', 'SET a', 'SET 1 = 2', 'REMOVE', 'SET a = (1', 'SET a = 1 b = 2']) {
        expect(() => applyUpdate(parseUpdate(expression), item), expression).to.throw(ExpressionError);
      }
    });
  });

  describe('numeric arrays in blobs', () => {
    it('round-trips int64 exactly and float64, in the layout v3io-py writes', () => {
      const ints = encodeArray({ kind: 'int64', values: ['1', '-2', '9223372036854775807'] })!;
      expect(ints.subarray(0, 16).toString('hex')).to.equal('3041ab00' + '01000000' + '18000000' + '03010000');
      expect(decodeArray(ints)).to.deep.equal({ kind: 'int64', values: ['1', '-2', '9223372036854775807'] });
      expect(decodeArray(encodeArray({ kind: 'float64', values: ['0.5', '-1e+300'] })!)).to.deep.equal({ kind: 'float64', values: ['0.5', '-1e+300'] });
    });

    it('is no array with another magic, version or operand type, or a size that does not match', () => {
      const good = encodeArray({ kind: 'int64', values: ['7'] })!;
      for (const [offset, word] of [[0, 1], [4, 2], [8, 16], [12, 260]] as const) {
        const bad = Buffer.from(good);
        bad.writeUInt32LE(word, offset);
        expect(decodeArray(bad), `${offset}`).to.equal(undefined);
      }
      expect(decodeArray(good.subarray(0, 20))).to.equal(undefined);
      expect(decodeArray(Buffer.from([0, 1]))).to.equal(undefined);
    });

    it('refuses values that do not fit: a fraction or 2^63 in int64, a non-finite float64', () => {
      for (const value of ['1.5', '9223372036854775808', 'x']) expect(encodeArray({ kind: 'int64', values: [value] }), value).to.equal(undefined);
      expect(encodeArray({ kind: 'float64', values: ['1e999'] })).to.equal(undefined);
    });
  });

  describe('stream locations', () => {
    it('round-trip; the documented example is shard 0 from the start', () => {
      for (const location of [{ shardId: 0, sequenceNumber: 0 }, { shardId: 199, sequenceNumber: 15756 }, { shardId: 4095, sequenceNumber: 2 ** 40 }]) {
        expect(decodeLocation(encodeLocation(location))).to.deep.equal(location);
      }
      expect(decodeLocation('AQAAAAAAAAAAAAAAAAAAAA==')).to.deep.equal({ shardId: 0, sequenceNumber: 0 });
      expect(encodeLocation({ shardId: 0, sequenceNumber: 0 })).to.equal('AQAAAAAAAAAAAAAAAAAAAA==');
    });

    it('refuses what the reference did not make', () => {
      for (const text of ['', 'AQAAAAAAAAAAAAAAAAAA', 'AgAAAAAAAAAAAAAAAAAAAA==', 'AQEAAAAAAAAAAAAAAAAAAA==', 'AQAAAAAAAAD//////////w==', 'AQAAAAAAAAAAAAAAAAAAAA']) {
        expect(decodeLocation(text), text).to.equal(undefined);
      }
    });
  });

  describe('pageListing', () => {
    const at = new Date(0);
    const objects: ListedObject[] = ['a', 'b/1', 'b/2', 'b/c/d', 'b-c', 'c'].sort().map((key) => ({ key, size: key.length, lastModified: at, etag: `"${key}"` }));
    const names = (listing: ReturnType<typeof pageListing>): string[] => [...listing.contents.map((o) => o.key), ...listing.commonPrefixes];
    const query = { prefix: '', marker: '', maxKeys: 1000, directoriesOnly: false };

    it('rolls keys under a further / into one common prefix per directory', () => {
      const root = pageListing(objects, [], query);
      expect([root.contents.map((o) => o.key), root.commonPrefixes, root.truncated]).to.deep.equal([['a', 'b-c', 'c'], ['b/'], false]);
      const b = pageListing(objects, [], { ...query, prefix: 'b/' });
      expect([b.contents.map((o) => o.key), b.commonPrefixes]).to.deep.equal([['b/1', 'b/2'], ['b/c/']]);
    });

    it('lists directories with nothing in them as common prefixes, one level down only', () => {
      const root = pageListing(objects, ['b', 'b/c', 'b/e', 'empty', 'empty/deeper'], query);
      expect([root.contents.map((o) => o.key), root.commonPrefixes]).to.deep.equal([['a', 'b-c', 'c'], ['b/', 'empty/']]);
      const b = pageListing(objects, ['b', 'b/c', 'b/e'], { ...query, prefix: 'b/' });
      expect(b.commonPrefixes).to.deep.equal(['b/c/', 'b/e/']);
      expect(pageListing(objects, ['b/e'], { ...query, prefix: 'b/', directoriesOnly: true }).contents).to.deep.equal([]);
    });

    it('pages in name order across objects and prefixes; NextMarker only when truncated', () => {
      const first = pageListing(objects, [], { ...query, maxKeys: 2 });
      expect([names(first), first.truncated, first.nextMarker]).to.deep.equal([['a', 'b-c'], true, 'b-c']);
      const second = pageListing(objects, [], { ...query, maxKeys: 2, marker: 'b-c' });
      expect([names(second), second.truncated, second.nextMarker]).to.deep.equal([['c', 'b/'], false, undefined]);
      expect(pageListing(objects, [], { ...query, marker: 'b/' }).contents.map((o) => o.key)).to.deep.equal(['c']);
      expect(pageListing(objects, [], { ...query, maxKeys: 0 }).truncated).to.equal(true);
    });
  });
});
