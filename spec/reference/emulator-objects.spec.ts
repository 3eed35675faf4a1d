/**
 * The reference as a simple-object store, over a real socket: byte ranges, appends, validators,
 * directory-style listings with paging, HEAD of a container, deletion of directories.
 * @see /work/shared/spec/v3io-web-api.md "Simple objects"
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-14
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { DENIED } from './helpers.js';
import { EmulatorClient, errorOf } from './emulator-client.js';

const OBJECT = '/bigdata/docs/alphabet.txt';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** `<Key>` and `<Prefix>` values of a listing, in order (CommonPrefixes' prefixes only). */
function keysOf(xml: string): string[] {
  return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
}
function prefixesOf(xml: string): string[] {
  return [...xml.matchAll(/<CommonPrefixes><Prefix>([^<]*)<\/Prefix><\/CommonPrefixes>/g)].map((m) => m[1]!);
}
function elementOf(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

describe('reference emulator: simple objects (real socket)', () => {
  let client: EmulatorClient;

  beforeEach(async () => {
    client = await EmulatorClient.start();
  });
  afterEach(() => client.close());

  describe('byte ranges on GET', () => {
    beforeEach(async () => {
      expect((await client.request('PUT', OBJECT, { body: ALPHABET, headers: { 'Content-Type': 'text/plain' } })).status).to.equal(200);
    });

    const partial: ReadonlyArray<readonly [range: string, body: string, contentRange: string]> = [
      ['bytes=0-4', 'abcde', 'bytes 0-4/26'],
      ['bytes=23-', 'xyz', 'bytes 23-25/26'],
      ['bytes=-3', 'xyz', 'bytes 23-25/26'],
      ['bytes=20-99', 'uvwxyz', 'bytes 20-25/26'],
      ['bytes=-100', ALPHABET, 'bytes 0-25/26'],
      // v3io-py's offset without a length (request.py, encode_get_object).
      ['bytes=4', 'efghijklmnopqrstuvwxyz', 'bytes 4-25/26'],
    ];
    for (const [range, body, contentRange] of partial) {
      it(`${range}: 206 with "${body}" and Content-Range ${contentRange}`, async () => {
        const response = await client.request('GET', OBJECT, { headers: { Range: range } });
        expect([response.status, response.text(), response.headers.get('content-range')]).to.deep.equal([206, body, contentRange]);
        expect(response.headers.get('content-type')).to.equal('text/plain');
      });
    }

    it('a range past the end is 416 with Content-Range bytes */<size> and a V3IO error', async () => {
      for (const range of ['bytes=26-', 'bytes=30-40', 'bytes=-0']) {
        const response = await client.request('GET', OBJECT, { headers: { Range: range } });
        expect(response.status, range).to.equal(416);
        expect(response.headers.get('content-range'), range).to.equal('bytes */26');
      }
    });

    it('a Range it does not serve (several ranges, another unit, nonsense, end before start) gets the whole object', async () => {
      for (const range of ['bytes=0-1,3-4', 'items=0-1', 'bytes=x-y', 'bytes=5-2']) {
        const response = await client.request('GET', OBJECT, { headers: { Range: range } });
        expect([response.status, response.text()], range).to.deep.equal([200, ALPHABET]);
      }
    });

    it('HEAD with a range answers the headers of the partial GET', async () => {
      const response = await client.request('HEAD', OBJECT, { headers: { Range: 'bytes=0-9' } });
      expect([response.status, response.headers.get('content-length'), response.headers.get('content-range')]).to.deep.equal([206, '10', 'bytes 0-9/26']);
      expect(response.body.length).to.equal(0);
    });
  });

  describe('append and validators', () => {
    it('PUT with Range: -1 appends; without it, replaces', async () => {
      await client.request('PUT', OBJECT, { body: 'abc' });
      expect((await client.request('PUT', OBJECT, { body: 'def', headers: { Range: '-1' } })).status).to.equal(200);
      expect((await client.request('POST', OBJECT, { body: 'ghi', headers: { Range: '-1' } })).status).to.equal(200);
      expect((await client.request('GET', OBJECT)).text()).to.equal('abcdefghi');
      await client.request('PUT', OBJECT, { body: 'new' });
      expect((await client.request('GET', OBJECT)).text()).to.equal('new');
    });

    it('appending to a missing object creates it', async () => {
      await client.request('PUT', '/bigdata/log', { body: 'first line\n', headers: { Range: '-1' } });
      expect((await client.request('GET', '/bigdata/log')).text()).to.equal('first line\n');
    });

    it('a Range on PUT other than -1 is a 400 and changes nothing', async () => {
      await client.request('PUT', OBJECT, { body: 'kept' });
      const response = await client.request('PUT', OBJECT, { body: 'x', headers: { Range: 'bytes=2-' } });
      expect(errorOf(response)).to.deep.equal([400, -201326592, 'InvalidArgumentException']);
      expect((await client.request('GET', OBJECT)).text()).to.equal('kept');
    });

    it('PUT, GET and HEAD carry the same ETag (quoted MD5) and Last-Modified; a write changes the ETag', async () => {
      const before = Date.now();
      const put = await client.request('PUT', OBJECT, { body: ALPHABET });
      const after = Date.now();
      const etag = `"${createHash('md5').update(ALPHABET).digest('hex')}"`;
      expect(put.headers.get('etag')).to.equal(etag);
      const lastModified = put.headers.get('last-modified');
      // The time of the write, to the second of an HTTP-date: between the request and its answer, however slow.
      expect(new Date(lastModified ?? '').getTime()).to.be.within(Math.floor(before / 1000) * 1000, after);
      for (const method of ['GET', 'HEAD']) {
        const response = await client.request(method, OBJECT);
        expect([response.headers.get('etag'), response.headers.get('last-modified'), response.headers.get('accept-ranges')], method).to.deep.equal([etag, lastModified, 'bytes']);
      }
      await client.request('PUT', OBJECT, { body: 'z', headers: { Range: '-1' } });
      expect((await client.request('HEAD', OBJECT)).headers.get('etag')).to.not.equal(etag);
    });
  });

  describe('container listing', () => {
    const KEYS = ['a.txt', 'dir/1', 'dir/2', 'dir/sub/deep', 'dir/sub/deeper/x', 'dir2/y', 'zeta'];

    beforeEach(async () => {
      for (const key of KEYS) await client.request('PUT', `/bigdata/${key}`, { body: key });
    });

    it('lists one directory level: objects as Contents, sub-directories as CommonPrefixes, with Delimiter /', async () => {
      const root = (await client.request('GET', '/bigdata/')).text();
      expect(keysOf(root)).to.deep.equal(['a.txt', 'zeta']);
      expect(prefixesOf(root)).to.deep.equal(['dir/', 'dir2/']);
      expect(elementOf(root, 'Delimiter')).to.equal('/');
      const dir = (await client.request('GET', '/bigdata/?prefix=dir/')).text();
      expect(keysOf(dir)).to.deep.equal(['dir/1', 'dir/2']);
      expect(prefixesOf(dir)).to.deep.equal(['dir/sub/']);
      expect(elementOf(dir, 'Prefix')).to.equal('dir/');
    });

    it('prefix names a directory, with or without a leading or trailing / (v3io-py sends "/" for the root and paths without the trailing /)', async () => {
      const expected = (await client.request('GET', '/bigdata/?prefix=dir/')).text();
      for (const prefix of ['dir', '/dir', '/dir/', 'dir//']) {
        const listing = (await client.request('GET', `/bigdata?prefix=${encodeURIComponent(prefix)}`)).text();
        expect([keysOf(listing), prefixesOf(listing)], prefix).to.deep.equal([['dir/1', 'dir/2'], ['dir/sub/']]);
        expect(listing, prefix).to.equal(expected);
      }
      const root = (await client.request('GET', `/bigdata?prefix=${encodeURIComponent('/')}`)).text();
      expect([keysOf(root), prefixesOf(root)]).to.deep.equal([['a.txt', 'zeta'], ['dir/', 'dir2/']]);
    });

    it('a directory that does not exist (or an object named as one) is a 404 "No such file or directory", as v3io-py\'s tests expect', async () => {
      for (const prefix of ['/no-such-path', 'di', 'dir/sub/nothing/', 'a.txt']) {
        expect(errorOf(await client.request('GET', `/bigdata/?prefix=${encodeURIComponent(prefix)}`)), prefix).to.deep.equal([404, -2, 'No such file or directory']);
      }
    });

    it('a directory stays when what was in it is deleted, and lists empty until it is deleted itself', async () => {
      await client.request('DELETE', '/bigdata/dir2/y');
      const root = (await client.request('GET', '/bigdata/')).text();
      expect(prefixesOf(root)).to.deep.equal(['dir/', 'dir2/']);
      const empty = (await client.request('GET', '/bigdata/?prefix=dir2/')).text();
      expect([keysOf(empty), prefixesOf(empty), elementOf(empty, 'IsTruncated')]).to.deep.equal([[], [], 'false']);
      expect((await client.request('DELETE', '/bigdata/dir2/')).status).to.equal(200);
      expect(prefixesOf((await client.request('GET', '/bigdata/')).text())).to.deep.equal(['dir/']);
    });

    it('delimiter=/ is the same listing; an empty delimiter means none (every key, S3\'s listing); any other is a 400', async () => {
      expect((await client.request('GET', '/bigdata/?delimiter=/')).text()).to.equal((await client.request('GET', '/bigdata/')).text());
      const flat = (await client.request('GET', '/bigdata/?delimiter=')).text();
      expect([keysOf(flat), prefixesOf(flat)]).to.deep.equal([KEYS, []]);
      expect(errorOf(await client.request('GET', '/bigdata/?delimiter=-'))).to.deep.equal([400, -201326592, 'InvalidArgumentException']);
    });

    it('pages with max-keys, counting objects and prefixes alike, and continues from NextMarker', async () => {
      const seen: string[] = [];
      let marker = '';
      for (let page = 0; page < 10; page += 1) {
        const xml = (await client.request('GET', `/bigdata/?max-keys=1&marker=${encodeURIComponent(marker)}`)).text();
        const names = [...keysOf(xml), ...prefixesOf(xml)];
        expect(names).to.have.length(1);
        seen.push(...names);
        if (elementOf(xml, 'IsTruncated') === 'false') {
          // Present but empty on the last page: v3io-py reads it unconditionally.
          expect(xml).to.include('<NextMarker></NextMarker>');
          break;
        }
        marker = elementOf(xml, 'NextMarker') ?? '';
        expect(marker).to.equal(names[0]);
      }
      expect(seen).to.deep.equal(['a.txt', 'dir/', 'dir2/', 'zeta']);
    });

    it('prefix-only=1 lists the directories only', async () => {
      const listing = (await client.request('GET', '/bigdata/?prefix-only=1')).text();
      expect([keysOf(listing), prefixesOf(listing)]).to.deep.equal([[], ['dir/', 'dir2/']]);
    });

    it('lists a stream as a directory and its shards as objects', async () => {
      expect((await client.call('CreateStream', '/bigdata/dir/events/', { ShardCount: 2, RetentionPeriodHours: 1 })).status).to.equal(200);
      expect(prefixesOf((await client.request('GET', '/bigdata/?prefix=dir/')).text())).to.deep.equal(['dir/events/', 'dir/sub/']);
      expect(keysOf((await client.request('GET', '/bigdata/?prefix=dir/events/')).text())).to.deep.equal(['dir/events/0', 'dir/events/1']);
    });
  });

  describe('containers and directories', () => {
    it('HEAD /<container> is 200 without a body for the main user, 403 for one without permission, 404 for no such container', async () => {
      expect((await client.request('HEAD', '/bigdata')).status).to.equal(200);
      expect((await client.request('HEAD', '/bigdata', { accessKey: DENIED.accessKey })).status).to.equal(403);
      expect((await client.request('HEAD', '/nosuch')).status).to.equal(404);
      expect((await client.request('HEAD', '/bigdata', { accessKey: null })).status).to.equal(401);
    });

    it('DELETE of a directory: 409 while it holds anything, 200 once empty, then 404; of a stream, removes it with its shards', async () => {
      await client.request('PUT', '/bigdata/d/o', { body: 'x' });
      await client.request('PUT', '/bigdata/d2/sub/');
      expect(errorOf(await client.request('DELETE', '/bigdata/d/'))).to.deep.equal([409, -39, 'Directory not empty']);
      expect(errorOf(await client.request('DELETE', '/bigdata/d2/'))).to.deep.equal([409, -39, 'Directory not empty']);
      await client.request('DELETE', '/bigdata/d/o');
      expect((await client.request('DELETE', '/bigdata/d/')).status).to.equal(200);
      expect(errorOf(await client.request('DELETE', '/bigdata/d/'))).to.deep.equal([404, -2, 'No such file or directory']);
      // Without the trailing /, as v3io-py's tests delete what a listing's CommonPrefixes name.
      expect((await client.request('DELETE', '/bigdata/d2/sub')).status).to.equal(200);
      expect((await client.request('DELETE', '/bigdata/d2')).status).to.equal(200);
      expect((await client.request('GET', '/bigdata/?prefix=d2')).status).to.equal(404);
      await client.call('CreateStream', '/bigdata/s/', { ShardCount: 1, RetentionPeriodHours: 1 });
      expect((await client.request('DELETE', '/bigdata/s/')).status).to.equal(200);
      expect(errorOf(await client.call('DescribeStream', '/bigdata/s/', {}))).to.deep.equal([404, -2, 'ResourceNotFoundException']);
    });

    it('PUT <dir>/ without a body creates the directory and its parents (200, also when it exists); with a body it is a 400', async () => {
      for (let round = 0; round < 2; round += 1) expect((await client.request('PUT', '/bigdata/top/made/')).status).to.equal(200);
      expect(prefixesOf((await client.request('GET', '/bigdata/?prefix=top')).text())).to.deep.equal(['top/made/']);
      expect([keysOf((await client.request('GET', '/bigdata/?prefix=top/made')).text())]).to.deep.equal([[]]);
      expect(errorOf(await client.request('PUT', '/bigdata/other/', { body: 'x' }))).to.deep.equal([400, -201326592, 'InvalidArgumentException']);
      expect((await client.request('GET', '/bigdata/?prefix=other')).status).to.equal(404);
    });

    it('GET and HEAD of a directory, with or without the trailing /, are a 200 with an empty body; of a missing one a 404', async () => {
      await client.request('PUT', '/bigdata/docs/a.txt', { body: 'abc' });
      for (const path of ['/bigdata/docs', '/bigdata/docs/']) {
        for (const method of ['GET', 'HEAD']) {
          const response = await client.request(method, path);
          expect([response.status, response.headers.get('content-length'), response.body.length], `${method} ${path}`).to.deep.equal([200, '0', 0]);
        }
      }
      expect((await client.request('HEAD', '/bigdata/nodir/')).status).to.equal(404);
      expect((await client.request('GET', '/bigdata/nodir')).status).to.equal(404);
    });

    it('a stream with an object in its directory (consumer-group state) is deleted once the object is, and leaves no directory', async () => {
      await client.call('CreateStream', '/bigdata/app/s/', { ShardCount: 2, RetentionPeriodHours: 1 });
      await client.request('PUT', '/bigdata/app/s/cg0-state.json', { body: '{}' });
      expect(keysOf((await client.request('GET', '/bigdata/?prefix=app/s/')).text())).to.deep.equal(['app/s/0', 'app/s/1', 'app/s/cg0-state.json']);
      expect(errorOf(await client.request('DELETE', '/bigdata/app/s/'))).to.deep.equal([409, -39, 'Directory not empty']);
      expect((await client.call('DescribeStream', '/bigdata/app/s/', {})).status, 'the refused DELETE kept the stream').to.equal(200);
      await client.request('DELETE', '/bigdata/app/s/cg0-state.json');
      expect((await client.request('DELETE', '/bigdata/app/s/')).status).to.equal(200);
      expect(prefixesOf((await client.request('GET', '/bigdata/?prefix=app')).text())).to.deep.equal([]);
      expect((await client.call('CreateStream', '/bigdata/app/s/', { ShardCount: 1, RetentionPeriodHours: 1 })).status, 'created again').to.equal(200);
    });

    it('DELETE of a shard file empties the shard; a second DELETE is a 404', async () => {
      await client.call('CreateStream', '/bigdata/s/', { ShardCount: 1, RetentionPeriodHours: 1 });
      await client.call('PutRecords', '/bigdata/s/', { Records: [{ Data: 'AA==' }] });
      expect((await client.request('DELETE', '/bigdata/s/0')).status).to.equal(200);
      expect((await client.request('DELETE', '/bigdata/s/0')).status).to.equal(404);
      const location = (await client.call('Seek', '/bigdata/s/0', { Type: 'EARLIEST' })).json()['Location'];
      expect((await client.call('GetRecords', '/bigdata/s/0', { Location: location })).json()['Records']).to.deep.equal([]);
    });
  });
});
