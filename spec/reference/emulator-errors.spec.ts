/**
 * The emulator's failures, through the handler: authentication before anything the operation
 * could answer, then permission, then the V3IO error of the operation — status, ErrorCode and
 * ErrorMessage.
 * @see /work/shared/spec/v3io-web-api.md "Errors"
 * @see /work/shared/spec/auth-requirements.md "Cross-cutting"
 */
import { expect } from 'chai';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { DENIED, MAIN, UNKNOWN_KEY } from './helpers.js';
import { json, send, type Lines } from './reference-client.js';

const VALID: Lines = [['X-v3io-session-key', MAIN.accessKey]];

function call(reference: Reference, name: string, url: string, body: unknown, credentials: Lines = VALID): [number, unknown, unknown] {
  const lines: Lines = [['X-v3io-function', name], ['Content-Type', 'application/json'], ...credentials];
  const response = send(reference, 'POST', url, lines, typeof body === 'string' ? body : JSON.stringify(body));
  const error = response.status >= 400 ? (json(response) as Record<string, unknown>) : {};
  return [response.status, error['ErrorCode'], error['ErrorMessage']];
}

const INVALID_ARGUMENT = [400, -201326592, 'InvalidArgumentException'];
const NOT_FOUND = [404, -2, 'No such file or directory'];

