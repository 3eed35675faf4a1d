/**
 * Reads a `conformance.json` written by an earlier run (for `merge`), checked against the report's
 * JSON Schema so that a wrong or hand-edited file is named in one line instead of producing a
 * wrong merged verdict.
 */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { HarnessError } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { RUN_REPORT_SCHEMA } from './report-schema.js';
import type { RunReport } from './run-report.js';

// CommonJS modules with `exports.default` (see src/schemas/validate.ts).
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    validator = ajv.compile(RUN_REPORT_SCHEMA);
  }
  return validator;
}

export function readRunReport(path: string): RunReport {
  const value = readJsonFile(path, 'report file');
  const check = validate();
  if (!check(value)) {
    const first = check.errors?.[0];
    const where = first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'it does not match the report schema';
    throw new HarnessError('malformed-report', `report file ${path} is not a conformance report: ${where}`);
  }
  return value as RunReport;
}
