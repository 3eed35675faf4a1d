/**
 * The body of a successful NoSQL `GetItem`: `{"Item": {"<attribute>": <attribute value>}}`, where
 * an attribute value is exactly one of `{"S": text}`, `{"N": number as text}`, `{"BOOL": boolean}`
 * or `{"B": base64}` (see /work/shared/spec/v3io-web-api.md, "NoSQL").
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
export const GET_ITEM_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO GetItem response',
  description: 'Body of a successful GetItem: the item\'s attributes, each typed.',
  type: 'object',
  required: ['Item'],
  properties: {
    Item: {
      type: 'object',
      additionalProperties: { $ref: '#/definitions/attributeValue' },
    },
  },
  definitions: {
    attributeValue: {
      oneOf: [
        { $ref: '#/definitions/string' },
        { $ref: '#/definitions/number' },
        { $ref: '#/definitions/boolean' },
        { $ref: '#/definitions/blob' },
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
  },
} as const;
