/**
 * The body of a successful `Seek` (`SeekShard`): `{"Location": "<opaque Base64 blob>"}`, to pass
 * to GetRecords as is (see /work/shared/spec/v3io-web-api.md, "Streaming").
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
import { BASE64_STRING } from './attribute-value.js';

export const SEEK_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO Seek response',
  description: 'Body of a successful Seek: a location in the shard.',
  type: 'object',
  required: ['Location'],
  properties: {
    Location: { ...BASE64_STRING, minLength: 1 },
  },
} as const;
