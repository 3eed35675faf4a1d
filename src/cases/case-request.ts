/**
 * The request of a case, whatever its kind: the one place that knows an HTTP case names it in its
 * `request` and a wire case in the last request line of its parts. Generator, runners, judge and
 * reports ask these functions rather than reaching into a case.
 */
import type { ConformanceCase, HttpCase, OperationId, RequestCase, TransportCase, WireCase, WirePart } from './model.js';

export const isHttpCase = (testCase: ConformanceCase): testCase is HttpCase => testCase.kind === 'http';
export const isWireCase = (testCase: ConformanceCase): testCase is WireCase => testCase.kind === 'wire';
export const isTransportCase = (testCase: ConformanceCase): testCase is TransportCase => testCase.kind === 'transport';
export const isRequestCase = (testCase: ConformanceCase): testCase is RequestCase => testCase.kind !== 'transport';

type RequestLine = Extract<WirePart, { kind: 'request-line' }>;

/** The request line a wire case is judged on: the last of its parts (the earlier ones only prepare the connection). */
export function judgedRequestLine(testCase: WireCase): RequestLine {
  const lines = testCase.wire.parts.filter((part): part is RequestLine => part.kind === 'request-line');
  const line = lines[lines.length - 1];
  if (!line) throw new Error(`wire case ${testCase.id} has no request line`);
  return line;
}

/**
 * Why a run with these variables cannot send the case — an optional variable it needs is unset,
 * or two that must differ are equal — or undefined when it can. The reason is what reports say.
 */
export function unmetPrecondition(testCase: RequestCase, variables: ReadonlyMap<string, string>): string | undefined {
  const missing = (testCase.requires ?? []).filter((name) => !variables.get(name));
  if (missing.length > 0) return `needs ${missing.join(', ')}, not set in the environment`;
  const same = (testCase.distinct ?? []).find(([a, b]) => variables.get(a) === variables.get(b));
  return same ? `needs ${same[0]} and ${same[1]} to differ, and the environment gives them the same value` : undefined;
}

/** The operation a request case performs. */
export function caseOperation(testCase: RequestCase): OperationId {
  return testCase.kind === 'http' ? testCase.request.operation : testCase.operation;
}

/** The method of the request a case is judged on, as written (`get` stays lower case). */
export function caseMethod(testCase: RequestCase): string {
  return testCase.kind === 'http' ? testCase.request.method : judgedRequestLine(testCase).method;
}

/** The target of the request a case is judged on, with its `{{variables}}`: a path and query, or an absolute-form or asterisk-form target. */
export function caseTarget(testCase: RequestCase): string {
  return testCase.kind === 'http' ? testCase.request.path : judgedRequestLine(testCase).target;
}
