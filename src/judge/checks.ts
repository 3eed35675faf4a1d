/**
 * The check definitions, and `CHECKS`, the one list of them in the order a case's checks are listed
 * (auth-requirements.md, "Outcome classes"):
 * - `server-answers` (MUST): a request through an HTTP client got a response at all;
 * - `accepted` (the case's level): an accept case got one of its operation's success statuses,
 *   and not an error body; `rejected` (the case's level): a rejection case got a 4xx (a raw-socket
 *   case: or a dropped connection, or a 2xx after an RFC-sanctioned repair);
 * - `robustness` (MUST, raw socket only): no 5xx, no hang, no garbage, still answering after a drop;
 * - `success-body` (SHOULD): what an official SDK reads of the body is there;
 * - `unchanged` (MUST): a rejected write changed nothing (before- vs after-snapshot);
 * - `exact-status` (SHOULD; MUST where an RFC names the status), `challenge` (MUST), `basic-realm` (SHOULD), `error-body` (SHOULD);
 * - `no-echo` (MUST): the response echoes no credential;
 * - `same-response` (SHOULD): the second request of `sameResponseAs` got the same response;
 * - `shared-cache` (SHOULD): a protected 2xx to GET or HEAD invites no shared cache to reuse it (shared-cache.ts).
 * Messages say `Expected <what>, got <what came> for <METHOD> <path>`, never a header value or a body.
 */
import { OUTCOME_STATUSES, type Level, type RequestCase } from '../cases/model.js';
import type { SchemaId } from '../cases/operations.js';
import { validateResponseBody } from '../schemas/validate.js';
import { describeAnswer, isDropped, notSentCode, SLOW_TARGET_CODE } from './answers.js';
import { letInEvidence, letInEvidenceScriptLines } from './evidence.js';
import { responseOf, type RecordedResponse } from './exchange.js';
import { is2xx, is4xx } from '../results/status.js';
import type { CasePlan } from './plan.js';
import type { CheckDefinition, Evaluation, JudgeInput } from './check-definition.js';
import { waitReasonOf } from './asked-to-wait.js';
import { echoedCredentials } from './echo.js';
import { caseMethod } from '../cases/case-request.js';
import { answered, isHead, isWire, notStatus, on4xx, onAcceptance, onAnswer, onCase, onRefusal, onRejection, onStatus, onSuccessStatus, onWire, responded, unanswered, when, withBody, withDisclosure, withErrorSchema, withReadBack, withSecondRequest, withSuccessBody } from './guards.js';
import { responseDifferences, type ComparedResponse } from './same-response.js';
import { sharedReuseInvitations } from './shared-cache.js';
import { js } from './script-literal.js';
import { snapshotDifference, snapshotOf } from './snapshot.js';
import { describeStep, firstUndone } from './steps.js';
import { BASIC_REALM, expectedGot, MIN_ECHO_LENGTH, PER_REQUEST_HEADERS, schemaWhat, statusList } from './wording.js';

const pass = (expected: string, actual: string): Evaluation => ({ passed: true, expected, actual });
const failure = (expected: string, actual: string, where: string): Evaluation => ({ passed: false, expected, actual, message: expectedGot(expected, actual, where) });
const judged = (passed: boolean, expected: string, actual: string, where: string): Evaluation => (passed ? pass(expected, actual) : failure(expected, actual, where));

/** A wire case whose bytes an RFC lets the recipient repair into a valid request: a 2xx is conformant too. */
const repairAccepted = (testCase: RequestCase): boolean => testCase.kind === 'wire' && testCase.wire.repairAccepted === true;
/** A wire case whose rejection status an RFC requires: the exact status is judged at MUST. */
const statusRequired = (testCase: RequestCase): boolean => testCase.kind === 'wire' && testCase.wire.statusRequired === true;
/** A wire case whose bytes carry a valid credential in some reading: a dropped connection is then no preferred rejection. */
const carriesValidCredential = (testCase: RequestCase): boolean => testCase.kind === 'wire' && testCase.wire.validCredential;
const rejectionStatuses = (testCase: RequestCase): readonly number[] =>
  testCase.expect.outcome === 'accept' ? [] : (testCase.expect.statuses ?? OUTCOME_STATUSES[testCase.expect.outcome]);

