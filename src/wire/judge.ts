/**
 * Judges one wire exchange against its case, with the checks and wording of the newman cases
 * (src/generate/test-script.ts): `Expected <what>, got <what came> for <METHOD> <path>`, never a
 * header value or a body. Wire exchanges can also end without a response, which is a result:
 *
 * - a 4xx, or a connection the server closed or reset, is a rejection (the primary check); a 2xx
 *   is too when an RFC lets the server repair the bytes into a valid request (`repairAccepted`);
 * - `[MUST]` the server never answers 5xx, never sends something that is not HTTP, never lets the
 *   exchange hang, and still answers a well-formed request after it dropped a connection (else it
 *   crashed);
 * - `[SHOULD]` the exact statuses on a response; a dropped connection fails it only when the bytes
 *   carried a valid credential (without one, closing is as good an answer as 400);
 * - on a response, the challenge, error-body and echo checks of every case.
 */
import { OUTCOME_STATUSES, type ConformanceCase } from '../cases/model.js';
import { BASIC_REALM, CHECK_NAMES } from '../generate/checks.js';
import { MIN_ECHO_LENGTH } from '../generate/echo-check.js';
import { statusList } from '../generate/script-report.js';
import { checkLevel, expectedStatuses, type ActualResponse, type CaseResult, type CheckResult, type SentRequest } from '../run/results.js';
import { validateResponseBody } from '../schemas/validate.js';
import type { SchemaId } from '../cases/operations.js';
import type { WireResponse } from './response-parser.js';
import type { WireOutcome } from './socket-exchange.js';

/** What a well-formed request sent after a dropped connection got: an answer, or what happened instead. */
export type LivenessProbe = { readonly alive: true } | { readonly alive: false; readonly what: string };

export interface WireJudging {
  /** `GET /bigdata/…`, secrets as placeholders: the end of every message. */
  readonly where: string;
  readonly timeoutMs: number;
  /** Credentials the request carried, by label (`the accessKey variable`), for the echo check. */
  readonly secrets: readonly (readonly [label: string, value: string])[];
  /** Makes a text from the target safe to report: secrets to placeholders, then the run's redactor. */
  readonly safe: (text: string) => string;
  readonly request: SentRequest;
  /** The schema a 4xx body should match (the profile's); absent: bodies are not judged. */
  readonly errorSchema?: SchemaId;
  /** Present when the connection ended without a response: whether the server still answers. */
  readonly probe?: LivenessProbe;
}

/** The robustness check every wire case has. */
export const ROBUSTNESS_CHECK = 'the server neither answers 5xx nor hangs nor stops answering';

/** Longest header value and body excerpt kept in a report (as for the newman cases). */
const MAX_HEADER_VALUE = 240;
const MAX_BODY_EXCERPT = 600;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** What came back, in the words of a failure message. */
export function describeOutcome(outcome: WireOutcome, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'response':
      return String(outcome.response.status);
    case 'closed':
      return 'the connection closed without a response';
    case 'reset':
      return `the connection reset (${outcome.code}) without a response`;
    case 'malformed':
      return `a malformed response (${outcome.reason})`;
    case 'timeout':
      return `no response within ${timeoutMs} ms${outcome.receivedBytes > 0 ? ` (${outcome.receivedBytes} bytes of one)` : ''}`;
    case 'connect-failed':
      return `no connection (${outcome.code})`;
  }
}

