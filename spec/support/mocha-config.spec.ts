/**
 * .mocharc.json names the longest spec files first, so that mocha's workers start them first and
 * the short ones fill in around them, then every other file by a pattern that leaves those out by
 * name: every spec file must still run exactly once.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';

const ROOT = packageRoot();

describe('the mocha configuration runs every spec file once', () => {
  const { spec } = JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { spec: string[] };
  const first = spec.slice(0, -1);
  const rest = spec.at(-1) ?? '';
  const files = readdirSync(join(ROOT, 'spec'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.spec.ts'))
    .map((f) => `dist/spec/${f.replace(/\.ts$/, '.js')}`);

  it('names existing spec files first, then all the others by a pattern that leaves out exactly those names', () => {
    for (const file of first) expect(files, `${file} is a spec file`).to.include(file);
    const left = /^dist\/spec\/\*\*\/!\(([^)]*)\)\.spec\.js$/.exec(rest)?.[1]?.split('|');
    expect(left, `the last spec entry, ${rest}`).to.not.equal(undefined);
    expect([...(left ?? [])].sort()).to.deep.equal(first.map((f) => basename(f, '.spec.js')).sort());
  });

  it('a name left out matches one spec file only, so no other file is left out with it', () => {
    const names = files.map((f) => basename(f, '.spec.js'));
    for (const file of first) expect(names.filter((n) => n === basename(file, '.spec.js')), file).to.have.length(1);
  });
});