/** A body's problem against a schema: `''` when valid. */
function schemaProblem(schema: SchemaId, body: Buffer): string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  const result = validateResponseBody(schema, value);
  return result.valid ? '' : result.errors.slice(0, 3).map((e) => `body${e}`).join('; ');
}

/** Whether a 2xx body is nonetheless an error of the profile's kind (a V3IO error body). */
function isErrorBody(input: JudgeInput, response: RecordedResponse): boolean {
  const schema = input.context.errorSchema;
  return schema !== undefined && !isHead(input.testCase) && response.body.length > 0 && schemaProblem(schema, response.body) === '';
}

/** A recorded response as `responseDifferences` compares it: Latin-1 text, equal exactly when the bytes are. */
function compared(response: RecordedResponse): ComparedResponse {
  return { status: response.status, statusText: response.statusText, headers: response.headers, body: response.body.toString('latin1') };
}

/** The label of the second request: its credential lines as written. */
export function secondLabel(plan: CasePlan): string {
  return plan.second?.credentials.map(([name, value]) => `${name}: ${value}`).join(', ') || 'no credential';
}

// ---------------------------------------------------------------------------------------------

const serverAnswers: CheckDefinition = {
  id: 'server-answers',
  level: 'must',
  name: () => 'the server answers',
  when: when(unanswered),
  evaluate: ({ testCase, exchange, context }) => {
    // The harness's trouble, not the server's: its HTTP client would not send the bytes.
    const notSent = notSentCode(exchange.answer);
    if (notSent) return { inconclusive: `the HTTP client refused to send the request (${notSent}: a header value holds a character it cannot encode, such as a password beyond Latin-1) for ${exchange.where}` };
    if (exchange.answer.kind === 'error' && exchange.answer.code === SLOW_TARGET_CODE) {
      return { inconclusive: `no answer in time even when sent alone with a longer timeout, while the target answered another request slowly too (slow everywhere, not a hang) for ${exchange.where}` };
    }
    return failure(testCase.expect.outcome === 'accept' ? 'a 2xx response' : 'a 4xx rejection', describeAnswer(exchange.answer, context.timeoutMs), exchange.where);
  },
  postman: {
    lines: (_input, name) => [`if (!answered) pm.test(${js(name)}, () => fail(${js('a response')}));`],
  },
};

/** A 429 often comes from a rate limiter in front of the server, with a body of its own. */
const TOO_MANY_REQUESTS = 429;

const accepted: CheckDefinition = {
  id: 'accepted',
  level: 'case',
  name: (testCase) => testCase.title,
  when: when(onAcceptance, answered),
  evaluate: (input) => {
    const { testCase, operation, exchange, context } = input;
    const response = responseOf(exchange.answer);
    const statuses = isWire(testCase) ? undefined : operation.successStatuses;
    const expected = statuses ? statusList(statuses) : 'a 2xx response';
    const actual = describeAnswer(exchange.answer, context.timeoutMs);
    const letIn = response !== undefined && (statuses ? statuses.includes(response.status) : is2xx(response.status));
    const wait = letIn ? undefined : waitReasonOf(response);
    if (wait) return { inconclusive: `${wait} for ${exchange.where}` };
    if (!letIn) {
      // A preparation that was not done explains the answer as well as the server would: no verdict.
      const undone = firstUndone(exchange.preparation);
      if (undone) return { inconclusive: `could not prepare the case: ${describeStep(undone)}; the request then got ${actual} for ${exchange.where}` };
      return failure(expected, actual, exchange.where);
    }
    if (isErrorBody(input, response)) return failure(`${expected} without a V3IO error body`, `${actual} with one`, exchange.where);
    return pass(expected, actual);
  },
  postman: {
    helpers: ({ errorSchema }) => (errorSchema ? ['schema', 'steps', 'wait'] : ['steps', 'wait']),
    lines: ({ testCase, operation, errorSchema }, name) => {
      if (operation.successStatuses.length === 0) throw new Error(`case ${testCase.id}: expects accept, but operation ${operation.id} has no success status`);
      const expected = statusList(operation.successStatuses);
      const errorBody = errorSchema && !isHead(testCase) ? `pm.response.text().length > 0 && schemaProblem(${js(errorSchema)}) === ''` : undefined;
      return [
        'if (answered) {',
        '  const unprepared = prepared.find((s) => !s.done);',
        `  const wait = ${js(operation.successStatuses)}.includes(code) ? '' : waitReason([]);`,
        '  if (wait) {',
        '    console.info(wait);',
        `    pm.test.skip(${js(name)}, () => {});`,
        `  } else if (!${js(operation.successStatuses)}.includes(code) && unprepared) {`,
        "    console.info('could not prepare the case: ' + describeStep(unprepared));",
        `    pm.test.skip(${js(name)}, () => {});`,
        '  } else {',
        `    pm.test(${js(name)}, () => {`,
        `      if (!${js(operation.successStatuses)}.includes(code)) fail(${js(expected)});`,
        ...(errorBody ? [`      if (${errorBody}) throw new Error(redact(${js(`Expected ${expected} without a V3IO error body, got `)} + code + ' with one for ' + where));`] : []),
        '    });',
        '  }',
        '}',
      ];
    },
  },
};

