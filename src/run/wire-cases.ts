/**
 * The wire cases as an engine of the run: the raw-socket runner (src/wire/) sends them and records
 * each, and each record is judged by the one `caseResult()` (case-result.ts), as every engine's is.
 */
import type { Profile } from '../cases/profiles.js';
import { profileNamed } from '../cases/profiles.js';
import { isRequestCase } from '../cases/case-request.js';
import type { RequestCase } from '../cases/model.js';
import type { CaseResult } from '../results/results.js';
import { runWireCases, type WireRunOptions } from '../wire/run-wire-cases.js';
import { caseResult } from './case-result.js';
import { secretVariables } from './run-secrets.js';

export interface WireCasesOptions extends Omit<WireRunOptions, 'onRecord'> {
  /** The kind of server judged; default V3IO. */
  readonly profile?: Profile;
  /** The run's redactor, for anything the target sent back. */
  readonly mask: (text: string) => string;
  /** Told each result as it is judged. */
  readonly onResult?: (result: CaseResult) => void;
}

/** The selected wire cases sent, each judged as its record completes; in the order given. */
export async function wireCaseResults(options: WireCasesOptions): Promise<CaseResult[]> {
  const { profile = profileNamed('v3io'), mask, onResult, ...run } = options;
  const byId = new Map(options.cases.filter(isRequestCase).map((c): [string, RequestCase] => [c.id, c]));
  const judging = { profile, timeoutMs: options.timeoutMs, variables: options.environment, masking: { secrets: secretVariables(options.environment), mask } };
  const results = new Map<string, CaseResult>();
  const records = await runWireCases({
    ...run,
    onRecord: (record) => {
      const result = caseResult(byId.get(record.id)!, record, judging);
      results.set(record.id, result);
      onResult?.(result);
    },
  });
  return records.map((record) => results.get(record.id)!);
}
