/**
 * Listings as S3 clients read them (issue 24): entries with ETag, Size and LastModified;
 * ListObjectsV2 paged to the end by continuation tokens, never a short answer; `start-after`;
 * string prefixes and any delimiter; `encoding-type=url`; `max-keys` capped at 1000.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { createReference, type Reference } from '../../src/reference/handler.js';
import { MAIN } from './helpers.js';
import { send, text, type Lines } from './reference-client.js';

const CREDENTIALS: Lines = [['X-v3io-session-key', MAIN.accessKey]];
const KEYS = ['a.txt', 'dir/1', 'dir/2', 'dir/sub/deep', 'dir/sub/deeper/x', 'dir2/y', 'odd key+&%.txt', 'zeta'];

function populated(keys: readonly string[] = KEYS): Reference {
  const reference = createReference();
  for (const key of keys) send(reference, 'PUT', `/bigdata/${key.split('/').map(encodeURIComponent).join('/')}`, CREDENTIALS, key);
  send(reference, 'PUT', '/bigdata/empty-dir/', CREDENTIALS);
  return reference;
}

function all(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&'));
}
function one(xml: string, name: string): string | undefined {
  return all(xml, name)[0];
}
function list(reference: Reference, query: string): string {
  const response = send(reference, 'GET', `/bigdata/?${query}`, CREDENTIALS);
  expect(response.status, `${query}: ${text(response)}`).to.equal(200);
  return text(response);
}

describe('S3 listings (ListObjectsV2, ListObjects without a delimiter)', () => {
  it('every entry has Key, LastModified, a quoted MD5 ETag and Size, in the V3IO listing too', () => {
    const reference = populated();
    for (const xml of [list(reference, 'list-type=2'), list(reference, '')]) {
      const entries = [...xml.matchAll(/<Contents>(.*?)<\/Contents>/g)].map((m) => m[1]!);
      expect(entries).to.not.be.empty;
      for (const entry of entries) {
        const key = one(entry, 'Key')!;
        expect(one(entry, 'ETag'), key).to.equal(`&quot;${createHash('md5').update(key).digest('hex')}&quot;`);
        expect(one(entry, 'Size'), key).to.equal(String(Buffer.byteLength(key)));
        expect(Number.isNaN(Date.parse(one(entry, 'LastModified')!)), key).to.equal(false);
      }
    }
  });

  it('without a delimiter, every key under a string prefix, empty directories left out', () => {
    const reference = populated();
    expect(all(list(reference, 'list-type=2'), 'Key')).to.deep.equal([...KEYS].sort());
    expect(all(list(reference, 'list-type=2&prefix=dir'), 'Key')).to.deep.equal(['dir/1', 'dir/2', 'dir/sub/deep', 'dir/sub/deeper/x', 'dir2/y']);
    expect(all(list(reference, 'delimiter=&prefix=dir/s'), 'Key')).to.deep.equal(['dir/sub/deep', 'dir/sub/deeper/x']);
  });

  it('with a delimiter, keys roll up at its first occurrence after the prefix; directories are common prefixes', () => {
    const reference = populated();
    const root = list(reference, 'list-type=2&delimiter=/');
    expect([all(root, 'Key'), all(root, 'Prefix').slice(1)]).to.deep.equal([['a.txt', 'odd key+&%.txt', 'zeta'], ['dir/', 'dir2/', 'empty-dir/']]);
    const partial = list(reference, 'list-type=2&delimiter=/&prefix=di');
    expect([all(partial, 'Key'), all(partial, 'Prefix').slice(1)]).to.deep.equal([[], ['dir/', 'dir2/']]);
    const dash = list(reference, 'list-type=2&delimiter=e');
    expect(all(dash, 'Prefix').slice(1)).to.include('dir/sub/de');
  });

  it('continuation tokens page through every key exactly once, whatever max-keys (KeyCount, NextContinuationToken)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-c]{1,3}(\/[a-c]{1,2}){0,2}$/), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), (keys, maxKeys, delimited) => {
        const files = keys.filter((key) => !keys.some((other) => other.startsWith(`${key}/`)));
        const reference = populated(files);
        const seen: string[] = [];
        let token: string | undefined;
        for (let page = 0; page < 100; page += 1) {
          const xml = list(reference, `list-type=2&max-keys=${maxKeys}${delimited ? '&delimiter=/' : ''}${token ? `&continuation-token=${token}` : ''}`);
          const names = [...all(xml, 'Key'), ...all(xml, 'Prefix').slice(1)];
          expect(Number(one(xml, 'KeyCount'))).to.equal(names.length);
          expect(names.length).to.be.at.most(maxKeys);
          seen.push(...names);
          token = one(xml, 'NextContinuationToken');
          expect(one(xml, 'IsTruncated')).to.equal(token === undefined ? 'false' : 'true');
          if (!token) break;
        }
        const expected = delimited
          ? [...new Set([...files, 'empty-dir/'].map((key) => (key.includes('/') ? `${key.slice(0, key.indexOf('/'))}/` : key)))]
          : files;
        expect(seen.sort()).to.deep.equal(expected.sort());
      }),
      { seed: 24, numRuns: 60 },
    );
  });

  it('start-after lists the names after it; StartAfter is echoed', () => {
    const xml = list(populated(), 'list-type=2&start-after=dir/2');
    expect(all(xml, 'Key')).to.deep.equal(['dir/sub/deep', 'dir/sub/deeper/x', 'dir2/y', 'odd key+&%.txt', 'zeta']);
    expect(one(xml, 'StartAfter')).to.equal('dir/2');
  });

  it('encoding-type=url encodes names (a / stays), and says so in EncodingType', () => {
    const xml = list(populated(), 'list-type=2&encoding-type=url&prefix=odd');
    expect([all(xml, 'Key'), one(xml, 'EncodingType')]).to.deep.equal([['odd%20key%2B%26%25.txt'], 'url']);
  });

  it('max-keys above 1000 is 1000; a list-type other than 2, a token it did not make, fetch-owner=true are refused with S3 errors', () => {
    const reference = populated();
    expect(one(list(reference, 'list-type=2&max-keys=5000'), 'MaxKeys')).to.equal('1000');
    const refusals: ReadonlyArray<readonly [string, number, string]> = [
      ['list-type=1', 400, 'InvalidArgument'],
      ['list-type=2&continuation-token=%2F%2F', 400, 'InvalidArgument'],
      ['list-type=2&max-keys=x', 400, 'InvalidArgument'],
      ['list-type=2&encoding-type=base64', 400, 'InvalidArgument'],
      ['list-type=2&fetch-owner=true', 501, 'NotImplemented'],
    ];
    for (const [query, status, code] of refusals) {
      const response = send(reference, 'GET', `/bigdata/?${query}`, CREDENTIALS);
      expect([response.status, one(text(response), 'Code')], query).to.deep.equal([status, code]);
    }
  });
});
