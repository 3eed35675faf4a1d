/** The fixture folder of a run: unique on a real target, composed with the shard's folder. */
import { expect } from 'chai';
import { RUN_PREFIX_PATTERN, runPrefixFor, uniqueRunPrefix } from '../../src/run/run-prefix.js';

describe('run prefix', () => {
  it('is conformance-<UTC time>-<random> on a real target', () => {
    expect(uniqueRunPrefix(new Date('2025-01-14T09:30:12.345Z'), '3f9a2c')).to.equal('conformance-20250114T093012Z-3f9a2c');
    const prefix = runPrefixFor({ realTarget: true });
    expect(prefix).to.match(RUN_PREFIX_PATTERN);
    expect(runPrefixFor({ realTarget: true })).to.not.equal(prefix);
  });

  it('puts a shard of a real-target run in one flat folder of its own', () => {
    expect(runPrefixFor({ realTarget: true, shard: { index: 2, count: 3 } })).to.match(/^conformance-\d{8}T\d{6}Z-[0-9a-f]{6}-shard-2-of-3$/);
  });

  it('keeps the collection default for the embedded reference, shards in sub-folders', () => {
    expect(runPrefixFor({ realTarget: false })).to.equal('v3io-auth-conformance');
    expect(runPrefixFor({ realTarget: false, shard: { index: 1, count: 2 } })).to.equal('v3io-auth-conformance/shard-1-of-2');
  });

  it("keeps a prefix the environment sets, shards in sub-folders of it", () => {
    expect(runPrefixFor({ given: 'ci/job-42', realTarget: true })).to.equal('ci/job-42');
    expect(runPrefixFor({ given: 'ci/job-42', realTarget: true, shard: { index: 3, count: 4 } })).to.equal('ci/job-42/shard-3-of-4');
  });
});