/** The report's `actual.error` for an exchange without a response. */
function actualError(outcome: Exclude<WireOutcome, { kind: 'response' }>, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'closed':
      return 'closed by the server before a response';
    case 'reset':
      return outcome.code;
    case 'malformed':
      return `malformed response: ${outcome.reason}`;
    case 'timeout':
      return `no response within ${timeoutMs} ms`;
    case 'connect-failed':
      return outcome.code;
  }
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}… (${chars.length} characters)`;
}

function check(name: string, passed: boolean, message: () => string): CheckResult {
  const { level, text } = checkLevel(name);
  return { name: text, level, passed, ...(passed ? {} : { message: message() }) };
}

const is2xx = (status: number): boolean => status >= 200 && status <= 299;
const is4xx = (status: number): boolean => status >= 400 && status <= 499;

function primaryCheck(testCase: ConformanceCase, outcome: WireOutcome, context: WireJudging): CheckResult {
  const level = `[${testCase.level.toUpperCase()}] `;
  const got = (): string => `got ${describeOutcome(outcome, context.timeoutMs)} for ${context.where}`;
  if (testCase.expect.outcome === 'accept') {
    const passed = outcome.kind === 'response' && is2xx(outcome.response.status);
    return check(level + testCase.title, passed, () => `Expected a 2xx response, ${got()}`);
  }
  const repairable = testCase.wire?.repairAccepted === true;
  const dropped = outcome.kind === 'closed' || outcome.kind === 'reset';
  const passed = dropped || (outcome.kind === 'response' && (is4xx(outcome.response.status) || (repairable && is2xx(outcome.response.status))));
  const what = repairable ? 'a 4xx rejection, or a 2xx after repairing the bytes' : 'a 4xx rejection';
  return check(level + testCase.title, passed, () => `Expected ${what}, ${got()}`);
}

function robustnessCheck(outcome: WireOutcome, context: WireJudging): CheckResult {
  const name = `[MUST] ${ROBUSTNESS_CHECK}`;
  const where = `for ${context.where}`;
  switch (outcome.kind) {
    case 'response':
      return check(name, outcome.response.status < 500, () => `Expected no 5xx, got ${outcome.response.status} ${where}`);
    case 'closed':
    case 'reset': {
      // A server may drop a connection on a framing error; one that then answers nothing has crashed.
      const probe = context.probe;
      const afterwards = probe && !probe.alive ? probe.what : undefined;
      return check(name, afterwards === undefined, () =>
        `Expected the server to go on answering after it dropped the connection, got ${afterwards ?? ''} for a well-formed request after ${context.where}`,
      );
    }
    case 'malformed':
      return check(name, false, () => `Expected an HTTP response, got ${describeOutcome(outcome, context.timeoutMs)} ${where}`);
    case 'timeout':
      return check(name, false, () => `Expected a response or a closed connection, got ${describeOutcome(outcome, context.timeoutMs)} ${where}`);
    case 'connect-failed':
      return check(name, false, () => `Expected a connection, got ${describeOutcome(outcome, context.timeoutMs)} ${where}`);
  }
}

function exactStatusCheck(testCase: ConformanceCase, outcome: WireOutcome, context: WireJudging): CheckResult[] {
  if (testCase.expect.outcome === 'accept') return [];
  const statuses = testCase.expect.statuses ?? OUTCOME_STATUSES[testCase.expect.outcome];
  const name = CHECK_NAMES.exactStatus(statusList(statuses));
  if (outcome.kind === 'response') {
    if (testCase.wire?.repairAccepted && is2xx(outcome.response.status)) return [];
    const status = outcome.response.status;
    return [check(name, statuses.includes(status), () => `Expected ${statusList(statuses)}, got ${status} for ${context.where}`)];
  }
  // Without a valid credential in the bytes, dropping the connection is as good an answer as a status.
  if ((outcome.kind === 'closed' || outcome.kind === 'reset') && testCase.wire?.validCredential) {
    return [check(name, false, () => `Expected ${statusList(statuses)}, got ${describeOutcome(outcome, context.timeoutMs)} for ${context.where}`)];
  }
  return [];
}

function headerValues(response: WireResponse, name: string): string[] {
  return response.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

function errorBodyCheck(response: WireResponse, schema: SchemaId, where: string): CheckResult {
  let body: unknown;
  let problem: string | undefined;
  try {
    body = JSON.parse(response.body.toString('utf8'));
    const result = validateResponseBody(schema, body);
    if (!result.valid) problem = result.errors.slice(0, 3).map((e) => `body${e}`).join('; ');
  } catch {
    problem = 'the body is not JSON';
  }
  const what = schema === 'v3io-error' ? 'a V3IO error body {"ErrorCode": integer, "ErrorMessage": string}' : `a body valid against the ${schema} schema`;
  return check(CHECK_NAMES.errorBody, problem === undefined, () => `Expected ${what} (${problem ?? ''}), got ${response.status} for ${where}`);
}

function responseChecks(testCase: ConformanceCase, response: WireResponse, context: WireJudging): CheckResult[] {
  const checks: CheckResult[] = [];
  if (response.status === 401) {
    const challenges = headerValues(response, 'www-authenticate');
    checks.push(check(CHECK_NAMES.challenge, challenges.some((v) => v.trim() !== ''), () => `Expected a WWW-Authenticate challenge, got 401 for ${context.where}`));
    checks.push(check(CHECK_NAMES.basicRealm, challenges.some((v) => BASIC_REALM.test(v)), () => `Expected a challenge Basic realm="...", got 401 for ${context.where}`));
  }
  // A response to HEAD has no body (RFC 9110 §9.3.2); a profile without an error schema judges none.
  if (context.errorSchema && is4xx(response.status) && testCase.request.method.toUpperCase() !== 'HEAD') {
    checks.push(errorBodyCheck(response, context.errorSchema, context.where));
  }
  checks.push(echoCheck(response, context));
  return checks;
}

/** `[MUST] the response echoes no credential`: which credential and where, never its value. */
function echoCheck(response: WireResponse, context: WireJudging): CheckResult {
  const secrets = context.secrets.map(([label, value]) => [label, value.trim()] as const).filter(([, value]) => value.length >= MIN_ECHO_LENGTH);
  // Latin-1, as the head was read: a byte-for-byte echo of the request is found whatever its encoding.
  const places: [string, string][] = [
    ['the status text', response.statusText],
    ...response.headers.map(([name, value]): [string, string] => [`header ${name}`, `${name}: ${value}`]),
    ['the body', response.body.toString('latin1')],
  ];
  const echoed = [...new Set(secrets.flatMap(([label, value]) => places.filter(([, text]) => text.includes(value)).map(([place]) => `${label} in ${place}`)))];
  return check(CHECK_NAMES.noEcho, echoed.length === 0, () => `Expected no credential in the response (echoed: ${echoed.join('; ')}), got ${response.status} for ${context.where}`);
}

function recordedResponse(response: WireResponse, safe: (text: string) => string): ActualResponse {
  const headers = response.headers.map(([name, value]) => [shorten(safe(name), MAX_HEADER_VALUE), shorten(safe(value), MAX_HEADER_VALUE)] as const);
  const excerpt = shorten(safe(response.body.subarray(0, 64 * 1024).toString('utf8')), MAX_BODY_EXCERPT).replace(CONTROLS, '\ufffd');
  return { status: response.status, statusText: safe(response.statusText), headers, ...(excerpt ? { bodyExcerpt: excerpt } : {}) };
}

/** The case's result: its checks, outcome and the exchange as a report records it. */
export function judgeWireCase(testCase: ConformanceCase, outcome: WireOutcome, context: WireJudging): CaseResult {
  const checks = [
    primaryCheck(testCase, outcome, context),
    robustnessCheck(outcome, context),
    ...exactStatusCheck(testCase, outcome, context),
    ...(outcome.kind === 'response' ? responseChecks(testCase, outcome.response, context) : []),
  ];
  const failed = checks.filter((c) => !c.passed).map((c) => c.level);
  const failedLevel = failed.includes('must') ? 'must' : failed.includes('should') ? 'should' : failed.includes('may') ? 'may' : null;
  const actual = outcome.kind === 'response' ? recordedResponse(outcome.response, context.safe) : { error: actualError(outcome, context.timeoutMs) };
  return {
    ...resultBase(testCase),
    outcome: failedLevel ? 'fail' : 'pass',
    actual,
    request: context.request,
    checks,
    failedLevel,
  };
}

/** The fields every result of a case has, whatever happened. */
export function resultBase(testCase: ConformanceCase): Pick<CaseResult, 'id' | 'title' | 'form' | 'family' | 'level' | 'requirement' | 'sources' | 'expected'> {
  return {
    id: testCase.id,
    title: testCase.title,
    form: testCase.form,
    family: testCase.family,
    level: testCase.level,
    requirement: testCase.requirement,
    sources: testCase.sources,
    expected: { outcome: testCase.expect.outcome, statuses: expectedStatuses(testCase) },
  };
}
