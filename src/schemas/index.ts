/** The JSON Schemas responses are checked against, by the `SchemaId`s of `operations.ts`. */
import type { SchemaId } from '../cases/operations.js';
import { GET_ITEM_SCHEMA } from './get-item.js';
import { V3IO_ERROR_SCHEMA } from './v3io-error.js';

export { GET_ITEM_SCHEMA, V3IO_ERROR_SCHEMA };

export const RESPONSE_SCHEMAS: Readonly<Record<SchemaId, object>> = {
  'v3io-error': V3IO_ERROR_SCHEMA,
  'get-item': GET_ITEM_SCHEMA,
};