/** The level a let-in without evidence is judged at: SHOULD, or the case's own when lower. */
const withoutEvidenceLevel = (testCase: RequestCase): Level => (testCase.level === 'must' ? 'should' : testCase.level);

const rejected: CheckDefinition = {
  id: 'rejected',
  level: 'case',
  name: (testCase) => testCase.title,
  when: when(onRejection, answered),
  evaluate: (input) => {
    const { testCase, exchange, context } = input;
    const answer = exchange.answer;
    const repairable = repairAccepted(testCase);
    const response = responseOf(answer);
    const passed =
      (isWire(testCase) && isDropped(answer)) || (response !== undefined && (is4xx(response.status) || listedRefusal(testCase, response.status) || (repairable && is2xx(response.status))));
    const expected = repairable ? 'a 4xx rejection, or a 2xx after repairing the bytes' : 'a 4xx rejection';
    const actual = describeAnswer(answer, context.timeoutMs);
    // A 503 with Retry-After after the runner's waits: the server is not answering on credentials yet.
    const wait = passed ? undefined : waitReasonOf(response);
    if (wait) return { inconclusive: `${wait} for ${exchange.where}` };
    // A request that does not name the resource canonically was let in only if it reached it.
    if (!passed && response !== undefined && is2xx(response.status) && testCase.expect.letInOnEvidence) {
      const evidence = letInEvidence(input, isHead(testCase));
      if (evidence.kind === 'unknown') return { inconclusive: `${evidence.why}, for ${exchange.where}` };
      if (evidence.kind === 'reached') return failure(expected, `${actual} ${evidence.shown}`, exchange.where);
      const seen = `${actual} with ${evidence.showed}, nothing of what the request must not reach (the server read it as another resource)`;
      return { ...failure(expected, seen, exchange.where), level: withoutEvidenceLevel(testCase) };
    }
    return judged(passed, expected, actual, exchange.where);
  },
  postman: {
    helpers: ({ testCase, plan }) => (testCase.expect.letInOnEvidence && plan.proof ? ['wait', 'steps', 'snapshot'] : ['wait']),
    lines: ({ testCase, operation, plan }, name) => {
      const refusals = (testCase.expect.statuses ?? []).filter((status) => status >= 500);
      const listed = refusals.length > 0 ? ` || ${js(refusals)}.includes(code)` : '';
      const rejected = `code >= 400 && code <= 499${listed}`;
      // Not rejected, and asked to wait (a 503 with Retry-After; a 429 is a 4xx): not judged, as in Node.
      const rejection = `if (answered && !(${rejected}) && waitReason([])) { console.info(waitReason([])); pm.test.skip(${js(name)}, () => {}); } else if (answered) pm.test(${js(name)}, () => { if (!(${rejected})) fail('a 4xx rejection'); });`;
      if (!testCase.expect.letInOnEvidence) return [rejection];
      const lowered = js(`[${withoutEvidenceLevel(testCase).toUpperCase()}] ${testCase.title}`);
      return [
        ...letInEvidenceScriptLines(testCase, operation, isHead(testCase), plan.proof?.what),
        'const evidence = answered && code >= 200 && code <= 299 ? letInEvidence() : undefined;',
        "if (evidence && evidence.kind === 'unknown') {",
        "  console.info(evidence.why + ', for ' + where);",
        `  pm.test.skip(${js(name)}, () => {});`,
        "} else if (evidence && evidence.kind === 'elsewhere') {",
        `  pm.test(${lowered}, () => { throw new Error(redact('Expected a 4xx rejection, got ' + code + ' with ' + evidence.showed + ', nothing of what the request must not reach (the server read it as another resource) for ' + where)); });`,
        "} else if (evidence && evidence.kind === 'reached') {",
        `  pm.test(${js(name)}, () => { throw new Error(redact('Expected a 4xx rejection, got ' + code + ' ' + evidence.shown + ' for ' + where)); });`,
        '} else {',
        `  ${rejection}`,
        '}',
      ];
    },
  },
};

