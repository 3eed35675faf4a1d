/**
 * The V3IO web-API error body: `{"ErrorCode": <integer>, "ErrorMessage": "<text>"}`
 * (see /work/shared/spec/v3io-web-api.md, "Errors"). Other members are allowed.
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
export const V3IO_ERROR_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO error',
  description: 'Error body of the V3IO web APIs.',
  type: 'object',
  required: ['ErrorCode', 'ErrorMessage'],
  properties: {
    ErrorCode: { type: 'integer' },
    ErrorMessage: { type: 'string' },
  },
} as const;
