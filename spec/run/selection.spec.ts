/** Selecting cases (--only, --grep, --form, --level) and splitting them into shards (--shard i/n), on the real catalogue. */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { selectCases, selectionRecord, shardOf } from '../../src/run/selection.js';
import { describeSelection } from '../../src/results/selection-record.js';
import { nearestId } from '../../src/commands/case-ids.js';
import { parseOnly, requireSomeMatch } from '../../src/commands/selection-options.js';
import { casesOf, profileNamed } from '../../src/cases/profiles.js';
import { HarnessError } from '../../src/errors.js';

const ids = (cases: readonly { id: string }[]): string[] => cases.map((c) => c.id);

describe('case selection', () => {
  for (const count of [1, 2, 3, 4]) {
    it(`splits the catalogue into ${count} shard${count > 1 ? 's' : ''} whose union is the whole catalogue, no case twice`, () => {
      const shards = Array.from({ length: count }, (_, i) => ids(selectCases(CATALOGUE, { shard: { index: i + 1, count } })));
      const all = shards.flat();
      expect(all).to.have.length(CATALOGUE.length);
      expect(new Set(all).size).to.equal(CATALOGUE.length);
      expect(new Set(all)).to.deep.equal(new Set(ids(CATALOGUE)));
      for (const shard of shards) expect(shard.length, 'no shard is empty').to.be.greaterThan(0);
      // Catalogue order within a shard.
      for (const shard of shards) expect(shard).to.deep.equal(ids(CATALOGUE).filter((id) => shard.includes(id)));
    });
  }

  it('puts a case in a shard by its id alone, so adding cases never moves another', () => {
    const without = CATALOGUE.slice(1);
    for (const count of [2, 3, 4]) {
      for (let index = 1; index <= count; index += 1) {
        const before = ids(selectCases(CATALOGUE, { shard: { index, count } })).filter((id) => id !== CATALOGUE[0]?.id);
        expect(ids(selectCases(without, { shard: { index, count } }))).to.deep.equal(before);
      }
    }
    expect(shardOf('session-key-unknown-key', 4)).to.equal(shardOf('session-key-unknown-key', 4));
  });

  it('keeps the shards of a filtered selection inside it (filter and shard commute)', () => {
    const filtered = ids(selectCases(CATALOGUE, { forms: ['basic'] }));
    const union = [1, 2, 3].flatMap((index) => ids(selectCases(CATALOGUE, { forms: ['basic'], shard: { index, count: 3 } })));
    expect(new Set(union)).to.deep.equal(new Set(filtered));
    expect(union).to.have.length(filtered.length);
  });

  it('--grep matches the id or the title, case-insensitively', () => {
    expect(ids(selectCases(CATALOGUE, { grep: /^session-key-unknown-key$/i }))).to.deep.equal(['session-key-unknown-key']);
    const byTitle = selectCases(CATALOGUE, { grep: /REJECTS AN UNKNOWN ACCESS KEY/i });
    expect(byTitle.length).to.be.greaterThan(0);
    for (const c of byTitle) expect(c.title.toLowerCase()).to.contain('rejects an unknown access key');
  });

  it('--grep matches the family too, so `list --grep <family>` and `run --grep <family>` take a whole family', () => {
    const family = selectCases(CATALOGUE, { grep: /^strict-base64$/i });
    expect(ids(family)).to.deep.equal(ids(CATALOGUE.filter((c) => c.family === 'strict-base64')));
    expect(family.length).to.be.greaterThan(1);
    // No id or title of that family says "strict-base64": only the family matched.
    expect(family.filter((c) => /strict-base64/i.test(`${c.id} ${c.title}`))).to.deep.equal([]);
  });

  it('--only keeps exactly the ids given, in catalogue order, and combines with the other filters', () => {
    const wanted = ['session-key-unknown-key', 'basic-wrong-password'];
    expect(ids(selectCases(CATALOGUE, { ids: [...wanted].reverse() }))).to.deep.equal(wanted);
    expect(ids(selectCases(CATALOGUE, { ids: wanted, forms: ['basic'] }))).to.deep.equal(['basic-wrong-password']);
    expect(ids(selectCases(CATALOGUE, { ids: ['session-key-unknown'] })), 'exact, not a prefix').to.deep.equal([]);
    expect(describeSelection(selectionRecord({ ids: wanted, level: 'must' }))).to.equal('--only session-key-unknown-key,basic-wrong-password --level must');
    expect(parseOnly(' a, b ,,a ')).to.deep.equal(['a', 'b']);
    expect(() => parseOnly(' , ')).to.throw(/comma-separated list of case ids/);
  });

  it('--only with an unknown id is a usage error naming the nearest id; an id of another profile says so', () => {
    const usage = (f: () => void): string => {
      try {
        f();
      } catch (error) {
        expect(error).to.be.instanceOf(HarnessError);
        expect((error as HarnessError).code).to.equal('usage');
        return (error as HarnessError).message;
      }
      throw new Error('expected a usage error');
    };
    expect(usage(() => requireSomeMatch(CATALOGUE, { ids: ['basic-wrong-password', 'session-key-unknwn-key'] }))).to.equal(
      'unknown case id session-key-unknwn-key (did you mean session-key-unknown-key?) (see the list command)',
    );
    expect(usage(() => requireSomeMatch(CATALOGUE, { ids: ['no-such-thing-at-all'] }))).to.equal('unknown case id no-such-thing-at-all (see the list command)');
    const basic = casesOf(profileNamed('basic'), CATALOGUE);
    expect(usage(() => requireSomeMatch(basic, { ids: ['session-key-unknown-key'] }, { catalogue: CATALOGUE, profile: 'basic' }))).to.equal(
      'case session-key-unknown-key is not in the basic profile (see the list command with --profile)',
    );
    expect(() => requireSomeMatch(CATALOGUE, { ids: ['basic-wrong-password'] })).not.to.throw();
    expect(nearestId('BASIC-WRONG-PASSWORD', ids(CATALOGUE)), 'case-insensitive suggestion').to.equal('basic-wrong-password');
  });

  it('--form keeps the listed credential forms', () => {
    const cases = selectCases(CATALOGUE, { forms: ['aws-sigv2', 'basic'] });
    expect(new Set(cases.map((c) => c.form))).to.deep.equal(new Set(['aws-sigv2', 'basic']));
    expect(cases).to.have.length(CATALOGUE.filter((c) => c.form === 'aws-sigv2' || c.form === 'basic').length);
  });

  it('--level keeps that level and the stronger ones', () => {
    const levels = (level: 'must' | 'should' | 'may'): Set<string> => new Set(selectCases(CATALOGUE, { level }).map((c) => c.level));
    expect(levels('must')).to.deep.equal(new Set(['must']));
    expect(levels('should')).to.deep.equal(new Set(['must', 'should']));
    expect(selectCases(CATALOGUE, { level: 'may' })).to.have.length(CATALOGUE.length);
  });

  it('combines filters: every one must match', () => {
    const cases = selectCases(CATALOGUE, { grep: /unknown/i, forms: ['session-key'], level: 'must' });
    expect(cases.length).to.be.greaterThan(0);
    for (const c of cases) {
      expect(c.form).to.equal('session-key');
      expect(c.level).to.equal('must');
      expect(`${c.id} ${c.title} ${c.family}`).to.match(/unknown/i);
    }
  });
});