/**
 * A 5xx the case lists among its statuses: 501 for a method the server does not implement (RFC 9110
 * §15.6.2), 505 for an HTTP version it does not support (§15.6.6) are refusals, not failures.
 */
function listedRefusal(testCase: { readonly expect: { readonly statuses?: readonly number[] } }, status: number): boolean {
  return status >= 500 && (testCase.expect.statuses?.includes(status) ?? false);
}

/** Named for the wire judge's tests and reports. */
export const ROBUSTNESS_CHECK = 'the server neither answers 5xx nor hangs nor stops answering';

const robustness: CheckDefinition = {
  id: 'robustness',
  level: 'must',
  name: () => ROBUSTNESS_CHECK,
  when: when(onWire, answered),
  evaluate: ({ testCase, exchange, context }) => {
    const answer = exchange.answer;
    const got = describeAnswer(answer, context.timeoutMs);
    switch (answer.kind) {
      case 'response':
        return judged(answer.response.status < 500 || listedRefusal(testCase, answer.response.status), 'no 5xx', got, exchange.where);
      case 'closed':
      case 'reset': {
        // A server may drop a connection on a framing error; one that then answers nothing has crashed.
        const probe = exchange.probe;
        if (!probe || probe.alive) return pass('the server to go on answering after it dropped the connection', got);
        return failure('the server to go on answering after it dropped the connection', probe.what, `a well-formed request after ${exchange.where}`);
      }
      case 'malformed':
        return failure('an HTTP response', got, exchange.where);
      case 'timeout':
        return failure('a response or a closed connection', got, exchange.where);
      default:
        return failure('a connection', got, exchange.where);
    }
  },
};

const successBody: CheckDefinition = {
  id: 'success-body',
  level: 'should',
  name: () => "answers with the operation's normal response",
  sources: (operation) => (operation.success.kind === 'status-only' ? undefined : operation.success.sources),
  when: when(onAcceptance, withSuccessBody, withBody, onSuccessStatus),
  evaluate: ({ operation, exchange, context }) => {
    const response = responseOf(exchange.answer)!;
    const success = operation.success;
    const status = String(response.status);
    const text = response.body.toString('utf8');
    switch (success.kind) {
      case 'xml-elements': {
        const missing = success.elements.filter((element) => !new RegExp(`<${element}[\\s/>]`).test(text));
        const expected = `an XML body with ${success.elements.map((e) => `<${e}>`).join(', ')}`;
        return judged(missing.length === 0, `${expected}${missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''}`, status, exchange.where);
      }
      case 'body-equals':
        return judged(text === context.resolve(success.template), `the body ${success.template}`, status, exchange.where);
      case 'json-schema': {
        const problem = schemaProblem(success.schema, response.body);
        return judged(problem === '', `${schemaWhat(success.schema)}${problem ? ` (${problem})` : ''}`, status, exchange.where);
      }
      default:
        return pass('any body', status);
    }
  },
  postman: {
    helpers: ({ operation }) => (operation.success.kind === 'json-schema' ? ['schema'] : []),
    lines: ({ operation }, name) => {
      const success = operation.success;
      const guard = `answered && ${js(operation.successStatuses)}.includes(code)`;
      switch (success.kind) {
        case 'xml-elements':
          return [
            `if (${guard}) pm.test(${js(name)}, () => {`,
            `  const missing = ${js(success.elements)}.filter((e) => !new RegExp('<' + e + '[\\\\s/>]').test(pm.response.text()));`,
            `  if (missing.length > 0) fail(${js(`an XML body with ${success.elements.map((e) => `<${e}>`).join(', ')}`)} + ' (missing: ' + missing.join(', ') + ')');`,
            '});',
          ];
        case 'body-equals':
          return [`if (${guard}) pm.test(${js(name)}, () => { if (pm.response.text() !== pm.variables.replaceIn(${js(success.template)})) fail(${js(`the body ${success.template}`)}); });`];
        case 'json-schema':
          return [`if (${guard}) pm.test(${js(name)}, () => checkSchema(${js(success.schema)}, ${js(schemaWhat(success.schema))}));`];
        default:
          return [];
      }
    },
  },
};

