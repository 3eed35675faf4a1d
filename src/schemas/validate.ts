/**
 * Node-side validation of response bodies against `RESPONSE_SCHEMAS` (ajv 8, draft-07). The
 * collection checks the same schemas in the newman sandbox with ajv 6; this is for code that
 * holds a body outside newman (the reference's tests, reporters).
 */
import AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { SchemaId } from '../cases/operations.js';
import { RESPONSE_SCHEMAS } from './index.js';

// ajv is a CommonJS module with `exports.default`: under NodeNext a default import is
// `module.exports`, and TypeScript types the class as its `.default`. No response schema uses a
// `format`, so ajv-formats is not loaded (a spec checks that none does).
const Ajv = AjvModule.default;

export interface ValidationResult {
  readonly valid: boolean;
  /** One line per problem, e.g. `/ErrorCode must be integer`; empty when valid. */
  readonly errors: string[];
}

let ajv: InstanceType<typeof Ajv> | undefined;
const validators = new Map<SchemaId, ValidateFunction>();

/**
 * The schema's validator, compiled on first use: a run compiles only the schemas its cases meet,
 * with no meta-validation (spec/generate/schemas.spec.ts checks each schema against draft-07) and
 * no code optimisation, which a few hundred validations never pay back.
 */
function compiled(schemaId: SchemaId): ValidateFunction {
  let validate = validators.get(schemaId);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { optimize: false } });
    validate = ajv.compile(RESPONSE_SCHEMAS[schemaId]);
    validators.set(schemaId, validate);
  }
  return validate;
}

/** Validates a parsed JSON value (not its text) against the schema with the given id. */
export function validateResponseBody(schemaId: SchemaId, value: unknown): ValidationResult {
  const validate = compiled(schemaId);
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return { valid: false, errors };
}
