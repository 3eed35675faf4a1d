/**
 * The requirements table against the catalogue and against auth-requirements.md: every bullet of
 * the document's requirement sections is mapped to requirements, every mapped requirement has a
 * case, every requirement is used by a case, and every case's requirement is in the table.
 * @see ../../../shared/spec/auth-requirements.md
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';

import { CATALOGUE } from '../../src/cases/index.js';
import { DOCUMENT_BULLETS, allRequirements } from '../../src/cases/requirements.js';
import { sharedDir } from '../support/shared-dir.js';

const REQUIREMENTS_DOC = sharedDir('spec', 'auth-requirements.md');
/** The sections whose bullets are requirements a server is held to; the rest describe the reference. */
const FIRST_SECTION = '## The four credential forms';
const LAST_SECTION_END = '## Things the reference implementation decides';

interface Bullet {
  readonly section: string;
  readonly text: string;
}

/** The bullets of the requirement sections, each with the heading it is under. */
function documentBullets(markdown: string): Bullet[] {
  const start = markdown.indexOf(FIRST_SECTION);
  const end = markdown.indexOf(LAST_SECTION_END);
  if (start < 0 || end < start) throw new Error(`auth-requirements.md has no "${FIRST_SECTION}" ... "${LAST_SECTION_END}" sections`);
  const bullets: Bullet[] = [];
  let section = '';
  for (const line of markdown.slice(start, end).split('\n')) {
    const heading = /^#{2,3} (.+)$/.exec(line);
    if (heading) section = heading[1]!;
    else if (line.startsWith('- ')) bullets.push({ section, text: line.slice(2) });
  }
  return bullets;
}

const sentenceToId = new Map(allRequirements().map((r) => [r.sentence, r.id]));

describe('requirements table', () => {
  it('has one id per sentence, so a case sentence names exactly one requirement', () => {
    expect(sentenceToId.size).to.equal(allRequirements().length);
  });

  it('holds the requirement of every case', () => {
    const unknown = CATALOGUE.filter((c) => !sentenceToId.has(c.requirement)).map((c) => c.id);
    expect(unknown, 'cases whose requirement is not in src/cases/requirements.ts').to.deep.equal([]);
  });

  it('has every requirement used by at least one case', () => {
    const used = new Set(CATALOGUE.map((c) => sentenceToId.get(c.requirement)));
    const unused = allRequirements().filter((r) => !used.has(r.id)).map((r) => r.id);
    expect(unused, 'requirements no case checks').to.deep.equal([]);
  });

  it('gives each requirement the strongest level of its cases, and sources each of its cases cites', () => {
    const rank = { must: 0, should: 1, may: 2 } as const;
    for (const r of allRequirements()) {
      const cases = CATALOGUE.filter((c) => c.requirement === r.sentence);
      expect(cases.every((c) => rank[c.level] >= rank[r.level]), `${r.id}: a case is stronger than ${r.level}`).to.equal(true);
      expect(cases.some((c) => c.level === r.level), `${r.id}: no case at ${r.level}`).to.equal(true);
      expect(r.sources.length, `${r.id} has no sources`).to.be.greaterThan(0);
      for (const c of cases) expect(c.sources.some((s) => r.sources.includes(s)), `${c.id} cites none of ${r.id}'s sources`).to.equal(true);
    }
  });

  it('maps each document bullet to requirements that exist, or says why no case can check it', () => {
    const ids = new Set(allRequirements().map((r) => r.id));
    for (const bullet of DOCUMENT_BULLETS) {
      for (const id of bullet.requirements) expect(ids.has(id), `${id} (bullet "${bullet.bullet}")`).to.equal(true);
      if (bullet.requirements.length === 0) expect('reason' in bullet && bullet.reason.length > 0, bullet.bullet).to.equal(true);
    }
  });
});

describe('auth-requirements.md coverage', function () {
  before(function () {
    if (!existsSync(REQUIREMENTS_DOC)) {
      if (process.env.CI) throw new Error(`${REQUIREMENTS_DOC} is missing; CI needs ../shared`);
      console.log(`    (skipped: no ${REQUIREMENTS_DOC}; the requirements document lives in ../shared)`);
      this.skip();
    }
  });

  const bullets = (): Bullet[] => documentBullets(readFileSync(REQUIREMENTS_DOC, 'utf8'));

  it('finds the bullets of the document', () => {
    expect(bullets().length).to.be.greaterThan(40);
  });

  it('maps every bullet of the document, and maps nothing the document does not say', () => {
    const inDocument = bullets();
    const mapped = (b: Bullet) => DOCUMENT_BULLETS.filter((m) => m.section === b.section && b.text.startsWith(m.bullet));
    const unmapped = inDocument.filter((b) => mapped(b).length !== 1).map((b) => `${b.section}: ${b.text}`);
    expect(unmapped, 'bullets with no (or more than one) entry in DOCUMENT_BULLETS').to.deep.equal([]);
    const stale = DOCUMENT_BULLETS.filter((m) => !inDocument.some((b) => m.section === b.section && b.text.startsWith(m.bullet)));
    expect(stale.map((m) => m.bullet), 'DOCUMENT_BULLETS entries the document no longer has').to.deep.equal([]);
  });

  it('has at least one case for every bullet a case can check', () => {
    const usedIds = new Set(CATALOGUE.map((c) => sentenceToId.get(c.requirement)));
    const uncovered = DOCUMENT_BULLETS.filter((b) => b.requirements.length > 0 && !b.requirements.every((id) => usedIds.has(id)));
    expect(uncovered.map((b) => b.bullet)).to.deep.equal([]);
    const inDocument = bullets();
    const withoutCase = inDocument.filter((b) => DOCUMENT_BULLETS.some((m) => m.section === b.section && b.text.startsWith(m.bullet) && m.requirements.length === 0));
    // Only HTTPS bullets are checked outside the catalogue (by the run's transport checks).
    expect(withoutCase.every((b) => b.section.startsWith('HTTPS')), withoutCase.map((b) => b.text).join('; ')).to.equal(true);
  });
});