const unchanged: CheckDefinition = {
  id: 'unchanged',
  level: 'must',
  name: () => 'the rejected request changed nothing',
  when: when(withReadBack, onRefusal),
  evaluate: ({ plan, exchange }) => {
    const proof = plan.proof!;
    const arranging = firstUndone(exchange.preparation);
    if (arranging) return { inconclusive: `could not arrange ${proof.what}: ${describeStep(arranging)}` };
    const beforeUndone = firstUndone(exchange.before);
    if (beforeUndone) return { inconclusive: `could not read ${proof.what} before the request: ${describeStep(beforeUndone)}` };
    const afterUndone = firstUndone(exchange.after);
    if (afterUndone) return { inconclusive: `could not read ${proof.what} back after the request: ${describeStep(afterUndone)}` };
    const before = responseOf(exchange.before.at(-1)?.answer);
    const after = responseOf(exchange.after.at(-1)?.answer);
    if (!before || !after) return { inconclusive: `could not read ${proof.what} back` };
    const difference = snapshotDifference(snapshotOf(before), snapshotOf(after), proof.compare);
    if (difference === undefined) return { inconclusive: `could not compare ${proof.what} before and after the request: a read-back body is not JSON` };
    const expected = `${proof.what} unchanged`;
    if (difference === '') return pass(expected, 'the same read-back before and after');
    return {
      passed: false,
      expected,
      actual: `changed: ${difference}`,
      message: `Expected ${proof.what} unchanged after the rejected ${exchange.where}, but reading it back before and after differs in ${difference}`,
    };
  },
  postman: {
    helpers: () => ['steps', 'snapshot'],
    lines: ({ plan }, name) => {
      const what = plan.proof!.what;
      return [
        'if (answered && !(code >= 200 && code <= 299)) {',
        '  const undone = (steps) => steps.find((s) => !s.done);',
        '  const last = (steps) => steps[steps.length - 1];',
        `  const why = undone(prepared) ? ${js(`could not arrange ${what}: `)} + describeStep(undone(prepared))`,
        `    : undone(before) ? ${js(`could not read ${what} before the request: `)} + describeStep(undone(before))`,
        `    : undone(after) ? ${js(`could not read ${what} back after the request: `)} + describeStep(undone(after))`,
        "    : snapshotDifference(snapshotOf(last(before)), snapshotOf(last(after)), comparison) === undefined ? 'a read-back body is not JSON' : '';",
        '  if (why) {',
        '    console.info(why);',
        `    pm.test.skip(${js(name)}, () => {});`,
        '  } else {',
        `    pm.test(${js(name)}, () => {`,
        '      const difference = snapshotDifference(snapshotOf(last(before)), snapshotOf(last(after)), comparison);',
        `      if (difference) throw new Error(redact(${js(`Expected ${what} unchanged after the rejected `)} + where + ', but reading it back before and after differs in ' + difference));`,
        '    });',
        '  }',
        '}',
      ];
    },
  },
};

