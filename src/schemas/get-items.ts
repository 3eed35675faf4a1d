/**
 * The body of a successful NoSQL `GetItems`: `{"LastItemIncluded": "TRUE"|"FALSE", "NumItems": n,
 * "NextMarker"?: "...", "Items": [{"<attribute>": <attribute value>}, ...]}` (see
 * /work/shared/spec/v3io-web-api.md, "NoSQL"). LastItemIncluded is a string, not a boolean.
 * Only `Items` is required: the SDKs read `Items`, `LastItemIncluded` and `NextMarker`
 * (v3io-py v3io/dataplane/output.py GetItemsOutput, each with a default), never `NumItems`.
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
import { ATTRIBUTE_VALUE_DEFINITIONS } from './attribute-value.js';

export const GET_ITEMS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO GetItems response',
  description: 'Body of a successful GetItems: one page of items, each a map of typed attributes.',
  type: 'object',
  required: ['Items'],
  properties: {
    LastItemIncluded: { type: 'string', enum: ['TRUE', 'FALSE'] },
    NumItems: { type: 'integer', minimum: 0 },
    NextMarker: { type: 'string' },
    Items: {
      type: 'array',
      items: { type: 'object', additionalProperties: { $ref: '#/definitions/attributeValue' } },
    },
  },
  definitions: ATTRIBUTE_VALUE_DEFINITIONS,
} as const;
