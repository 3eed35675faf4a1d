/**
 * The main job: the whole suite against the embedded reference, as the README's quick start runs
 * it (through the CLI; the run is shared with the other tests about it, support/shared-runs.ts).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../src/cases/index.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { EMBEDDED_SKIP_REASON } from '../../src/wire/run-wire-cases.js';
import type { CliResult } from '../support/cli.js';
import { readReport } from '../support/report.js';
import { embeddedCliRun } from '../support/shared-runs.js';

/** Wire cases need a real socket: the embedded run reports them skipped. */
const WIRE_IDS: ReadonlySet<string> = new Set(CATALOGUE.filter((c) => c.wire).map((c) => c.id));

describe('run against the embedded reference', function () {
  this.timeout(120_000);
  let out: string;
  let result: CliResult;

  before(async () => {
    ({ result, out } = await embeddedCliRun());
  });

  it('passes every case but the wire cases, and exits 0', () => {
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    const report = readReport(out);
    const notPassed = report.cases.filter((c) => c.outcome !== 'pass' && !WIRE_IDS.has(c.id)).map((c) => `${c.id}: ${c.outcome} ${c.checks.filter((k) => !k.passed).map((k) => k.message).join('; ')}`);
    expect(notPassed).to.deep.equal([]);
    expect(report.verdict).to.equal('conformant');
    expect(report.setup.every((s) => s.ok)).to.equal(true);
    expect(report.teardown.every((s) => s.ok)).to.equal(true);
  });

  it('reports every case of the catalogue once, with its checks', () => {
    const report = readReport(out);
    expect(report.cases.map((c) => c.id)).to.deep.equal(CATALOGUE.map((c) => c.id));
    for (const c of report.cases.filter((r) => !WIRE_IDS.has(r.id))) expect(c.checks.length, c.id).to.be.greaterThan(1);
  });

  it('reports the wire cases as skipped, with the reason: nock has no socket to write raw bytes to', () => {
    const wire = readReport(out).cases.filter((c) => WIRE_IDS.has(c.id));
    expect(wire).to.have.length(WIRE_IDS.size);
    for (const c of wire) expect([c.outcome, c.reason], c.id).to.deep.equal(['skip', EMBEDDED_SKIP_REASON]);
    expect(result.stdout).to.contain(`Verdict: CONFORMANT — ${CATALOGUE.length - WIRE_IDS.size} passed, 0 failed, 0 inconclusive, ${WIRE_IDS.size} skipped`);
  });

  it('prints a summary by form and level with the verdict', () => {
    expect(result.stdout).to.match(/X-v3io-session-key\s+\d+\/\d+/);
    expect(result.stdout).to.match(/Verdict: CONFORMANT — \d+ passed, 0 failed/);
    expect(result.stdout).to.contain(join(out, 'junit.xml'));
  });

  it('writes a JUnit file with one testcase per case id', () => {
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).to.have.length(CATALOGUE.length);
    for (const c of CATALOGUE) expect(xml).to.contain(`name="${c.id}: `);
    expect(xml).not.to.contain('<failure');
  });

  it('leaves no secret in the output or the reports', () => {
    const secrets = Object.values(REFERENCE_IDENTITIES).flatMap((i) => [i.accessKey, i.password, Buffer.from(`${i.username}:${i.password}`).toString('base64')]);
    const texts = [result.stdout, result.stderr, ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))];
    for (const secret of secrets) for (const text of texts) expect(text.includes(secret), `a secret leaked`).to.equal(false);
  });
});
