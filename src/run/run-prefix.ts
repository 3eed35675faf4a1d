/**
 * The folder of the container a run writes its fixtures under (`runPrefix`).
 *
 * A run against a real target gets a folder of its own, `conformance-<UTC time>-<random>`: two
 * runs (two CI jobs, two operators, a run and the leftovers of an interrupted one) never share
 * fixtures, so one's teardown cannot delete what another reads, and whatever a run leaves behind
 * says when it was made. A shard of such a run adds `-shard-<i>-of-<n>`: still one flat folder,
 * so that the teardown removes it whole. An environment that sets `runPrefix` itself keeps it,
 * and shards then use sub-folders of it (`<runPrefix>/shard-<i>-of-<n>`), as does the embedded
 * run with the collection's default.
 */
import { randomBytes } from 'node:crypto';
import { COLLECTION_VARIABLES } from '../cases/operations.js';
import type { Shard } from './selection.js';

export const RUN_PREFIX_PATTERN = /^conformance-\d{8}T\d{6}Z-[0-9a-f]{6}(?:-shard-\d+-of-\d+)?$/;

/** `conformance-20250114T093012Z-3f9a2c`. */
export function uniqueRunPrefix(now: Date = new Date(), random: string = randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `conformance-${stamp}-${random}`;
}

/**
 * The run's prefix: `given` (the environment's own `runPrefix`) when set, otherwise a unique one
 * for a real target and the collection's default for the embedded reference; a shard's folder
 * composed into it.
 */
export function runPrefixFor(options: { readonly given?: string; readonly realTarget: boolean; readonly shard?: Shard }): string {
  const { given, realTarget, shard } = options;
  const shardName = shard ? `shard-${shard.index}-of-${shard.count}` : undefined;
  if (!given && realTarget) {
    const unique = uniqueRunPrefix();
    return shardName ? `${unique}-${shardName}` : unique;
  }
  const base = given || COLLECTION_VARIABLES.runPrefix;
  return shardName ? `${base}/${shardName}` : base;
}
