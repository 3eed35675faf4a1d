/** Reading and validating the reports a run wrote. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import { RUN_REPORT_SCHEMA } from '../../src/report/report-schema.js';
import type { RunReport } from '../../src/report/run-report.js';

const Ajv = AjvModule.default;
const addFormats = formatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(RUN_REPORT_SCHEMA);

/** Reads `conformance.json` from a report directory, failing when it breaks its documented schema. */
export function readReport(dir: string): RunReport {
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as unknown;
  return checkReport(report);
}

/** The value as a report, failing when it breaks the report's documented schema. */
export function checkReport(report: unknown): RunReport {
  if (!validate(report)) throw new Error(`conformance.json breaks its schema: ${ajv.errorsText(validate.errors)}`);
  return report as RunReport;
}

/** Ids of the cases that failed, optionally only those whose strongest failed check has a level. */
export function failedIds(report: RunReport, level?: 'must' | 'should' | 'may'): string[] {
  return report.cases.filter((c) => c.outcome === 'fail' && (!level || c.failedLevel === level)).map((c) => c.id);
}
