/** The response schemas, validated on the Node side (ajv 8). */
import { expect } from 'chai';
import AjvModule from 'ajv';
import { SCHEMA_IDS } from '../../src/cases/operations.js';
import { RESPONSE_SCHEMAS } from '../../src/schemas/index.js';
import { validateResponseBody } from '../../src/schemas/validate.js';

describe('response schemas', () => {
  it('exist for every schema id, in draft-07', () => {
    expect(Object.keys(RESPONSE_SCHEMAS).sort()).to.deep.equal([...SCHEMA_IDS].sort());
    for (const schema of Object.values(RESPONSE_SCHEMAS)) expect(schema).to.have.property('$schema', 'http://json-schema.org/draft-07/schema#');
    // The runner compiles them without meta-validation: each is checked against draft-07 here.
    const ajv = new AjvModule.default({ strict: false });
    for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) expect(ajv.validateSchema(schema), `${id}: ${ajv.errorsText(ajv.errors)}`).to.equal(true);
  });

  it('use no format keyword, which the runner does not load ajv-formats for (it would be ignored)', () => {
    expect(Object.entries(RESPONSE_SCHEMAS).filter(([, schema]) => JSON.stringify(schema).includes('"format"')).map(([id]) => id)).to.deep.equal([]);
  });

  const table: readonly (readonly [id: (typeof SCHEMA_IDS)[number], body: unknown, valid: boolean])[] = [
    ['v3io-error', { ErrorCode: -1, ErrorMessage: 'Operation not permitted' }, true],
    ['v3io-error', { ErrorCode: -201326592, ErrorMessage: 'InvalidArgumentException', Extra: 1 }, true],
    ['v3io-error', { ErrorCode: '401', ErrorMessage: 'x' }, false],
    ['v3io-error', { ErrorCode: 1.5, ErrorMessage: 'x' }, false],
    ['v3io-error', { ErrorMessage: 'x' }, false],
    ['v3io-error', { ErrorCode: 1 }, false],
    ['v3io-error', 'Unauthorized', false],
    ['get-item', { Item: {} }, true],
    ['get-item', { Item: { a: { S: 'x' }, b: { N: '-1.5e3' }, c: { BOOL: false }, d: { B: 'AAE=' } } }, true],
    ['get-item', { Item: { a: { S: 'x', N: '1' } } }, false],
    ['get-item', { Item: { a: { N: 1 } } }, false],
    ['get-item', { Item: { a: { N: 'one' } } }, false],
    ['get-item', { Item: { a: { B: 'not base64!' } } }, false],
    ['get-item', { Item: { a: 'x' } }, false],
    ['get-item', { Items: [] }, false],
    ['get-items', { LastItemIncluded: 'TRUE', NumItems: 0, Items: [] }, true],
    ['get-items', { LastItemIncluded: 'FALSE', NumItems: 1, NextMarker: 'bg==', Items: [{ a: { S: 'x' }, __name: { S: 'n' } }] }, true],
    ['get-items', { LastItemIncluded: true, NumItems: 0, Items: [] }, false],
    ['get-items', { LastItemIncluded: 'TRUE', NumItems: 0, Items: [{ a: { N: 1 } }] }, false],
    // The SDKs read Items, LastItemIncluded and NextMarker, never NumItems (v3io-py output.py GetItemsOutput).
    ['get-items', { LastItemIncluded: 'TRUE', Items: [] }, true],
    ['get-items', { Items: [] }, true],
    ['get-items', { LastItemIncluded: 'TRUE', NumItems: 0 }, false],
    ['describe-stream', { ShardCount: 1, RetentionPeriodHours: 24 }, true],
    ['describe-stream', { ShardCount: 0, RetentionPeriodHours: 24 }, false],
    ['describe-stream', { ShardCount: '1', RetentionPeriodHours: 24 }, false],
    ['put-records', { FailedRecordCount: 0, Records: [{ SequenceNumber: 1, ShardId: 0 }] }, true],
    ['put-records', { FailedRecordCount: 1, Records: [{ ErrorCode: -201326594, ErrorMessage: 'ShardIDOutOfRangeException' }] }, true],
    ['put-records', { FailedRecordCount: 0, Records: [{ SequenceNumber: 1 }] }, false],
    ['put-records', { FailedRecordCount: 0, Records: [{ SequenceNumber: 1, ShardId: 0, ErrorCode: -1, ErrorMessage: 'x' }] }, false],
    ['seek', { Location: 'AQAAAAAAAAAAAAAAAAAAAA==' }, true],
    ['seek', { Location: '' }, false],
    ['seek', { Location: 'not base64!' }, false],
    ['get-records', { NextLocation: 'AQAAAAAAAAAAAAAAAAAAAA==', MSecBehindLatest: 0, RecordsBehindLatest: 0, Records: [] }, true],
    [
      'get-records',
      {
        NextLocation: 'AQAAAAsAAAAFAEC2/+sAAA==',
        MSecBehindLatest: 0,
        RecordsBehindLatest: 0,
        Records: [{ ArrivalTimeSec: 1485685671, ArrivalTimeNSec: 160186781, SequenceNumber: 15756, PartitionKey: 'MyKey', Data: 'ZGF0YQ0K' }],
      },
      true,
    ],
    ['get-records', { NextLocation: 'AQ==', MSecBehindLatest: 0, RecordsBehindLatest: 0, Records: [{ SequenceNumber: 1, Data: 'AA==' }] }, false],
    ['get-records', { NextLocation: 'AQ==', MSecBehindLatest: -1, RecordsBehindLatest: 0, Records: [] }, false],
  ];
  for (const [id, body, valid] of table) {
    it(`${id}: ${valid ? 'accepts' : 'rejects'} ${JSON.stringify(body)}`, () => {
      const result = validateResponseBody(id, body);
      expect(result.valid).to.equal(valid);
      expect(result.errors.length > 0).to.equal(!valid);
    });
  }

  it('names the problem in each error', () => {
    expect(validateResponseBody('v3io-error', { ErrorCode: 'x', ErrorMessage: 'y' }).errors).to.deep.equal(['/ErrorCode must be integer']);
  });
});
