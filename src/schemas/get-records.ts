/**
 * The body of a successful `GetRecords`: `{"NextLocation", "MSecBehindLatest",
 * "RecordsBehindLatest", "Records": [{"ArrivalTimeSec", "ArrivalTimeNSec", "SequenceNumber",
 * "PartitionKey"?, "ClientInfo"?, "Data"}]}` (see /work/shared/spec/v3io-web-api.md, "Streaming").
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
import { BASE64_STRING } from './attribute-value.js';

export const GET_RECORDS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO GetRecords response',
  description: 'Body of a successful GetRecords: the records read, where to read next, and how far behind the shard\'s end that is.',
  type: 'object',
  required: ['NextLocation', 'MSecBehindLatest', 'RecordsBehindLatest', 'Records'],
  properties: {
    NextLocation: { ...BASE64_STRING, minLength: 1 },
    MSecBehindLatest: { type: 'integer', minimum: 0 },
    RecordsBehindLatest: { type: 'integer', minimum: 0 },
    Records: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ArrivalTimeSec', 'ArrivalTimeNSec', 'SequenceNumber', 'Data'],
        properties: {
          ArrivalTimeSec: { type: 'integer', minimum: 0 },
          ArrivalTimeNSec: { type: 'integer', minimum: 0, maximum: 999999999 },
          SequenceNumber: { type: 'integer', minimum: 0 },
          PartitionKey: { type: 'string' },
          ClientInfo: BASE64_STRING,
          Data: BASE64_STRING,
        },
      },
    },
  },
} as const;
