/**
 * Each failed or inconclusive case's command to send its decisive request again
 * (src/results/reproduce-command.ts), from the case as the run sent it: its request template or
 * its bytes, the run's variables, the target and its TLS options.
 */
import { isWireCase } from '../cases/case-request.js';
import type { ConformanceCase } from '../cases/model.js';
import { curlCommand, runOnlyCommand, wireCommand, type ReproduceTarget } from '../results/reproduce-command.js';
import type { CaseResult } from '../results/results.js';
import { wireTemplate } from '../wire/bytes.js';
import { wireRequestParts, wireVariables } from '../wire/run-wire-cases.js';
import { deriveAll } from '../wire/transforms.js';

/** The command for one case; the `run --only` line when no single request decides it (a transport case). */
export function reproduceCommand(testCase: ConformanceCase, variables: ReadonlyMap<string, string>, target: ReproduceTarget): string {
  if (testCase.kind === 'transport') return runOnlyCommand(testCase.id, target);
  const base = { id: testCase.id, target, derive: testCase.derive ?? [] };
  if (isWireCase(testCase)) {
    const wireScope = wireVariables(variables, target.baseUrl);
    const parts = wireRequestParts(testCase.wire.parts, target.baseUrl);
    const requests = parts.filter((p) => p.kind === 'request-line').length;
    return wireCommand({ ...base, variables: wireScope, derived: derivedValues(testCase, wireScope), template: wireTemplate(parts), requests });
  }
  const { method, path, headers, body } = testCase.request;
  return curlCommand({ ...base, variables, derived: derivedValues(testCase, variables), method, path, headers, ...(body === undefined ? {} : { body }) });
}

function derivedValues(testCase: ConformanceCase, variables: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  return testCase.kind === 'transport' ? new Map() : deriveAll(testCase.derive ?? [], variables);
}

/** The results with a `reproduce` command on each failed or inconclusive case that was sent. */
export function withReproduce(results: readonly CaseResult[], cases: readonly ConformanceCase[], variables: ReadonlyMap<string, string>, target: ReproduceTarget): CaseResult[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return results.map((result) => {
    const testCase = byId.get(result.id);
    if (!testCase || (result.outcome !== 'fail' && result.outcome !== 'inconclusive')) return result;
    return { ...result, reproduce: reproduceCommand(testCase, variables, target) };
  });
}
