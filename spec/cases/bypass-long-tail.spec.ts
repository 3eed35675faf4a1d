/**
 * The bypass toolbox's long tail (`run --bypass full`): cases outside the catalogue that a run adds
 * on request, held to the catalogue's rules, and judged like the others against the reference.
 */
import { expect } from 'chai';
import AjvModule from 'ajv';
import { CASE_SCHEMA } from '../../src/cases/case.schema.js';
import { BYPASS_LONG_TAIL_CASES, BYPASS_TECHNIQUE_CASES } from '../../src/cases/bypass-techniques.js';
import { CATALOGUE, catalogueFor, findCase } from '../../src/cases/index.js';
import { caseTarget, isWireCase } from '../../src/cases/case-request.js';
import { runInProcess } from '../support/in-process-run.js';

const Ajv = AjvModule.default;

describe('the bypass toolbox\'s long tail (run --bypass full)', function () {
  this.timeout(120_000);

  it('is outside the catalogue, and a full run takes it right after the toolbox\'s own cases', () => {
    expect(BYPASS_LONG_TAIL_CASES.length).to.be.greaterThan(200);
    expect(catalogueFor()).to.equal(CATALOGUE);
    const full = catalogueFor('full');
    const after = CATALOGUE.indexOf(BYPASS_TECHNIQUE_CASES.at(-1)!) + 1;
    expect(full.map((c) => c.id)).to.deep.equal([...CATALOGUE.slice(0, after), ...BYPASS_LONG_TAIL_CASES, ...CATALOGUE.slice(after)].map((c) => c.id));
    expect(new Set(full.map((c) => c.id)).size).to.equal(full.length);
    for (const c of BYPASS_LONG_TAIL_CASES) expect(findCase(c.id), c.id).to.equal(c);
  });

  it('holds to the case schema, in the toolbox\'s families, with targets no catalogue case sends', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    const validate = ajv.compile(CASE_SCHEMA);
    const problems = BYPASS_LONG_TAIL_CASES.flatMap((c) => (validate(c) ? [] : [`${(c as { id: string }).id}: ${ajv.errorsText(validate.errors)}`]));
    expect(problems).to.deep.equal([]);
    const families = new Set(BYPASS_TECHNIQUE_CASES.map((c) => c.family));
    for (const c of BYPASS_LONG_TAIL_CASES) expect(families, c.id).to.include(c.family);
    const sent = new Set(CATALOGUE.filter(isWireCase).filter((c) => c.family === 'bypass-mid-path').map((c) => caseTarget(c)));
    const segments = BYPASS_LONG_TAIL_CASES.filter((c) => c.family === 'bypass-mid-path');
    expect(segments).to.not.be.empty;
    for (const c of segments) expect(sent.has(caseTarget(c)), c.id).to.equal(false);
  });

  it('passes against the reference, each case judged (a lower-case method and a middle path as a segment)', async () => {
    const run = await runInProcess({
      engine: 'native',
      bypass: 'full',
      reporters: ['json'],
      quiet: true,
      selection: { grep: /^cross-wire-bypass-(method-case-pouet-lower|mid-segment-dot-dot-semi-pct2f)(-denied-key)?$/ },
    });
    expect(run.code, run.stdout).to.equal(0);
    expect(run.report?.cases.map((c) => [c.id, c.outcome])).to.deep.equal([
      ['cross-wire-bypass-method-case-pouet-lower', 'pass'],
      ['cross-wire-bypass-method-case-pouet-lower-denied-key', 'pass'],
      ['cross-wire-bypass-mid-segment-dot-dot-semi-pct2f', 'pass'],
      ['cross-wire-bypass-mid-segment-dot-dot-semi-pct2f-denied-key', 'pass'],
    ]);
  });

  it('is left out of a default run', async () => {
    const run = await runInProcess({ engine: 'native', reporters: ['json'], quiet: true, selection: { grep: /^cross-wire-bypass-(method-case-pouet-lower|method-case-get-capitalised)$/ } });
    expect(run.report?.cases.map((c) => c.id)).to.deep.equal(['cross-wire-bypass-method-case-get-capitalised']);
  });
});
