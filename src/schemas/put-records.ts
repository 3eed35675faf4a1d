/**
 * The body of a successful `PutRecords`: `{"FailedRecordCount": n, "Records": [...]}`, one result
 * per submitted record, in order: `{"SequenceNumber": n, "ShardId": n}` for a stored record,
 * `{"ErrorCode": n, "ErrorMessage": "..."}` for a failed one (see
 * /work/shared/spec/v3io-web-api.md, "Streaming").
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
export const PUT_RECORDS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO PutRecords response',
  description: 'Body of a successful PutRecords: the failure count and a result per record.',
  type: 'object',
  required: ['FailedRecordCount', 'Records'],
  properties: {
    FailedRecordCount: { type: 'integer', minimum: 0 },
    Records: {
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'object',
            required: ['SequenceNumber', 'ShardId'],
            properties: { SequenceNumber: { type: 'integer', minimum: 0 }, ShardId: { type: 'integer', minimum: 0 } },
            not: { required: ['ErrorCode'] },
          },
          {
            type: 'object',
            required: ['ErrorCode', 'ErrorMessage'],
            properties: { ErrorCode: { type: 'integer' }, ErrorMessage: { type: 'string' } },
            not: { required: ['SequenceNumber'] },
          },
        ],
      },
    },
  },
} as const;