const exactStatus: CheckDefinition = {
  id: 'exact-status',
  level: 'should',
  name: (testCase) => `answers ${statusList(rejectionStatuses(testCase))}`,
  when: when(
    onRejection,
    onAnswer(({ testCase, exchange }) => {
      const response = responseOf(exchange.answer);
      if (response) return !(repairAccepted(testCase) && is2xx(response.status));
      // Without a valid credential in the bytes, dropping the connection is as good an answer as a status.
      return isDropped(exchange.answer) && carriesValidCredential(testCase);
    }),
  ),
  evaluate: ({ testCase, exchange, context }) => {
    const statuses = rejectionStatuses(testCase);
    const response = responseOf(exchange.answer);
    const wait = waitReasonOf(response, statuses);
    if (wait) return { inconclusive: `${wait} for ${exchange.where}` };
    const evaluation = judged(response !== undefined && statuses.includes(response.status), statusList(statuses), describeAnswer(exchange.answer, context.timeoutMs), exchange.where);
    // The status an RFC requires of the server (wire cases' `statusRequired`) is a MUST.
    return statusRequired(testCase) ? { ...evaluation, level: 'must' } : evaluation;
  },
  postman: {
    helpers: () => ['wait'],
    lines: ({ testCase }, name) => {
      const statuses = rejectionStatuses(testCase);
      return [
        `if (answered && waitReason(${js(statuses)})) pm.test.skip(${js(name)}, () => {});`,
        `else if (answered) pm.test(${js(name)}, () => { if (!${js(statuses)}.includes(code)) fail(${js(statusList(statuses))}); });`,
      ];
    },
  },
};

function challenges(response: RecordedResponse): string[] {
  return response.headers.filter(([name]) => name.toLowerCase() === 'www-authenticate').map(([, value]) => value);
}
const CHALLENGES_JS = "pm.response.headers.all().filter((h) => String(h.key).toLowerCase() === 'www-authenticate').map((h) => String(h.value))";

const challenge: CheckDefinition = {
  id: 'challenge',
  level: 'must',
  name: () => 'the 401 carries a WWW-Authenticate challenge',
  when: when(onRejection, onStatus(401)),
  evaluate: ({ exchange }) => judged(challenges(responseOf(exchange.answer)!).some((v) => v.trim() !== ''), 'a WWW-Authenticate challenge', '401', exchange.where),
  postman: {
    lines: (_input, name) => [`if (code === 401) pm.test(${js(name)}, () => { if (!${CHALLENGES_JS}.some((v) => v.trim() !== '')) fail('a WWW-Authenticate challenge'); });`],
  },
};

const basicRealm: CheckDefinition = {
  id: 'basic-realm',
  level: 'should',
  name: () => 'the challenge offers Basic with a quoted realm',
  when: when(onRejection, onStatus(401)),
  evaluate: ({ exchange }) => judged(challenges(responseOf(exchange.answer)!).some((v) => BASIC_REALM.test(v)), 'a challenge Basic realm="..."', '401', exchange.where),
  postman: {
    lines: (_input, name) => [`if (code === 401) pm.test(${js(name)}, () => { if (!${CHALLENGES_JS}.some((v) => ${BASIC_REALM.toString()}.test(v))) fail('a challenge Basic realm="..."'); });`],
  },
};

const errorBody: CheckDefinition = {
  id: 'error-body',
  level: 'should',
  name: () => 'the error body is a V3IO error',
  // A profile without an error schema judges no error body; a 429 often comes from a rate limiter
  // in front of the server, with a body of its own.
  when: when(onRejection, withErrorSchema, withBody, on4xx, notStatus(TOO_MANY_REQUESTS)),
  evaluate: ({ exchange, context }) => {
    const response = responseOf(exchange.answer)!;
    const schema = context.errorSchema!;
    const problem = schemaProblem(schema, response.body);
    return judged(problem === '', `${schemaWhat(schema)}${problem ? ` (${problem})` : ''}`, String(response.status), exchange.where);
  },
  postman: {
    helpers: () => ['schema'],
    lines: ({ errorSchema }, name) => [`if (code >= 400 && code <= 499 && code !== ${TOO_MANY_REQUESTS}) pm.test(${js(name)}, () => checkSchema(${js(errorSchema!)}, ${js(schemaWhat(errorSchema!))}));`],
  },
};

