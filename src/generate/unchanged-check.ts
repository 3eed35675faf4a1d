/**
 * `[MUST] the rejected request changed nothing` (auth-requirements.md: "every rejection keeps
 * data intact ... checked by reading the object back with valid credentials").
 *
 * For a rejection case on an operation with an `unchanged` proof: the pre-request script has
 * arranged a known state (prerequest-script.ts); when the request was not accepted (any answer
 * but a 2xx, or none), the test script reads the state back with the fixture credentials — the
 * proof's `read` requests in order, an earlier one capturing what a later one sends — and
 * compares the last answer with the proof's `expect`. A request that was accepted is judged by
 * the case's primary check instead: its write is then no loss (it may even have been the client's
 * right, as with a SHOULD-level leniency).
 *
 * The failure message names what changed (a status, "another body", JSON member names), never a
 * value read back.
 */
import type { ConformanceCase } from '../cases/model.js';
import { FIXTURE_CREDENTIALS, type Operation } from '../cases/operations.js';
import { CHECK_NAMES } from './checks.js';
import { js } from './js.js';
import { PREPARED_VARIABLE } from './prerequest-script.js';
import { sendRequestArgument } from './request-definition.js';

/** Lines for a test script that has run `reportLines()` (for `code`, `where`, `redact`). */
export function unchangedCheckLines(testCase: ConformanceCase, operation: Operation): string[] {
  const proof = operation.unchanged;
  if (!proof || testCase.expect.outcome === 'accept') return [];
  const reads = proof.read.map((step) => {
    const argument = sendRequestArgument(
      { method: step.method, headers: [...step.headers, ...FIXTURE_CREDENTIALS], ...(step.body === undefined ? {} : { body: step.body }) },
      `pm.variables.replaceIn(${js(`{{baseUrl}}${step.path}`)})`,
    );
    return `    () => (${argument}),`;
  });
  const captures = proof.read.map((step) => step.capture ?? null);
  return [
    'if (!(code >= 200 && code <= 299)) {',
    '  const reads = [',
    ...reads,
    '  ];',
    `  const readCaptures = ${js(captures)};`,
    `  const expected = ${js(proof.expect)};`,
    `  const arranged = String(pm.variables.get(${js(PREPARED_VARIABLE)}) ?? '');`,
    '  const judge = (res) => {',
    "    const got = 'reading it back got ' + res.code;",
    "    if (expected.kind === 'status') return res.code === expected.status ? '' : got + ' instead of ' + expected.status;",
    "    if (expected.kind === 'body') return res.code !== expected.status ? got + ' instead of ' + expected.status : res.text() === expected.body ? '' : got + ' with another body';",
    "    if (!(res.code >= 200 && res.code <= 299)) return got;",
    '    let body;',
    "    try { body = JSON.parse(res.text()); } catch (e) { return got + ' with a body that is not JSON'; }",
    "    const member = (path) => path.split('.').reduce((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), body);",
    '    const changed = Object.keys(expected.members).filter((path) => JSON.stringify(member(path) ?? null) !== JSON.stringify(expected.members[path]));',
    "    return changed.length === 0 ? '' : 'reading it back found ' + changed.join(', ') + ' changed';",
    '  };',
    '  const readBack = (i) => {',
    '    const request = reads[i]();',
    '    pm.sendRequest(request, (err, res) => {',
    '      const capture = readCaptures[i];',
    '      if (capture && !err) {',
    '        let value;',
    '        try { value = res.json()[capture.member]; } catch (e) { value = undefined; }',
    "        if (typeof value === 'string') pm.variables.set(capture.variable, value);",
    '      }',
    '      if (!err && i + 1 < reads.length) {',
    '        readBack(i + 1);',
    '        return;',
    '      }',
    `      pm.test(${js(CHECK_NAMES.unchanged)}, () => {`,
    "        const found = err ? 'reading it back failed (' + (err.code || err.message) + ')' : judge(res);",
    `        if (found) throw new Error(redact(${js(`Expected ${proof.what} unchanged after the rejected `)} + where + ', but ' + found + ' (arranged before: ' + (arranged || 'nothing sent') + ')'));`,
    '      });',
    '    });',
    '  };',
    '  readBack(0);',
    '}',
  ];
}
