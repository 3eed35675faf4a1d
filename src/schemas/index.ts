/** The JSON Schemas responses are checked against, by the `SchemaId`s of `operations.ts`. */
import type { SchemaId } from '../cases/operations.js';
import { DESCRIBE_STREAM_SCHEMA } from './describe-stream.js';
import { GET_ITEM_SCHEMA } from './get-item.js';
import { GET_ITEMS_SCHEMA } from './get-items.js';
import { GET_RECORDS_SCHEMA } from './get-records.js';
import { PUT_RECORDS_SCHEMA } from './put-records.js';
import { SEEK_SCHEMA } from './seek.js';
import { V3IO_ERROR_SCHEMA } from './v3io-error.js';

export { DESCRIBE_STREAM_SCHEMA, GET_ITEM_SCHEMA, GET_ITEMS_SCHEMA, GET_RECORDS_SCHEMA, PUT_RECORDS_SCHEMA, SEEK_SCHEMA, V3IO_ERROR_SCHEMA };

export const RESPONSE_SCHEMAS: Readonly<Record<SchemaId, object>> = {
  'v3io-error': V3IO_ERROR_SCHEMA,
  'get-item': GET_ITEM_SCHEMA,
  'get-items': GET_ITEMS_SCHEMA,
  'describe-stream': DESCRIBE_STREAM_SCHEMA,
  'put-records': PUT_RECORDS_SCHEMA,
  seek: SEEK_SCHEMA,
  'get-records': GET_RECORDS_SCHEMA,
};
