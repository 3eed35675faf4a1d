/**
 * Node-side validation of response bodies against `RESPONSE_SCHEMAS` (ajv 8, draft-07). The
 * collection checks the same schemas in the newman sandbox with ajv 6; this is for code that
 * holds a body outside newman (the reference's tests, reporters).
 */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { SCHEMA_IDS, type SchemaId } from '../cases/operations.js';
import { RESPONSE_SCHEMAS } from './index.js';

// ajv and ajv-formats are CommonJS modules with `exports.default`: under NodeNext a default
// import is `module.exports`, and TypeScript types the class as its `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

export interface ValidationResult {
  readonly valid: boolean;
  /** One line per problem, e.g. `/ErrorCode must be integer`; empty when valid. */
  readonly errors: string[];
}

let validators: Readonly<Record<SchemaId, ValidateFunction>> | undefined;

function compiled(): Readonly<Record<SchemaId, ValidateFunction>> {
  if (!validators) {
    // Every run compiles them at start: no meta-validation (spec/generate/schemas.spec.ts checks
    // each schema against draft-07 once) and no code optimisation, about 15 ms less per run.
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { optimize: false } });
    addFormats(ajv);
    validators = Object.fromEntries(SCHEMA_IDS.map((id) => [id, ajv.compile(RESPONSE_SCHEMAS[id])])) as Record<SchemaId, ValidateFunction>;
  }
  return validators;
}

/** Validates a parsed JSON value (not its text) against the schema with the given id. */
export function validateResponseBody(schemaId: SchemaId, value: unknown): ValidationResult {
  const validate = compiled()[schemaId];
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return { valid: false, errors };
}
