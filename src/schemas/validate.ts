/**
 * Node-side validation of response bodies against `RESPONSE_SCHEMAS` (ajv 8, draft-07), with the
 * validators precompiled by ajv's standalone code (precompile.ts): a run loads neither ajv nor its
 * compiler. The collection checks the same schemas in the newman sandbox with ajv 6.
 */
import type { ErrorObject } from 'ajv';
import type { SchemaId } from '../cases/operations.js';
import { RESPONSE_VALIDATORS } from './response-validators.generated.js';

export interface ValidationResult {
  readonly valid: boolean;
  /** One line per problem, e.g. `/ErrorCode must be integer`; empty when valid. */
  readonly errors: string[];
}

/** An ajv validate function: true when valid, else its problems in `errors`. */
interface Validator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const VALIDATORS: Readonly<Record<SchemaId, Validator>> = RESPONSE_VALIDATORS;

/** Validates a parsed JSON value (not its text) against the schema with the given id. */
export function validateResponseBody(schemaId: SchemaId, value: unknown): ValidationResult {
  const validate = VALIDATORS[schemaId];
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return { valid: false, errors };
}