const noDisclosure: CheckDefinition = {
  id: 'no-disclosure',
  level: 'must',
  name: () => 'the refusal discloses nothing it refused',
  // Only an answer that refuses: a request let in (2xx) is judged by 'rejected' at the case's level
  // (a SHOULD leniency around a valid credential legitimately returns the content).
  when: when(onRejection, withDisclosure, withBody, onRefusal),
  evaluate: ({ operation, exchange, context }) => {
    const response = responseOf(exchange.answer)!;
    const { what, template } = operation.disclosed!;
    const text = context.resolve(template);
    const disclosed = response.body.toString('utf8').includes(text) || response.body.toString('latin1').includes(text);
    return judged(!disclosed, `a response without ${what}`, `${response.status}${disclosed ? ` with ${what} in its body` : ''}`, exchange.where);
  },
  postman: {
    lines: ({ operation }, name) => [
      `if (answered && !(code >= 200 && code <= 299)) pm.test(${js(name)}, () => { if (pm.response.text().includes(pm.variables.replaceIn(${js(operation.disclosed!.template)}))) fail(${js(`a response without ${operation.disclosed!.what}`)}); });`,
    ],
  },
};

/** The check's name, for the collection-level script (echo-check.ts) that renders it for every request. */
export const NO_ECHO_NAME = 'the response echoes no credential';

const noEcho: CheckDefinition = {
  id: 'no-echo',
  level: 'must',
  name: () => NO_ECHO_NAME,
  when: when(responded),
  evaluate: ({ exchange }) => {
    const response = responseOf(exchange.answer)!;
    // Latin-1: a byte-for-byte echo of the request is found whatever its encoding.
    const places: [string, string][] = [
      ['the status text', response.statusText],
      ...response.headers.map(([name, value]): [string, string] => [`header ${name}`, `${name}: ${value}`]),
      ['the body', response.body.toString('latin1')],
      ['the body', response.body.toString('utf8')],
    ];
    const echoed = echoedCredentials(exchange.secrets, places, MIN_ECHO_LENGTH);
    return judged(echoed.length === 0, `no credential in the response${echoed.length > 0 ? ` (echoed: ${echoed.join('; ')})` : ''}`, String(response.status), exchange.where);
  },
  // Rendered once for the whole collection (postman.ts `echoCheckLines`), from the functions of echo.ts.
};

const sameResponse: CheckDefinition = {
  id: 'same-response',
  level: 'should',
  name: (_testCase, plan) => `answers exactly as for ${secondLabel(plan)}`,
  when: when(withSecondRequest, responded),
  evaluate: ({ testCase, plan, exchange }) => {
    const expected = `the same response as for ${secondLabel(plan)}`;
    const mine = responseOf(exchange.answer)!;
    const second = exchange.second;
    // Either answer asked to wait (a 429, a 503 with Retry-After): it says nothing of the credential, and no difference is the server's.
    const statuses = rejectionStatuses(testCase);
    const wait = waitReasonOf(mine, statuses) ?? (second?.kind === 'response' ? waitReasonOf(second.response, statuses) : undefined);
    if (wait) return { inconclusive: `${wait} for ${exchange.where} or the second request, with ${secondLabel(plan)}` };
    if (second?.kind !== 'response') {
      const why = second === undefined ? 'not sent' : 'code' in second ? second.code : second.kind;
      return failure(`${expected} (the second request failed: ${why})`, String(mine.status), exchange.where);
    }
    const differences = responseDifferences(compared(mine), compared(second.response), PER_REQUEST_HEADERS);
    return judged(differences.length === 0, `${expected}${differences.length > 0 ? ` (it differs in ${differences.join('; ')})` : ''}`, String(mine.status), exchange.where);
  },
  postman: {
    helpers: () => ['compare', 'wait'],
    lines: ({ testCase, plan }, name) => {
      const what = js(`the same response as for ${secondLabel(plan)}`);
      const statuses = js(rejectionStatuses(testCase));
      return [
        `const sameWait = !answered ? '' : waitReason(${statuses}) || (second.res ? askedToWait(second.res.code, second.res.headers.all().some((h) => String(h.key).toLowerCase() === 'retry-after'), ${statuses}) : '');`,
        'if (sameWait) { console.info(sameWait); pm.test.skip(' + js(name) + ', () => {}); }',
        'else if (answered) pm.test(' + js(name) + ', () => {',
        `  if (second.err) fail(${what} + ' (the second request failed: ' + (second.err.code || second.err.message) + ')');`,
        "  const compared = (r) => ({ status: r.code, statusText: r.status, headers: r.headers.all().map((h) => [String(h.key), h.value]), body: r.text() });",
        `  const differences = responseDifferences(compared(pm.response), compared(second.res), ${js(PER_REQUEST_HEADERS)});`,
        `  if (differences.length > 0) fail(${what} + ' (it differs in ' + differences.join('; ') + ')');`,
        '});',
      ];
    },
  },
};

