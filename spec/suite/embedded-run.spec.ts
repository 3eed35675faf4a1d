/**
 * The main job: the whole suite against the embedded reference, as the README's quick start runs
 * it (through the CLI; the run is shared with the other tests about it, support/shared-runs.ts).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRequestCase, isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import type { CliResult } from '../support/cli.js';
import { readReport } from '../support/report.js';
import { embeddedCliRun } from '../support/shared-runs.js';

/** Wire cases need a real socket: the embedded run sends them to the reference served on a loopback port. */
const WIRE_IDS: ReadonlySet<string> = new Set(CATALOGUE.filter(isWireCase).map((c) => c.id));
/** An embedded run has no transport of its own to measure: it holds the request cases, every one. */
const REQUEST_CASES = CATALOGUE.filter(isRequestCase);

describe('run against the embedded reference', function () {
  this.timeout(120_000);
  let out: string;
  let result: CliResult;

  before(async () => {
    ({ result, out } = await embeddedCliRun());
  });

  it('passes every case, the wire cases included, and exits 0', () => {
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    const report = readReport(out);
    const notPassed = report.cases.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.checks.filter((k) => !k.passed).map((k) => k.message).join('; ')}`);
    expect(notPassed).to.deep.equal([]);
    expect(report.verdict).to.equal('conformant');
    expect(report.setup.every((s) => s.ok)).to.equal(true);
    expect(report.teardown.every((s) => s.ok)).to.equal(true);
  });

  it('reports every request case of the catalogue once, with its checks, and no transport case', () => {
    const report = readReport(out);
    expect(report.cases.map((c) => c.id)).to.deep.equal(REQUEST_CASES.map((c) => c.id));
    for (const c of report.cases.filter((r) => !WIRE_IDS.has(r.id))) expect(c.checks.length, c.id).to.be.greaterThan(1);
  });

  it('judges the wire cases on a real socket to the served reference: a first run reads every case passed, none skipped', () => {
    const wire = readReport(out).cases.filter((c) => WIRE_IDS.has(c.id));
    expect(wire).to.have.length(WIRE_IDS.size);
    for (const c of wire) expect([c.outcome, c.checks.length > 0], c.id).to.deep.equal(['pass', true]);
    expect(result.stdout).to.contain(`Verdict: CONFORMANT — ${REQUEST_CASES.length} passed, 0 failed, 0 inconclusive, 0 skipped`);
  });

  it('prints a summary by form and level with the verdict', () => {
    expect(result.stdout).to.match(/X-v3io-session-key\s+\d+\/\d+/);
    expect(result.stdout).to.match(/Verdict: CONFORMANT — \d+ passed, 0 failed/);
    expect(result.stdout).to.contain(join(out, 'junit.xml'));
  });

  it('writes a JUnit file with one testcase per request case id, and none for the transport cases', () => {
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).to.have.length(REQUEST_CASES.length);
    for (const c of REQUEST_CASES) expect(xml).to.contain(`name="${c.id}: `);
    for (const c of CATALOGUE.filter((t) => t.kind === 'transport')) expect(xml).to.not.contain(`name="${c.id}: `);
    expect(xml).not.to.contain('<failure');
  });

  it('leaves no secret in the output or the reports', () => {
    const secrets = Object.values(REFERENCE_IDENTITIES).flatMap((i) => [i.accessKey, i.password, Buffer.from(`${i.username}:${i.password}`).toString('base64')]);
    const texts = [result.stdout, result.stderr, ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))];
    for (const secret of secrets) for (const text of texts) expect(text.includes(secret), `a secret leaked`).to.equal(false);
  });
});
