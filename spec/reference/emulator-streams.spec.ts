/**
 * The reference as a stream service, over a real socket: CreateStream, DescribeStream,
 * UpdateStream, PutRecords, Seek (and SeekShard) and GetRecords, bodies checked against the
 * suite's schemas.
 * @see /work/shared/spec/v3io-web-api.md "Streaming"
 */
import { expect } from 'chai';
import type { SchemaId } from '../../src/cases/operations.js';
import { validateResponseBody } from '../../src/schemas/validate.js';
import { EmulatorClient, errorOf } from './emulator-client.js';

const STREAM = '/bigdata/app/events/';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const text = (data: unknown): string => Buffer.from(String(data), 'base64').toString('utf8');

interface RecordOut {
  readonly ArrivalTimeSec: number;
  readonly ArrivalTimeNSec: number;
  readonly SequenceNumber: number;
  readonly PartitionKey?: string;
  readonly ClientInfo?: string;
  readonly Data: string;
}

describe('reference emulator: streams (real socket)', () => {
  let client: EmulatorClient;

  beforeEach(async () => {
    client = await EmulatorClient.start();
  });
  afterEach(() => client.close());

  /** A function call that must succeed, its body valid against the schema. */
  async function ok(name: string, path: string, body: unknown, schema?: SchemaId): Promise<Record<string, unknown>> {
    const response = await client.call(name, path, body);
    expect(response.status, `${name}: ${response.text()}`).to.equal(200);
    if (!schema) {
      expect(response.body.length).to.equal(0);
      return {};
    }
    expect(validateResponseBody(schema, response.json()).errors).to.deep.equal([]);
    return response.json();
  }

  async function seek(shard: number, body: Record<string, unknown>, name = 'Seek'): Promise<string> {
    return (await ok(name, `${STREAM}${shard}`, body, 'seek'))['Location'] as string;
  }

  async function read(shard: number, location: string, limit?: number): Promise<{ records: RecordOut[]; next: string; behind: number; msBehind: number }> {
    const page = await ok('GetRecords', `${STREAM}${shard}`, { Location: location, ...(limit === undefined ? {} : { Limit: limit }) }, 'get-records');
    return { records: page['Records'] as RecordOut[], next: page['NextLocation'] as string, behind: page['RecordsBehindLatest'] as number, msBehind: page['MSecBehindLatest'] as number };
  }

  it('CreateStream then DescribeStream; defaults of 1 shard and 24 hours; StreamName joins the URL', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 3, RetentionPeriodHours: 2 });
    expect(await ok('DescribeStream', STREAM, {}, 'describe-stream')).to.deep.equal({ ShardCount: 3, RetentionPeriodHours: 2 });
    await ok('CreateStream', '/bigdata/app/', { StreamName: 'defaults' });
    expect(await ok('DescribeStream', '/bigdata/app/', { StreamName: 'defaults' }, 'describe-stream')).to.deep.equal({ ShardCount: 1, RetentionPeriodHours: 24 });
  });

  it('DescribeStream accepts an empty body, as v3io-go sends it', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 1, RetentionPeriodHours: 1 });
    const response = await client.request('PUT', STREAM, { headers: { 'X-v3io-function': 'DescribeStream' } });
    expect([response.status, response.json()]).to.deep.equal([200, { ShardCount: 1, RetentionPeriodHours: 1 }]);
  });

  it('UpdateStream raises the shard count; a count not larger is InvalidShardCountException', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 1, RetentionPeriodHours: 1 });
    await ok('UpdateStream', STREAM, { ShardCount: 4 });
    expect((await ok('DescribeStream', STREAM, {}, 'describe-stream'))['ShardCount']).to.equal(4);
    for (const count of [4, 2]) {
      expect(errorOf(await client.call('UpdateStream', STREAM, { ShardCount: count }))).to.deep.equal([400, -201326592, 'InvalidShardCountException']);
    }
    const put = await ok('PutRecords', STREAM, { Records: [{ Data: b64('to the new shard'), ShardId: 3 }] }, 'put-records');
    expect(put).to.deep.equal({ FailedRecordCount: 0, Records: [{ SequenceNumber: 1, ShardId: 3 }] });
  });

  it('PutRecords assigns sequence numbers per shard, by ShardId, by partition key, or round robin', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 2, RetentionPeriodHours: 1 });
    const put = await ok(
      'PutRecords',
      STREAM,
      {
        Records: [
          { Data: b64('a'), ShardId: 1 },
          { Data: b64('b'), ShardId: 1 },
          { Data: b64('c'), PartitionKey: 'user-7' },
          { Data: b64('d'), PartitionKey: 'user-7' },
          { Data: b64('e') },
          { Data: b64('f') },
        ],
      },
      'put-records',
    );
    const results = put['Records'] as Array<{ SequenceNumber: number; ShardId: number }>;
    expect(put['FailedRecordCount']).to.equal(0);
    expect(results.slice(0, 2)).to.deep.equal([{ SequenceNumber: 1, ShardId: 1 }, { SequenceNumber: 2, ShardId: 1 }]);
    expect(results[2]!.ShardId, 'same key, same shard').to.equal(results[3]!.ShardId);
    expect(new Set([results[4]!.ShardId, results[5]!.ShardId]), 'round robin').to.deep.equal(new Set([0, 1]));
    // Per shard, the sequence numbers are 1, 2, 3, ... in the order the records came.
    for (const shard of [0, 1]) {
      const numbers = results.filter((r) => r.ShardId === shard).map((r) => r.SequenceNumber);
      expect(numbers).to.deep.equal(numbers.map((_, i) => i + 1));
    }
  });

  it('a ShardId past the last shard fails that record only; a malformed record fails the request', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 1, RetentionPeriodHours: 1 });
    const put = await ok('PutRecords', STREAM, { Records: [{ Data: b64('kept'), ShardId: 0 }, { Data: b64('lost'), ShardId: 5 }] }, 'put-records');
    expect(put).to.deep.equal({ FailedRecordCount: 1, Records: [{ SequenceNumber: 1, ShardId: 0 }, { ErrorCode: -201326594, ErrorMessage: 'ShardIDOutOfRangeException' }] });
    for (const records of [[], [{ Data: 'not base64!' }], [{ PartitionKey: 'no data' }], [{ Data: 'AA==', ClientInfo: b64('x'.repeat(17)) }], 'x']) {
      expect(errorOf(await client.call('PutRecords', STREAM, { Records: records })), JSON.stringify(records)).to.deep.equal([400, -201326592, 'InvalidArgumentException']);
    }
    const all = await read(0, await seek(0, { Type: 'EARLIEST' }));
    expect(all.records.map((r) => text(r.Data))).to.deep.equal(['kept']);
  });

  it('Seek EARLIEST, then GetRecords with Limit and NextLocation reads every record once, with its fields', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 1, RetentionPeriodHours: 1 });
    const before = Math.floor(Date.now() / 1000);
    await ok('PutRecords', STREAM, { Records: [{ Data: b64('r1'), PartitionKey: 'k', ClientInfo: b64('info') }, { Data: b64('r2') }, { Data: b64('r3') }] }, 'put-records');
    const first = await read(0, await seek(0, { Type: 'EARLIEST' }), 2);
    expect(first.records.map((r) => [r.SequenceNumber, text(r.Data)])).to.deep.equal([[1, 'r1'], [2, 'r2']]);
    expect([first.records[0]!.PartitionKey, text(first.records[0]!.ClientInfo), first.records[1]!.PartitionKey]).to.deep.equal(['k', 'info', undefined]);
    expect(first.records[0]!.ArrivalTimeSec).to.be.within(before, before + 5);
    expect(first.records[0]!.ArrivalTimeNSec).to.be.within(0, 999_999_999);
    expect([first.behind, first.msBehind]).to.deep.equal([1, 0]);
    const second = await read(0, first.next, 2);
    expect([second.records.map((r) => text(r.Data)), second.behind]).to.deep.equal([['r3'], 0]);
    const end = await read(0, second.next);
    expect([end.records, end.next]).to.deep.equal([[], second.next]);
    await ok('PutRecords', STREAM, { Records: [{ Data: b64('r4') }] }, 'put-records');
    expect((await read(0, second.next)).records.map((r) => text(r.Data))).to.deep.equal(['r4']);
  });

  it('Seek LATEST, SEQUENCE and TIME (and the SDKs\' SeekShard); ShardId in the body instead of the URL', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 1, RetentionPeriodHours: 1 });
    await ok('PutRecords', STREAM, { Records: [{ Data: b64('one') }, { Data: b64('two') }] }, 'put-records');
    const afterTwo = Math.ceil(Date.now() / 1000) + 1;
    const latest = await seek(0, { Type: 'LATEST' }, 'SeekShard');
    expect((await read(0, latest)).records).to.deep.equal([]);
    await ok('PutRecords', STREAM, { Records: [{ Data: b64('three') }] }, 'put-records');
    expect((await read(0, latest)).records.map((r) => text(r.Data))).to.deep.equal(['three']);
    expect((await read(0, await seek(0, { Type: 'SEQUENCE', StartingSequenceNumber: 2 }))).records.map((r) => r.SequenceNumber)).to.deep.equal([2, 3]);
    expect((await read(0, await seek(0, { Type: 'TIME', TimestampSec: 0, TimestampNSec: 0 }))).records).to.have.length(3);
    expect((await read(0, await seek(0, { Type: 'TIME', TimestampSec: afterTwo + 3600, TimestampNSec: 0 }))).records).to.deep.equal([]);
    const viaBody = await ok('Seek', STREAM, { ShardId: 0, Type: 'EARLIEST' }, 'seek');
    const viaName = await ok('GetRecords', '/bigdata/app/', { StreamName: 'events', ShardId: 0, Location: viaBody['Location'] }, 'get-records');
    expect((viaName['Records'] as RecordOut[]).map((r) => r.SequenceNumber)).to.deep.equal([1, 2, 3]);
  });

  it('a Seek of an unknown type or sequence, and a location from another shard or made up, are 400s', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 2, RetentionPeriodHours: 1 });
    await ok('PutRecords', STREAM, { Records: [{ Data: b64('x'), ShardId: 0 }] }, 'put-records');
    for (const body of [{ Type: 'FIRST' }, { Type: 'SEQUENCE', StartingSequenceNumber: 9 }, { Type: 'TIME' }, {}]) {
      expect(errorOf(await client.call('Seek', `${STREAM}0`, body)), JSON.stringify(body)).to.deep.equal([400, -201326592, 'InvalidArgumentException']);
    }
    const shardOne = await seek(1, { Type: 'EARLIEST' });
    for (const location of [shardOne, 'AQAAAAAAAAAAAAAAAAAAZA==', 'AAAAAAAAAAAAAAAAAAAAAA==', 'bm90IGEgbG9jYXRpb24=', '!!']) {
      expect(errorOf(await client.call('GetRecords', `${STREAM}0`, { Location: location })), location).to.deep.equal([400, -201326592, 'IllegalLocation']);
    }
  });

  it('addresses a shard as <stream>/<shard id>/ too, with the trailing slash v3io-py adds (stream.py, seek and get_records)', async () => {
    await ok('CreateStream', STREAM, { ShardCount: 2, RetentionPeriodHours: 1 });
    await ok('PutRecords', STREAM, { Records: [{ Data: b64('first'), ShardId: 1 }, { Data: b64('second'), ShardId: 1 }] }, 'put-records');
    const location = (await ok('SeekShard', `${STREAM}1/`, { Type: 'EARLIEST' }, 'seek'))['Location'];
    const page = await ok('GetRecords', `${STREAM}1/`, { Location: location }, 'get-records');
    expect((page['Records'] as RecordOut[]).map((r) => text(r.Data))).to.deep.equal(['first', 'second']);
    expect(errorOf(await client.call('SeekShard', `${STREAM}2/`, { Type: 'EARLIEST' }))).to.deep.equal([400, -201326594, 'ShardIDOutOfRangeException']);
    expect(errorOf(await client.call('SeekShard', `${STREAM}x/`, { Type: 'EARLIEST' }))[2]).to.equal('InvalidArgumentException');
  });
});
