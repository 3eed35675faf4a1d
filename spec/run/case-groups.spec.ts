/** The native engine's ordered groups: which cases must keep their order because they share state. */
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { operationOf, profileNamed } from '../../src/cases/profiles.js';
import { collectionOrder } from '../../src/run/case-order.js';
import { fixturesOf, orderedGroups } from '../../src/run/case-groups.js';
import { OPERATIONS } from '../../src/cases/operations.js';

const profile = profileNamed('v3io');
const cases = collectionOrder(profile, CATALOGUE);
const groups = orderedGroups(cases, (c) => operationOf(profile, c));
const groupOf = (id: string): number => groups.findIndex((g) => g.some((c) => c.id === id));

describe('ordered groups of cases (native engine, --concurrency)', () => {
  it('partition the cases, each group in the order of the run', () => {
    expect(groups.flat().map((c) => c.id).sort()).to.deep.equal(cases.map((c) => c.id).sort());
    const position = new Map(cases.map((c, i) => [c.id, i]));
    for (const group of groups) {
      const order = group.map((c) => position.get(c.id)!);
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    }
  });

  it('take the fixtures from the operations with steps only', () => {
    expect([...fixturesOf(OPERATIONS['get-object'])]).to.deep.equal([]);
    expect([...fixturesOf(OPERATIONS['put-object'])]).to.deep.equal(['scratchObject']);
    expect([...fixturesOf(OPERATIONS['put-records'])].sort()).to.deep.equal(['stream', 'streamLocation']);
    expect([...fixturesOf(OPERATIONS['update-stream'])]).to.deep.equal(['scratchStream']);
  });

  it('keep the cases on one fixture together and the read-only cases apart', () => {
    const byOperation = (id: string): string[] => cases.filter((c) => c.request.operation === id).map((c) => c.id);
    for (const family of [['put-object', 'post-object', 'delete-object'], ['put-item', 'update-item'], ['create-stream', 'update-stream'], ['describe-stream', 'put-records', 'seek', 'get-records']]) {
      const indexes = new Set(family.flatMap(byOperation).map(groupOf));
      expect(indexes.size, family.join(', ')).to.equal(1);
    }
    const readers = byOperation('get-object');
    expect(readers.length).to.be.greaterThan(1);
    for (const id of readers) expect(groups[groupOf(id)]!.map((c) => c.id)).to.deep.equal([id]);
    expect(groups.length).to.be.greaterThan(cases.length / 2);
  });
});
