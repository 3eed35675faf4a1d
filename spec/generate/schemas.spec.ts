/** The response schemas, validated on the Node side (ajv 8). */
import { expect } from 'chai';
import { SCHEMA_IDS } from '../../src/cases/operations.js';
import { RESPONSE_SCHEMAS } from '../../src/schemas/index.js';
import { validateResponseBody } from '../../src/schemas/validate.js';

describe('response schemas', () => {
  it('exist for every schema id, in draft-07', () => {
    expect(Object.keys(RESPONSE_SCHEMAS).sort()).to.deep.equal([...SCHEMA_IDS].sort());
    for (const schema of Object.values(RESPONSE_SCHEMAS)) expect(schema).to.have.property('$schema', 'http://json-schema.org/draft-07/schema#');
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
