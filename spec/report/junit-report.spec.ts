/**
 * junit.xml against the JUnit schema Jenkins reads (spec/fixtures/junit-jenkins.xsd, the
 * constraints of the xunit plugin's junit-10.xsd), validated by libxml2 (xmllint-wasm).
 * @see https://github.com/jenkinsci/xunit-plugin (junit-10.xsd)
 */
import { expect } from 'chai';
import { FORM_TITLES } from '../../src/cases/model.js';
import { renderJunit } from '../../src/report/junit-report.js';
import { junitSchemaErrors as schemaErrors } from '../support/junit-schema.js';
import { ALL_SAMPLE_CASES, ERRORED, HOSTILE, INCONCLUSIVE, MUST_FAILURE, PASSED, SHOULD_FAILURE, SKIPPED, sampleReport } from '../support/sample-report.js';

/** The <testcase> element of a case id. */
function testcaseOf(xml: string, id: string): string {
  const match = new RegExp(`<testcase [^>]*name="${id}: [^"]*"[^>]*>(?:[\\s\\S]*?</testcase>)?`).exec(xml);
  if (!match) throw new Error(`no testcase for ${id}`);
  return match[0];
}

describe('JUnit report', () => {
  it('is valid under the Jenkins JUnit schema, hostile text included', async () => {
    for (const strict of [false, true]) {
      const xml = renderJunit(sampleReport(ALL_SAMPLE_CASES, { strict }));
      expect(await schemaErrors(xml)).to.deep.equal([]);
      expect(xml).not.to.contain('<script>');
      expect(xml).not.to.contain('\u0007');
    }
  });

  it('the schema check catches what Jenkins would reject', async () => {
    const xml = renderJunit(sampleReport([PASSED])).replace('<testsuites ', '<testsuites skipped="0" ');
    expect(await schemaErrors(xml)).to.have.length.greaterThan(0);
  });

  it("gives each testcase the case's time in seconds and each suite the sum of its cases'", async () => {
    const timed = [{ ...PASSED, durationMs: 250 }, { ...SKIPPED }];
    const xml = renderJunit(sampleReport(timed));
    expect(testcaseOf(xml, PASSED.id)).to.contain('time="0.250"');
    expect(testcaseOf(xml, SKIPPED.id)).to.contain('time="0.000"');
    const suiteOf = (form: string): string => new RegExp(`<testsuite name="${form}"[^>]*>`).exec(xml)?.[0] ?? '';
    const forms = new Set(timed.map((c) => c.form));
    const total = [...forms].map((form) => /time="([\d.]+)"/.exec(suiteOf(FORM_TITLES[form]))?.[1]).map(Number).reduce((a, b) => a + b, 0);
    expect(total).to.be.closeTo(0.25, 1e-9);
    expect(await schemaErrors(xml)).to.deep.equal([]);
  });

  it('has one testcase per case id, classname = credential form, one suite per form present', () => {
    const xml = renderJunit(sampleReport(ALL_SAMPLE_CASES));
    expect(xml.match(/<testcase /g)).to.have.length(ALL_SAMPLE_CASES.length);
    for (const c of ALL_SAMPLE_CASES) expect(testcaseOf(xml, c.id)).to.contain(`classname="${c.form}"`);
    expect(xml.match(/<testsuite /g)).to.have.length(3);
    expect(xml).not.to.contain('name="AWS Signature V4 syntax"');
  });

  it('marks skipped cases <skipped/> with the reason and errors as <error>', () => {
    const xml = renderJunit(sampleReport(ALL_SAMPLE_CASES));
    expect(testcaseOf(xml, SKIPPED.id)).to.match(/<skipped message="needs utf8Username, not set in the environment"\/>/);
    expect(testcaseOf(xml, ERRORED.id)).to.match(/<error message="test script error: ReferenceError: x is not defined"/);
    expect(testcaseOf(xml, PASSED.id)).not.to.match(/<failure|<skipped|<error|<system-out/);
  });

  it('an inconclusive case is an <error> of type inconclusive with the reason, never a <failure>', async () => {
    for (const strict of [false, true]) {
      const xml = renderJunit(sampleReport([PASSED, INCONCLUSIVE], { strict }));
      const element = testcaseOf(xml, INCONCLUSIVE.id);
      expect(element).to.match(/<error message="could not judge: could not arrange the scratch object: Expected 2xx, got 400 for PUT \/bigdata\/x\/scratch\.txt &lt;script&gt;[^"]*" type="inconclusive">could not judge: /);
      expect(element).to.contain('Requirement [MUST]: An unknown key is rejected as unauthenticated.');
      expect(element).not.to.contain('<failure');
      expect(xml).to.match(/<testsuites name="v3io-auth-conformance" tests="2" failures="0" errors="1" /);
      expect(xml).to.match(/<testsuite name="Cross-cutting" tests="1" failures="0" errors="1" skipped="0"/);
      expect(await schemaErrors(xml)).to.deep.equal([]);
    }
  });

  it('a MUST failure is a <failure> whose message and text say expected vs actual', () => {
    const xml = renderJunit(sampleReport(ALL_SAMPLE_CASES));
    const element = testcaseOf(xml, MUST_FAILURE.id);
    expect(element).to.contain('<failure message="Expected a 4xx rejection, got 200 for GET /bigdata/v3io-auth-conformance/fixture.txt" type="MUST">');
    expect(element).to.contain('expected unauthenticated (401), actual 200 OK');
    expect(element).to.contain('Requirement [MUST]: An unknown key is rejected as unauthenticated.');
    expect(element).to.contain('X-v3io-session-key: 00000000-0000-4000-8000-000000000000');
  });

  it('a SHOULD failure is a <system-out> note, and a <failure> only under --strict', () => {
    const lenient = testcaseOf(renderJunit(sampleReport(ALL_SAMPLE_CASES)), SHOULD_FAILURE.id);
    expect(lenient).not.to.contain('<failure');
    expect(lenient).to.contain('<system-out>failing only a SHOULD check (not fatal without --strict)');
    expect(lenient).to.contain('expected malformed (400), actual 200 OK');
    const strict = testcaseOf(renderJunit(sampleReport(ALL_SAMPLE_CASES, { strict: true })), SHOULD_FAILURE.id);
    expect(strict).to.contain('<failure message="Expected a 4xx rejection, got 200 for GET /bigdata/x" type="SHOULD">');
  });

  it('counts build failures, errors and skips per suite and in total', () => {
    const xml = renderJunit(sampleReport(ALL_SAMPLE_CASES));
    expect(xml).to.match(/<testsuites name="v3io-auth-conformance" tests="6" failures="1" errors="2" time="1\.234">/);
    expect(xml).to.match(/<testsuite name="Cross-cutting" tests="2" failures="0" errors="2" skipped="0"/);
    expect(xml).to.match(/<testsuite name="Basic" tests="3" failures="0" errors="0" skipped="1"/);
    const strict = renderJunit(sampleReport(ALL_SAMPLE_CASES, { strict: true }));
    expect(strict).to.match(/<testsuite name="Basic" tests="3" failures="1" errors="0" skipped="1"/);
  });

  it('escapes hostile text into attributes and content', () => {
    const xml = renderJunit(sampleReport(ALL_SAMPLE_CASES));
    expect(xml).to.contain('&lt;script&gt;');
    expect(HOSTILE).to.contain('<script>');
  });
});
