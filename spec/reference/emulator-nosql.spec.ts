/**
 * The reference as a NoSQL store, over a real socket: PutItem, GetItem, UpdateItem and GetItems
 * with paging, projections and filters; response bodies checked against the suite's schemas.
 * @see /work/shared/spec/v3io-web-api.md "NoSQL"
 */
import { expect } from 'chai';
import { validateResponseBody } from '../../src/schemas/validate.js';
import { EmulatorClient, errorOf, type EmulatorResponse } from './emulator-client.js';

const TABLE = '/bigdata/people/';
const INVALID_ARGUMENT = [400, -201326592, 'InvalidArgumentException'];

/** The blob of a v3io-py int64 array (kv_array.py): magic, version, size, operand type 259, values; little-endian. */
function int64Array(values: readonly number[]): string {
  const bytes = Buffer.alloc(16 + values.length * 8);
  [11223344, 1, values.length * 8, 259].forEach((word, index) => bytes.writeUInt32LE(word, index * 4));
  values.forEach((value, index) => bytes.writeBigInt64LE(BigInt(value), 16 + index * 8));
  return bytes.toString('base64');
}

/** The same with float64 values (operand type 261). */
function float64Array(values: readonly number[]): string {
  const bytes = Buffer.alloc(16 + values.length * 8);
  [11223344, 1, values.length * 8, 261].forEach((word, index) => bytes.writeUInt32LE(word, index * 4));
  values.forEach((value, index) => bytes.writeDoubleLE(value, 16 + index * 8));
  return bytes.toString('base64');
}

/** The `__name` of each item of a GetItems answer (asked for with AttributesToGet `__name`). */
function itemNames(response: EmulatorResponse): string[] {
  expect(response.status).to.equal(200);
  return (response.json()['Items'] as Array<{ __name: { S: string } }>).map((i) => i.__name.S);
}

const PEOPLE: ReadonlyArray<readonly [name: string, age: number, city: string]> = [
  ['ada', 36, 'London'],
  ['alan', 41, 'Manchester'],
  ['grace', 85, 'Arlington'],
  ['linus', 28, 'Helsinki'],
  ['margaret', 33, 'Boston'],
];

