/** The generated files: content, writing, staleness check, and the committed ones being current. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CATALOGUE } from '../../src/cases/index.js';
import { checkGenerated, findPackageRoot, GENERATED_FILES, renderGenerated, writeGenerated } from '../../src/generate/files.js';
import { SAMPLE_CASES } from './sample-cases.js';

describe('generated files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'v3io-generated-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("are each profile's collection and two environments, as two-space JSON with a final newline", () => {
    expect(GENERATED_FILES.map((f) => f.path)).to.deep.equal([
      'collections/v3io-auth-conformance.postman_collection.json',
      'environments/reference.postman_environment.json',
      'environments/target.example.postman_environment.json',
      'collections/basic-auth-conformance.postman_collection.json',
      'environments/reference-basic.postman_environment.json',
      'environments/basic-target.example.postman_environment.json',
    ]);
    for (const { content } of renderGenerated(SAMPLE_CASES)) {
      expect(content).to.equal(`${JSON.stringify(JSON.parse(content), null, 2)}\n`);
    }
  });

  it('are written under the root, and then found up to date', () => {
    expect(checkGenerated(dir, SAMPLE_CASES).stale).to.have.length(6);
    expect(writeGenerated(dir, SAMPLE_CASES)).to.deep.equal(GENERATED_FILES.map((f) => f.path));
    expect(checkGenerated(dir, SAMPLE_CASES)).to.deep.equal({ stale: [] });
  });

  it('are stale when missing, edited, or generated from other cases', () => {
    writeGenerated(dir, SAMPLE_CASES);
    const [collection, reference] = GENERATED_FILES.map((f) => join(dir, f.path));
    writeFileSync(reference!, readFileSync(reference!, 'utf8').replace('bigdata', 'other'));
    rmSync(join(dir, GENERATED_FILES[2]!.path));
    expect(checkGenerated(dir, SAMPLE_CASES).stale).to.deep.equal([GENERATED_FILES[1]!.path, GENERATED_FILES[2]!.path]);
    expect(checkGenerated(dir, SAMPLE_CASES.slice(1)).stale).to.include(GENERATED_FILES[0]!.path);
    expect(existsSync(collection!)).to.equal(true);
  });

  it('findPackageRoot() is the directory of this package\'s package.json', () => {
    const root = findPackageRoot();
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name).to.equal('v3io-auth-conformance');
  });

  it('committed in the repository are what the catalogue generates (run `v3io-auth-conformance generate` after changing cases)', () => {
    expect(checkGenerated(findPackageRoot(), CATALOGUE)).to.deep.equal({ stale: [] });
  });
});
