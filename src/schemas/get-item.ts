/**
 * The body of a successful NoSQL `GetItem`: `{"Item": {"<attribute>": <attribute value>}}`, where
 * an attribute value is exactly one of `{"S": text}`, `{"N": number as text}`, `{"BOOL": boolean}`,
 * `{"B": base64}` or `{"TS": "<seconds>:<nanoseconds>"}` (attribute-value.ts).
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
import { ATTRIBUTE_VALUE_DEFINITIONS } from './attribute-value.js';

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
  definitions: ATTRIBUTE_VALUE_DEFINITIONS,
} as const;
