/**
 * The typed attribute value of the NoSQL bodies — exactly one of `{"S": text}`, `{"N": number as
 * text}`, `{"BOOL": boolean}`, `{"B": base64}` (see /work/shared/spec/v3io-web-api.md, "NoSQL") or
 * `{"TS": "<seconds>:<nanoseconds>"}` (a timestamp: v3io-py, kv_timestamp.py and output.py) —
 * as JSON Schema `definitions`, for the schemas of GetItem and GetItems to embed (each schema is
 * embedded in the collection on its own, so it cannot `$ref` another).
 */
export const ATTRIBUTE_VALUE_DEFINITIONS = {
  attributeValue: {
    oneOf: [
      { $ref: '#/definitions/string' },
      { $ref: '#/definitions/number' },
      { $ref: '#/definitions/boolean' },
      { $ref: '#/definitions/blob' },
      { $ref: '#/definitions/timestamp' },
    ],
  },
  string: {
    type: 'object',
    required: ['S'],
    properties: { S: { type: 'string' } },
    additionalProperties: false,
  },
  number: {
    type: 'object',
    required: ['N'],
    properties: { N: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$' } },
    additionalProperties: false,
  },
  boolean: {
    type: 'object',
    required: ['BOOL'],
    properties: { BOOL: { type: 'boolean' } },
    additionalProperties: false,
  },
  blob: {
    type: 'object',
    required: ['B'],
    properties: { B: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } },
    additionalProperties: false,
  },
  timestamp: {
    type: 'object',
    required: ['TS'],
    properties: { TS: { type: 'string', pattern: '^-?[0-9]+:[0-9]{1,9}$' } },
    additionalProperties: false,
  },
} as const;

/** A Base64 blob (stream data, locations, client info). */
export const BASE64_STRING = { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;
