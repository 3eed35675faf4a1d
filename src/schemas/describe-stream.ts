/**
 * The body of a successful `DescribeStream`: `{"ShardCount": n, "RetentionPeriodHours": n}` (see
 * /work/shared/spec/v3io-web-api.md, "Streaming").
 *
 * Draft-07 keywords only: the same object is embedded in the collection and checked by the
 * newman sandbox's ajv 6.
 */
export const DESCRIBE_STREAM_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'V3IO DescribeStream response',
  description: "Body of a successful DescribeStream: the stream's shard count and retention period.",
  type: 'object',
  required: ['ShardCount', 'RetentionPeriodHours'],
  properties: {
    ShardCount: { type: 'integer', minimum: 1 },
    RetentionPeriodHours: { type: 'integer', minimum: 0 },
  },
} as const;
