/** A selective run sends only what it reports: the collection cut down to the selected requests. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATHS, packageRoot } from '../../src/package-info.js';
import { filterCollection } from '../../src/run/collection-filter.js';

interface Node {
  id: string;
  item?: Node[];
  [other: string]: unknown;
}

const collection = JSON.parse(readFileSync(join(packageRoot(), GENERATED_PATHS.collection), 'utf8')) as { item: Node[]; [other: string]: unknown };
const leaves = (items: readonly Node[]): string[] => items.flatMap((i) => (i.item ? leaves(i.item) : [i.id]));

describe('filtering the collection', () => {
  it('keeps the requests asked for, in order, and the folders holding them', () => {
    const setup = leaves(collection.item.filter((f) => f.id === 'setup'));
    const keep = new Set([...setup, 'basic-valid-get-object', 'session-key-unknown-key']);
    const filtered = filterCollection(collection, keep) as { item: Node[] };
    expect(leaves(filtered.item)).to.deep.equal([...setup, 'session-key-unknown-key', 'basic-valid-get-object']);
    expect(filtered.item.map((f) => f.id)).to.deep.equal(['setup', 'session-key', 'basic']);
  });

  it('keeps the rest of the collection (info, scripts, variables) and leaves the original alone', () => {
    const before = JSON.stringify(collection);
    const filtered = filterCollection(collection, new Set(['session-key-unknown-key'])) as Record<string, unknown>;
    for (const key of Object.keys(collection).filter((k) => k !== 'item')) expect(filtered[key], key).to.deep.equal(collection[key]);
    expect(JSON.stringify(collection)).to.equal(before);
    const folder = (filtered.item as Node[])[0];
    expect(folder?.name).to.equal(collection.item.find((f) => f.id === 'session-key')?.name);
  });

  it('drops everything when nothing is kept', () => {
    expect((filterCollection(collection, new Set()) as { item: unknown[] }).item).to.deep.equal([]);
  });
});