/** Headers whose value is the request's credential: a shared cache keys its entries without them. */
const CREDENTIAL_HEADERS = ['authorization', 'x-v3io-session-key'];
/** The lower-case names of the credential headers an HTTP case sends; none for a wire case. */
const credentialHeadersOf = (testCase: RequestCase): string[] =>
  testCase.kind === 'http' ? [...new Set(testCase.request.headers.map(([name]) => name.toLowerCase()).filter((name) => CREDENTIAL_HEADERS.includes(name)))] : [];
/** What the check wants, by whether §3.5 applies (an `Authorization` header) or explicit freshness is what invites reuse. */
const privateWanted = (credentialHeaders: readonly string[]): string =>
  `a protected response no shared cache may hand to others (Cache-Control private or no-store, or none of ${credentialHeaders.includes('authorization') ? 'public, s-maxage, must-revalidate' : 'public, s-maxage, max-age above 0'})`;

const sharedCache: CheckDefinition = {
  id: 'shared-cache',
  level: 'should',
  name: () => 'the protected response is not offered to shared caches',
  // GET and HEAD: a cache answers only those from what it stored (a POST's response only for a GET of
  // its Content-Location, RFC 9110 §9.3.3); a 2xx: the request was let in.
  when: when(
    onAcceptance,
    onCase(({ testCase }) => ['GET', 'HEAD'].includes(caseMethod(testCase).toUpperCase()) && credentialHeadersOf(testCase).length > 0),
    onAnswer(({ exchange }) => {
      const response = responseOf(exchange.answer);
      return response !== undefined && is2xx(response.status);
    }),
  ),
  evaluate: ({ testCase, exchange }) => {
    const response = responseOf(exchange.answer)!;
    const credentials = credentialHeadersOf(testCase);
    const invited = sharedReuseInvitations(credentials, response.headers);
    return judged(invited.length === 0, `${privateWanted(credentials)}${invited.length > 0 ? ` (invited by: ${invited.join(', ')})` : ''}`, String(response.status), exchange.where);
  },
  postman: {
    helpers: () => ['shared-cache'],
    lines: ({ testCase }, name) => {
      const credentials = credentialHeadersOf(testCase);
      return [
        `if (answered && code >= 200 && code <= 299) pm.test(${js(name)}, () => {`,
        `  const invited = sharedReuseInvitations(${js(credentials)}, pm.response.headers.all().map((h) => [String(h.key), h.value]));`,
        `  if (invited.length > 0) fail(${js(privateWanted(credentials))} + ' (invited by: ' + invited.join(', ') + ')');`,
        '});',
      ];
    },
  },
};

/** Every check, in the order a case's checks are listed (reports and the collection's tests keep it). */
export const CHECKS: readonly CheckDefinition[] = [
  serverAnswers,
  accepted,
  rejected,
  robustness,
  successBody,
  unchanged,
  exactStatus,
  challenge,
  basicRealm,
  errorBody,
  noDisclosure,
  noEcho,
  sameResponse,
  sharedCache,
];

// Where the run's engines have always found it.
export { echoSecrets } from './echo.js';