describe('reference emulator: NoSQL (real socket)', () => {
  let client: EmulatorClient;

  beforeEach(async () => {
    client = await EmulatorClient.start();
    for (const [name, age, city] of PEOPLE) {
      const put = await client.call('PutItem', TABLE, { Key: { name: { S: name } }, Item: { age: { N: String(age) }, city: { S: city } } });
      expect(put.status).to.equal(200);
    }
  });
  afterEach(() => client.close());

  async function item(name: string, attributes = '*'): Promise<Record<string, unknown>> {
    const response = await client.call('GetItem', TABLE, { Key: { name: { S: name } }, AttributesToGet: attributes });
    expect(response.status).to.equal(200);
    expect(validateResponseBody('get-item', response.json()).errors).to.deep.equal([]);
    return response.json()['Item'] as Record<string, unknown>;
  }

  describe('PutItem and GetItem', () => {
    it('reads back what was written, with the key attribute, by POST or PUT', async () => {
      expect(await item('ada')).to.deep.equal({ name: { S: 'ada' }, age: { N: '36' }, city: { S: 'London' } });
      const viaPut = await client.call('GetItem', `${TABLE}ada`, {}, { method: 'PUT' });
      expect(viaPut.json()['Item']).to.deep.equal({ name: { S: 'ada' }, age: { N: '36' }, city: { S: 'London' } });
    });

    it('answers a write with Last-Modified and the X-v3io-transaction-verifier the SDKs parse', async () => {
      const put = await client.call('PutItem', TABLE, { Key: { name: { S: 'x' } }, Item: {} });
      expect(put.headers.get('x-v3io-transaction-verifier')).to.match(/^__mtime_secs==\d+ and __mtime_nsecs==\d+$/);
      expect(put.headers.get('last-modified')).to.be.a('string');
    });

    it('selects attributes: a list, * for user attributes, ** for those and the system attributes', async () => {
      expect(await item('ada', 'city, nosuch')).to.deep.equal({ city: { S: 'London' } });
      expect(await item('ada', '__name')).to.deep.equal({ __name: { S: 'ada' } });
      expect(Object.keys(await item('ada', '**')).sort()).to.deep.equal(['__mtime_nsecs', '__mtime_secs', '__name', '__size', 'age', 'city', 'name']);
    });

    it('__size is the size of the body the item has as an object (0 for an item only), __mtime_secs its modification time', async () => {
      expect(await item('ada', '__size')).to.deep.equal({ __size: { N: '0' } });
      const before = Date.now();
      await client.request('PUT', `${TABLE}ada`, { body: 'twelve bytes' });
      const after = Date.now();
      expect(await item('ada', '__size,age')).to.deep.equal({ __size: { N: '12' }, age: { N: '36' } });
      const { __mtime_secs: seconds } = (await item('ada', '__mtime_secs')) as { __mtime_secs: { N: string } };
      // The second of the write: between the request and its answer, however slow.
      expect(Number(seconds.N)).to.be.within(Math.floor(before / 1000), Math.ceil(after / 1000));
    });

    it('PutItem replaces the attributes; with UpdateMode CreateOrReplaceAttributes (v3io-py kv.update) merges them', async () => {
      await client.call('PutItem', `${TABLE}ada`, { Item: { height: { N: '165' } } });
      expect(await item('ada')).to.deep.equal({ height: { N: '165' } });
      const merged = await client.call('PutItem', `${TABLE}alan`, { UpdateMode: 'CreateOrReplaceAttributes', Item: { age: { N: '42' }, quip: { S: 'hello' } } });
      expect(merged.status).to.equal(200);
      expect(await item('alan')).to.deep.equal({ name: { S: 'alan' }, age: { N: '42' }, city: { S: 'Manchester' }, quip: { S: 'hello' } });
      await client.call('PutItem', `${TABLE}new`, { UpdateMode: 'CreateOrReplaceAttributes', Item: { a: { N: '1' } } });
      expect(await item('new')).to.deep.equal({ a: { N: '1' } });
    });

    it('an UpdateMode the reference does not offer is a 400 that writes nothing', async () => {
      for (const mode of ['ReplaceItem', '', 'createorreplaceattributes']) {
        const response = await client.call('PutItem', `${TABLE}ada`, { UpdateMode: mode, Item: { age: { N: '1' } } });
        expect(errorOf(response), mode).to.deep.equal(INVALID_ARGUMENT);
      }
      expect((await item('ada'))['age']).to.deep.equal({ N: '36' });
    });

    it('stores a TS attribute ("<seconds>:<nanoseconds>", v3io-py\'s datetime) as sent, compares it in time order, rejects a malformed one', async () => {
      await client.call('PutItem', `${TABLE}ada`, { Item: { born: { TS: '1700000000:123456789' }, since: { TS: '1700000000:99' } } });
      await client.call('PutItem', `${TABLE}alan`, { Item: { born: { TS: '1699999999:999999999' }, since: { TS: '1700000000:0' } } });
      expect(await item('ada')).to.deep.equal({ born: { TS: '1700000000:123456789' }, since: { TS: '1700000000:99' } });
      expect(itemNames(await client.call('GetItems', TABLE, { FilterExpression: 'born > since', AttributesToGet: '__name' }))).to.deep.equal(['ada']);
      expect(itemNames(await client.call('GetItems', TABLE, { FilterExpression: 'born < since', AttributesToGet: '__name' }))).to.deep.equal(['alan']);
      for (const ts of ['1700000000', '1700000000:1234567890', 'x:1', '1:-1']) {
        expect(errorOf(await client.call('PutItem', `${TABLE}ada`, { Item: { born: { TS: ts } } })), ts).to.deep.equal(INVALID_ARGUMENT);
      }
    });

    it('a false ConditionExpression is a 400 and writes nothing', async () => {
      const response = await client.call('PutItem', TABLE, { Key: { name: { S: 'ada' } }, Item: { age: { N: '1' } }, ConditionExpression: 'age > 100' });
      expect(errorOf(response)).to.deep.equal(INVALID_ARGUMENT);
      expect((await item('ada', 'age'))['age']).to.deep.equal({ N: '36' });
    });
  });

  describe('UpdateItem', () => {
    it('SET of literals and of a + n, several ;-separated clauses, applied in order', async () => {
      const expression = "SET age = age + 1; SET city = 'Cambridge'; visits = 2; visits = visits / 1";
      expect(errorOf(await client.call('UpdateItem', TABLE, { Key: { name: { S: 'alan' } }, UpdateExpression: expression }))).to.deep.equal(INVALID_ARGUMENT);
      const valid = "SET age = age + 1; SET city = 'Cambridge'; visits = 2; visits = visits - 0.5; flag = true;";
      const update = await client.call('UpdateItem', TABLE, { Key: { name: { S: 'alan' } }, UpdateExpression: valid });
      expect(update.status).to.equal(200);
      expect(update.body.length).to.equal(0);
      expect(await item('alan')).to.deep.equal({ name: { S: 'alan' }, age: { N: '42' }, city: { S: 'Cambridge' }, visits: { N: '1.5' }, flag: { BOOL: true } });
    });

    it('a[i] reads and writes element i of a numeric array blob (v3io-py lists), with * for products', async () => {
      await client.call('PutItem', `${TABLE}ada`, { Item: { ints: { B: int64Array([1, 2, 3]) }, floats: { B: float64Array([10.25, 20.25]) } } });
      const update = await client.call('UpdateItem', `${TABLE}ada`, { UpdateExpression: 'ints[1] = ints[1] * 2; floats[0] = floats[1] * 2 + ints[2]; n = ints[0] + 2 * 3' });
      expect(update.status, update.text()).to.equal(200);
      expect(await item('ada')).to.deep.equal({ ints: { B: int64Array([1, 4, 3]) }, floats: { B: float64Array([43.5, 20.25]) }, n: { N: '7' } });
    });

    it('an element past the end, of a blob that is no array, or a value that does not fit the array, is a 400 that changes nothing', async () => {
      const before = { ints: { B: int64Array([1, 2]) }, raw: { B: 'AAE=' } };
      await client.call('PutItem', `${TABLE}ada`, { Item: before });
      for (const expression of ['ints[2] = 1', 'x = ints[5]', 'raw[0] = 1', 'x = raw[0]', 'ints[0] = 1.5', "ints[0] = 'a'", 'ints[-1] = 0', 'x = nosuch[0]']) {
        expect(errorOf(await client.call('UpdateItem', `${TABLE}ada`, { UpdateExpression: expression })), expression).to.deep.equal(INVALID_ARGUMENT);
      }
      expect(await item('ada')).to.deep.equal(before);
    });

    it('creates a missing item; if_not_exists and REMOVE', async () => {
      const key = { Key: { name: { S: 'new' } } };
      await client.call('UpdateItem', TABLE, { ...key, UpdateExpression: 'SET hits = if_not_exists(hits, 0) + 1; SET tmp = 1' });
      await client.call('UpdateItem', TABLE, { ...key, UpdateExpression: 'SET hits = if_not_exists(hits, 0) + 1; REMOVE tmp' });
      expect(await item('new')).to.deep.equal({ name: { S: 'new' }, hits: { N: '2' } });
    });

    it('keeps integers exact beyond 2^53', async () => {
      await client.call('PutItem', TABLE, { Key: { name: { S: 'big' } }, Item: { n: { N: '9007199254740993' } } });
      await client.call('UpdateItem', TABLE, { Key: { name: { S: 'big' } }, UpdateExpression: 'SET n = n + 10' });
      expect((await item('big', 'n'))['n']).to.deep.equal({ N: '9007199254741003' });
    });

    it('a reference to a missing attribute, arithmetic on a string, or bad syntax is a 400 that changes nothing', async () => {
      for (const expression of ['SET age = nosuch + 1', 'SET city = city + 1', 'SET = 1', "SET city = 'unterminated", 'SET a = 1 SET b = 2']) {
        const response = await client.call('UpdateItem', TABLE, { Key: { name: { S: 'ada' } }, UpdateExpression: expression });
        expect(errorOf(response), expression).to.deep.equal(INVALID_ARGUMENT);
      }
      expect(await item('ada')).to.deep.equal({ name: { S: 'ada' }, age: { N: '36' }, city: { S: 'London' } });
    });

    it('ConditionExpression: applies the update when true, the alternate or a 400 when false', async () => {
      const key = { Key: { name: { S: 'ada' } } };
      expect((await client.call('UpdateItem', TABLE, { ...key, UpdateExpression: 'SET age = 37', ConditionExpression: "city == 'London'" })).status).to.equal(200);
      expect(errorOf(await client.call('UpdateItem', TABLE, { ...key, UpdateExpression: 'SET age = 99', ConditionExpression: 'age > 50' }))).to.deep.equal(INVALID_ARGUMENT);
      const alternate = { ...key, UpdateExpression: 'SET age = 99', AlternateUpdateExpression: "SET city = 'Paris'", ConditionExpression: 'age > 50' };
      expect((await client.call('UpdateItem', TABLE, alternate)).status).to.equal(200);
      expect(await item('ada')).to.deep.equal({ name: { S: 'ada' }, age: { N: '37' }, city: { S: 'Paris' } });
    });
  });

  describe('GetItems', () => {
    async function getItems(body: Record<string, unknown>): Promise<Record<string, unknown>> {
      const response: EmulatorResponse = await client.call('GetItems', TABLE, body, { method: 'PUT' });
      expect(response.status).to.equal(200);
      expect(validateResponseBody('get-items', response.json()).errors).to.deep.equal([]);
      return response.json();
    }
    const names = (page: Record<string, unknown>): string[] => (page['Items'] as Array<Record<string, { S: string }>>).map((i) => i['name']!.S);

    it('returns every item of the table in name order, LastItemIncluded "TRUE" (a string), no NextMarker', async () => {
      const page = await getItems({});
      expect(names(page)).to.deep.equal(PEOPLE.map(([name]) => name));
      expect([page['LastItemIncluded'], page['NumItems'], page['NextMarker']]).to.deep.equal(['TRUE', 5, undefined]);
    });

    it('pages with Limit and Marker until LastItemIncluded is "TRUE"', async () => {
      const seen: string[] = [];
      let marker: string | undefined;
      const flags: unknown[] = [];
      for (let round = 0; round < 5; round += 1) {
        const page = await getItems({ Limit: 2, AttributesToGet: 'name', ...(marker === undefined ? {} : { Marker: marker }) });
        seen.push(...names(page));
        flags.push(page['LastItemIncluded']);
        expect(page['NumItems']).to.equal(names(page).length);
        if (page['LastItemIncluded'] === 'TRUE') break;
        marker = page['NextMarker'] as string;
        expect(marker).to.be.a('string').and.not.equal('');
      }
      expect(seen).to.deep.equal(PEOPLE.map(([name]) => name));
      expect(flags).to.deep.equal(['FALSE', 'FALSE', 'TRUE']);
    });

    const filters: ReadonlyArray<readonly [filter: string, expected: readonly string[]]> = [
      ['age > 35', ['ada', 'alan', 'grace']],
      ['age >= 36 and age <= 41', ['ada', 'alan']],
      ["city = 'Boston' or city == 'Helsinki'", ['linus', 'margaret']],
      ["city <> 'London' AND age < 40", ['linus', 'margaret']],
      ["not (age > 30) or city != 'Arlington' and age > 80", ['linus']],
      ['nosuch = 1 or nosuch != 1', []],
      ["age = '36'", []],
      ["city < 'C'", ['grace', 'margaret']],
    ];
    for (const [filter, expected] of filters) {
      it(`FilterExpression ${filter}`, async () => {
        expect(names(await getItems({ FilterExpression: filter }))).to.deep.equal(expected);
      });
    }

    it('Limit counts the items that pass the filter', async () => {
      const first = await getItems({ FilterExpression: 'age > 30', Limit: 2 });
      expect([names(first), first['LastItemIncluded']]).to.deep.equal([['ada', 'alan'], 'FALSE']);
      const rest = await getItems({ FilterExpression: 'age > 30', Limit: 2, Marker: first['NextMarker'] });
      expect([names(rest), rest['LastItemIncluded']]).to.deep.equal([['grace', 'margaret'], 'TRUE']);
    });

    it('TableName joins the URL, as a name or a relative path (v3io-py table_name)', async () => {
      await client.call('PutItem', '/bigdata/some_dir/table/x', { Item: { a: { N: '1' } } });
      expect(itemNames(await client.call('GetItems', '/bigdata/', { TableName: 'some_dir/table', AttributesToGet: '__name' }))).to.deep.equal(['x']);
      expect(itemNames(await client.call('GetItems', '/bigdata/some_dir/', { TableName: '/table/', AttributesToGet: '__name' }))).to.deep.equal(['x']);
      for (const tableName of ['..', 'some_dir/../table', '/', '']) {
        expect(errorOf(await client.call('GetItems', '/bigdata/', { TableName: tableName })), tableName).to.deep.equal(INVALID_ARGUMENT);
      }
    });

    it('a table whose items were all deleted is still a directory: no items, LastItemIncluded "TRUE"', async () => {
      for (const [name] of PEOPLE) expect((await client.request('DELETE', `${TABLE}${name}`)).status).to.equal(200);
      const response = await client.call('GetItems', TABLE, {});
      expect([response.status, response.json()['Items'], response.json()['LastItemIncluded']]).to.deep.equal([200, [], 'TRUE']);
    });

    it('Segment of TotalSegment: the segments of a parallel scan hold every item exactly once', async () => {
      for (let index = 0; index < 40; index += 1) await client.call('PutItem', `${TABLE}extra-${index}`, { Item: { i: { N: String(index) } } });
      const seen: string[] = [];
      for (let segment = 0; segment < 4; segment += 1) {
        const part = itemNames(await client.call('GetItems', TABLE, { Segment: segment, TotalSegment: 4, AttributesToGet: '__name' }));
        expect(part.length, `segment ${segment}`).to.be.within(1, 44);
        seen.push(...part);
      }
      expect(seen.sort()).to.deep.equal(itemNames(await client.call('GetItems', TABLE, { AttributesToGet: '__name' })).sort());
      for (const body of [{ Segment: 1 }, { TotalSegment: 2 }, { Segment: 2, TotalSegment: 2 }, { Segment: 0, TotalSegment: 0 }, { Segment: 0, TotalSegment: 1025 }]) {
        expect(errorOf(await client.call('GetItems', TABLE, body)), JSON.stringify(body)).to.deep.equal(INVALID_ARGUMENT);
      }
    });

    it('TableName joins the URL; a missing table is a 404; a bad filter, Limit or Marker, or a range scan (not offered), a 400', async () => {
      expect(names((await client.call('GetItems', '/bigdata/', { TableName: 'people' })).json())).to.have.length(5);
      expect(errorOf(await client.call('GetItems', '/bigdata/nosuch/', {}))).to.deep.equal([404, -2, 'No such file or directory']);
      for (const body of [{ FilterExpression: 'age >' }, { FilterExpression: 'age ~ 3' }, { Limit: 0 }, { Limit: 'all' }, { Marker: '!!' }, { ShardingKey: 'a' }, { SortKeyRangeStart: 'a' }, { SortKeyRangeEnd: 'b' }]) {
        expect(errorOf(await client.call('GetItems', TABLE, body)), JSON.stringify(body)).to.deep.equal(INVALID_ARGUMENT);
      }
    });
  });
});
