/** `serve --users <file>`: the format, and one clear line for each way the file can be wrong. */
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../../src/errors.js';
import { loadUsersFile, parseUsers } from '../../src/reference/users-file.js';
import { tempDir } from '../support/cli.js';

const ALICE = { name: 'alice', accessKey: 'a1b2c3d4-0000-4000-8000-000000000001', username: 'alice', password: 's3cret-Alice', containers: ['bigdata', 'projects'] };
const BOB = { name: 'bob', accessKey: 'b1b2c3d4-0000-4000-8000-000000000002', username: 'bob', password: 'pa:ss £', containers: '*' };

function failure(run: () => unknown): HarnessError {
  try {
    run();
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error('expected a HarnessError');
}

function problem(users: unknown): string {
  const error = failure(() => parseUsers(JSON.stringify(users), 'users file u.json'));
  expect(error.code).to.equal('invalid-users-file');
  expect(error.message).to.not.include('\n');
  return error.message;
}

describe('users file', () => {
  it('reads a list of identities', () => {
    const dir = tempDir('v3io-users-');
    const path = join(dir, 'users.json');
    writeFileSync(path, JSON.stringify([ALICE, BOB], null, 2));
    expect(loadUsersFile(path)).to.deep.equal([ALICE, BOB]);
  });

  it('says when the file is missing, a directory, or not JSON, without quoting its text', () => {
    const dir = tempDir('v3io-users-');
    expect(failure(() => loadUsersFile(join(dir, 'none.json'))).message).to.equal(`users file not found: ${join(dir, 'none.json')}`);
    mkdirSync(join(dir, 'sub'));
    expect(failure(() => loadUsersFile(join(dir, 'sub'))).code).to.equal('file-unreadable');
    const broken = failure(() => parseUsers('[\n  {"name": "a", "password": "TopSecret" oops}]', 'users file u.json'));
    expect(broken.code).to.equal('malformed-json');
    expect(broken.message).to.equal(`users file u.json is not valid JSON: Expected ',' or '}' after property value at line 2, column 41`);
    for (const text of ['TopSecret', '[{"password": "TopSecret"', '']) {
      const error = failure(() => parseUsers(text, 'users file u.json'));
      expect(error.code).to.equal('malformed-json');
      expect(error.message).to.not.include('TopSecret');
    }
  });

  const problems: ReadonlyArray<readonly [string, unknown, string]> = [
    ['not a list', { users: [] }, 'users file u.json: must be a JSON array of identities'],
    ['an empty list', [], 'users file u.json: lists no identity'],
    ['an entry that is not an object', [ALICE, 'bob'], 'users file u.json: entry 2 must be an object'],
    ['a missing field', [{ ...ALICE, accessKey: undefined }], 'users file u.json: entry 1 ("alice") has no "accessKey"'],
    ['an unknown field', [{ ...ALICE, role: 'admin' }], 'users file u.json: entry 1 ("alice") has an unknown field "role"'],
    ['an access key that is not a string', [ALICE, { ...BOB, accessKey: 42 }], 'users file u.json: entry 2 ("bob"): "accessKey" must be visible ASCII characters without ",", "/" or ":" (they delimit the key in the S3 syntaxes)'],
    ['an access key with a slash', [{ ...ALICE, accessKey: 'a/b' }], 'users file u.json: entry 1 ("alice"): "accessKey" must be visible ASCII'],
    ['an access key with a space', [{ ...ALICE, accessKey: 'a b' }], '"accessKey" must be visible ASCII'],
    ['an empty access key', [{ ...ALICE, accessKey: '' }], '"accessKey" must be visible ASCII'],
    ['a username with a colon', [{ ...ALICE, username: 'al:ice' }], 'entry 1 ("alice"): "username" must be a non-empty string without ":" (RFC 7617 §2) or control characters'],
    ['an empty password', [{ ...ALICE, password: '' }], 'entry 1 ("alice"): "password" must be a non-empty string without control characters'],
    ['a password with a NUL', [{ ...ALICE, password: 'a\u0000b' }], '"password" must be a non-empty string without control characters'],
    ['containers neither "*" nor a list', [{ ...ALICE, containers: 'all' }], 'entry 1 ("alice"): "containers" must be "*" (every container) or a list of distinct container names without "/"'],
    ['a repeated container', [{ ...ALICE, containers: ['a', 'a'] }], '"containers" must be "*"'],
    ['a name with a space', [{ ...ALICE, name: 'al ice' }], 'entry 1: "name" must be 1 to 64 letters'],
    ['two entries with one name', [ALICE, { ...BOB, name: 'alice' }], 'users file u.json: entries 1 and 2 have the same name "alice"'],
    ['two entries with one access key', [ALICE, { ...BOB, accessKey: ALICE.accessKey }], 'users file u.json: entries 1 and 2 have the same access key'],
    ['two entries with one username', [ALICE, BOB, { ...BOB, name: 'carol', accessKey: 'c', username: 'alice' }], 'users file u.json: entries 1 and 3 have the same username "alice"'],
  ];
  for (const [what, users, message] of problems) {
    it(`rejects ${what} in one line naming the entry and the field`, () => {
      const said = problem(users);
      expect(said).to.include(message);
      for (const secret of [ALICE.accessKey, ALICE.password, BOB.password]) expect(said).to.not.include(secret);
    });
  }
});
