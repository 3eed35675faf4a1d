/**
 * Identity look-up by access key and by username/password.
 */
import { expect } from 'chai';
import { createIdentityDirectory } from '../../src/reference/identity-directory.js';
import { ALL_IDENTITIES, COLON, DENIED, MAIN, UNKNOWN_KEY, UTF8 } from './helpers.js';

describe('reference identity directory', () => {
  const directory = createIdentityDirectory(ALL_IDENTITIES);

  it('finds every identity by its access key, exactly', () => {
    for (const identity of [MAIN, DENIED, COLON, UTF8]) {
      expect(directory.findByAccessKey(identity.accessKey)).to.equal(identity);
      expect(directory.findByAccessKey(identity.accessKey.toUpperCase())).to.equal(undefined);
      expect(directory.findByAccessKey(`${identity.accessKey} `)).to.equal(undefined);
      expect(directory.findByAccessKey(identity.accessKey.slice(1))).to.equal(undefined);
    }
    expect(directory.findByAccessKey(UNKNOWN_KEY)).to.equal(undefined);
    expect(directory.findByAccessKey('')).to.equal(undefined);
  });

  it('finds every identity by username and password, both exactly', () => {
    for (const identity of [MAIN, DENIED, COLON, UTF8]) {
      expect(directory.findByUsernamePassword(identity.username, identity.password)).to.equal(identity);
      expect(directory.findByUsernamePassword(identity.username, `${identity.password}x`)).to.equal(undefined);
      expect(directory.findByUsernamePassword(`${identity.username}x`, identity.password)).to.equal(undefined);
    }
  });

  it("never pairs one identity's username with another's password", () => {
    expect(directory.findByUsernamePassword(MAIN.username, COLON.password)).to.equal(undefined);
    expect(directory.findByUsernamePassword(COLON.username, MAIN.password)).to.equal(undefined);
  });

  it('does not take an access key for a password or the reverse', () => {
    expect(directory.findByAccessKey(MAIN.password)).to.equal(undefined);
    expect(directory.findByUsernamePassword(MAIN.username, MAIN.accessKey)).to.equal(undefined);
  });

  it('refuses identities that share an access key or a username', () => {
    expect(() => createIdentityDirectory([MAIN, { ...COLON, accessKey: MAIN.accessKey }])).to.throw(/access key/);
    expect(() => createIdentityDirectory([MAIN, { ...COLON, username: MAIN.username }])).to.throw(/username/);
  });
});
