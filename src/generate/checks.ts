/** Collection variables that hold the response schemas; the wording the checks share lives in the judge. */
import type { SchemaId } from '../cases/operations.js';
import { SCHEMA_VARIABLE_PREFIX } from '../judge/postman.js';

export { BASIC_REALM, PER_REQUEST_HEADERS } from '../judge/wording.js';
export { SCHEMA_VARIABLE_PREFIX };

export function schemaVariable(id: SchemaId): string {
  return `${SCHEMA_VARIABLE_PREFIX}${id}`;
}