describe('reference emulator: failures', () => {
  let reference: Reference;

  beforeEach(() => {
    reference = createReference();
    expect(call(reference, 'CreateStream', '/bigdata/s/', { ShardCount: 2, RetentionPeriodHours: 1 })[0]).to.equal(200);
    expect(send(reference, 'PUT', '/bigdata/obj', VALID, 'x').status).to.equal(200);
    expect(call(reference, 'PutItem', '/bigdata/t/', { Key: { k: { S: 'i' } }, Item: {} })[0]).to.equal(200);
  });

  describe('authentication first, then permission, on every function', () => {
    // Each call would fail on its own (missing stream, bad body, bad shard): the credential decides first.
    const calls: ReadonlyArray<readonly [name: string, url: string, body: string]> = [
      ['CreateStream', '/bigdata/s/', '{"ShardCount":0}'],
      ['DescribeStream', '/bigdata/nosuch/', '{}'],
      ['UpdateStream', '/bigdata/s/', '{"ShardCount":1}'],
      ['PutRecords', '/bigdata/s/', '{"Records":"x"}'],
      ['Seek', '/bigdata/s/99', '{"Type":"EARLIEST"}'],
      ['SeekShard', '/bigdata/s/0', 'not json'],
      ['GetRecords', '/bigdata/s/0', '{"Location":"!!"}'],
      ['UpdateItem', '/bigdata/t/', '{"UpdateExpression":"SET"}'],
      ['GetItems', '/bigdata/nosuch/', '{}'],
      ['NoSuchFunction', '/bigdata/', '{}'],
    ];
    for (const [name, url, body] of calls) {
      it(`${name}: 401 without or with an unknown key, 403 for an identity without permission, before its own error`, () => {
        expect(call(reference, name, url, body, [])[0]).to.equal(401);
        expect(call(reference, name, url, body, [['X-v3io-session-key', UNKNOWN_KEY]])[0]).to.equal(401);
        expect(call(reference, name, url, body, [['X-v3io-session-key', DENIED.accessKey]])).to.deep.equal([403, -1, 'Operation not permitted']);
        expect(call(reference, name, url, body)[0]).to.be.within(400, 404);
      });
    }

    it('a rejected write changes nothing: PutRecords, UpdateItem, UpdateStream, DELETE of a stream', () => {
      for (const credentials of [[], [['X-v3io-session-key', DENIED.accessKey]]] as Lines[]) {
        call(reference, 'PutRecords', '/bigdata/s/', { Records: [{ Data: 'AA==', ShardId: 0 }] }, credentials);
        call(reference, 'UpdateItem', '/bigdata/t/', { Key: { k: { S: 'i' } }, UpdateExpression: 'SET x = 1' }, credentials);
        call(reference, 'UpdateStream', '/bigdata/s/', { ShardCount: 5 }, credentials);
        expect(send(reference, 'DELETE', '/bigdata/s/', credentials).status).to.be.oneOf([401, 403]);
      }
      const location = (json(send(reference, 'POST', '/bigdata/s/0', [['X-v3io-function', 'Seek'], ...VALID], '{"Type":"EARLIEST"}')) as Record<string, unknown>)['Location'];
      const records = json(send(reference, 'POST', '/bigdata/s/0', [['X-v3io-function', 'GetRecords'], ...VALID], JSON.stringify({ Location: location })));
      expect((records as Record<string, unknown>)['Records']).to.deep.equal([]);
      expect(json(send(reference, 'POST', '/bigdata/t/i', [['X-v3io-function', 'GetItem'], ...VALID], '{}'))).to.deep.equal({ Item: { k: { S: 'i' } } });
      expect(json(send(reference, 'POST', '/bigdata/s/', [['X-v3io-function', 'DescribeStream'], ...VALID], '{}'))).to.deep.equal({ ShardCount: 2, RetentionPeriodHours: 1 });
    });
  });

  describe('stream exceptions', () => {
    const cases: ReadonlyArray<readonly [what: string, name: string, url: string, body: unknown, expected: readonly unknown[]]> = [
      ['a missing stream', 'DescribeStream', '/bigdata/nosuch/', {}, [404, -2, 'ResourceNotFoundException']],
      ['a missing stream (PutRecords)', 'PutRecords', '/bigdata/nosuch/', { Records: [{ Data: 'AA==' }] }, [404, -2, 'ResourceNotFoundException']],
      ['a missing stream (GetRecords)', 'GetRecords', '/bigdata/nosuch/0', { Location: 'AQAAAAAAAAAAAAAAAAAAAA==' }, [404, -2, 'ResourceNotFoundException']],
      ['an object where a stream should be', 'DescribeStream', '/bigdata/obj', {}, [400, -20, 'ResourceIsnotStream']],
      ['a table where a stream should be', 'UpdateStream', '/bigdata/t/', { ShardCount: 3 }, [400, -20, 'ResourceIsnotStream']],
      ['a stream that exists', 'CreateStream', '/bigdata/s/', { ShardCount: 1, RetentionPeriodHours: 1 }, [400, -17, 'ResourceInUseException']],
      ['a table where the stream would go', 'CreateStream', '/bigdata/t/', {}, [400, -17, 'ResourceInUseException']],
      ['an object where the stream would go', 'CreateStream', '/bigdata/', { StreamName: 'obj' }, [400, -17, 'ResourceInUseException']],
      ['a shard past the last (URL)', 'Seek', '/bigdata/s/2', { Type: 'EARLIEST' }, [400, -201326594, 'ShardIDOutOfRangeException']],
      ['a shard past the last (body)', 'GetRecords', '/bigdata/s/', { ShardId: 7, Location: 'AQAAAAAAAAAAAAAAAAAAAA==' }, [400, -201326594, 'ShardIDOutOfRangeException']],
      ['no shard at all', 'Seek', '/bigdata/s/', { Type: 'EARLIEST' }, INVALID_ARGUMENT],
      ['a shard id that is not a number', 'Seek', '/bigdata/s/first', { Type: 'EARLIEST' }, INVALID_ARGUMENT],
      ['the container as the stream', 'CreateStream', '/bigdata/', {}, INVALID_ARGUMENT],
      ['a StreamName with a /', 'CreateStream', '/bigdata/', { StreamName: 'a/b' }, INVALID_ARGUMENT],
      ['ShardCount 0', 'CreateStream', '/bigdata/n/', { ShardCount: 0 }, INVALID_ARGUMENT],
      ['ShardCount 1.5', 'CreateStream', '/bigdata/n/', { ShardCount: 1.5 }, INVALID_ARGUMENT],
      ['ShardCount as text', 'CreateStream', '/bigdata/n/', { ShardCount: '2' }, INVALID_ARGUMENT],
      ['RetentionPeriodHours 0', 'CreateStream', '/bigdata/n/', { RetentionPeriodHours: 0 }, INVALID_ARGUMENT],
      ['UpdateStream without ShardCount', 'UpdateStream', '/bigdata/s/', {}, INVALID_ARGUMENT],
      ['GetRecords without Location', 'GetRecords', '/bigdata/s/0', {}, INVALID_ARGUMENT],
      ['GetRecords Limit 0', 'GetRecords', '/bigdata/s/0', { Location: 'AQAAAAAAAAAAAAAAAAAAAA==', Limit: 0 }, INVALID_ARGUMENT],
      ['a body that is not JSON', 'PutRecords', '/bigdata/s/', 'Records', INVALID_ARGUMENT],
    ];
    for (const [what, name, url, body, expected] of cases) {
      it(`${what}: ${name} answers ${expected.join(' ')}`, () => {
        expect(call(reference, name, url, body)).to.deep.equal(expected);
      });
    }

    it('function names are case-sensitive; POST and PUT alike; GET ignores X-v3io-function', () => {
      expect(call(reference, 'describestream', '/bigdata/s/', {})).to.deep.equal(INVALID_ARGUMENT);
      const viaPut = send(reference, 'PUT', '/bigdata/s/', [['X-v3io-function', 'DescribeStream'], ...VALID], '{}');
      expect(viaPut.status).to.equal(200);
      const viaGet = send(reference, 'GET', '/bigdata/obj', [['X-v3io-function', 'DescribeStream'], ...VALID]);
      expect(viaGet.body.toString()).to.equal('x');
    });
  });

  describe('NoSQL and object failures', () => {
    const cases: ReadonlyArray<readonly [what: string, name: string, url: string, body: unknown, expected: readonly unknown[]]> = [
      ['GetItem of a missing item', 'GetItem', '/bigdata/t/', { Key: { k: { S: 'nope' } } }, NOT_FOUND],
      ['GetItems of a missing table', 'GetItems', '/bigdata/nosuch/', {}, NOT_FOUND],
      ['UpdateItem without UpdateExpression', 'UpdateItem', '/bigdata/t/', { Key: { k: { S: 'i' } } }, INVALID_ARGUMENT],
      ['UpdateItem with a non-string expression', 'UpdateItem', '/bigdata/t/', { Key: { k: { S: 'i' } }, UpdateExpression: 1 }, INVALID_ARGUMENT],
      ['UpdateItem with a TableName that is ..', 'UpdateItem', '/bigdata/', { TableName: '..', Key: { k: { S: 'i' } }, UpdateExpression: '' }, INVALID_ARGUMENT],
      ['GetItems with a non-string FilterExpression', 'GetItems', '/bigdata/t/', { FilterExpression: true }, INVALID_ARGUMENT],
    ];
    for (const [what, name, url, body, expected] of cases) {
      it(`${what}: ${expected.join(' ')}`, () => {
        expect(call(reference, name, url, body)).to.deep.equal(expected);
      });
    }

    it('an empty UpdateExpression creates the item with its key only (documented)', () => {
      expect(call(reference, 'UpdateItem', '/bigdata/t/', { Key: { k: { S: 'empty' } }, UpdateExpression: '' })[0]).to.equal(200);
      expect(json(send(reference, 'POST', '/bigdata/t/empty', [['X-v3io-function', 'GetItem'], ...VALID], '{}'))).to.deep.equal({ Item: { k: { S: 'empty' } } });
    });

    it('an unsatisfiable range is 416 with -34; a directory with entries cannot be deleted (409, -39)', () => {
      const range = send(reference, 'GET', '/bigdata/obj', [...VALID, ['Range', 'bytes=5-']]);
      expect([range.status, json(range), range.headers['Content-Range']]).to.deep.equal([416, { ErrorCode: -34, ErrorMessage: 'Numerical result out of range' }, 'bytes */1']);
      const directory = send(reference, 'DELETE', '/bigdata/t/', VALID);
      expect([directory.status, json(directory)]).to.deep.equal([409, { ErrorCode: -39, ErrorMessage: 'Directory not empty' }]);
    });
  });
});
