/**
 * Loading a Postman environment: each way a file can be wrong has its own message.
 * @see https://learning.postman.com/docs/sending-requests/variables/managing-environments/
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../../src/errors.js';
import {
  checkBaseUrl,
  checkRequiredVariables,
  environmentVariables,
  loadEnvironmentFile,
  withOverrides,
} from '../../src/run/environment.js';

function harnessError(fn: () => unknown): HarnessError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(HarnessError);
    return error as HarnessError;
  }
  throw new Error('expected a HarnessError');
}

describe('environment files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'v3io-env-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reports a missing file by path', () => {
    const error = harnessError(() => loadEnvironmentFile(join(dir, 'nope.json')));
    expect(error.code).to.equal('file-not-found');
    expect(error.message).to.contain('nope.json');
  });

  it('reports a directory given as the file', () => {
    mkdirSync(join(dir, 'adir'));
    expect(harnessError(() => loadEnvironmentFile(join(dir, 'adir'))).code).to.equal('file-unreadable');
  });

  it('reports malformed JSON with the parser position', () => {
    const error = harnessError(() => loadEnvironmentFile(file('bad.json', '{"values": [')));
    expect(error.code).to.equal('malformed-json');
    expect(error.message).to.match(/bad\.json is not valid JSON/);
  });

  it('rejects JSON that is not an environment', () => {
    expect(harnessError(() => loadEnvironmentFile(file('arr.json', '[]'))).message).to.contain('expected a JSON object');
    expect(harnessError(() => loadEnvironmentFile(file('novalues.json', '{"name":"x"}'))).message).to.contain('no "values" array');
    expect(harnessError(() => loadEnvironmentFile(file('nokey.json', '{"values":[{"value":"x"}]}'))).message).to.contain('values[0] has no "key"');
    expect(harnessError(() => loadEnvironmentFile(file('objval.json', '{"values":[{"key":"a","value":{}}]}'))).code).to.equal('malformed-environment');
  });

  it('keeps only enabled variables and stringifies numbers', () => {
    const env = loadEnvironmentFile(file('ok.json', JSON.stringify({ values: [{ key: 'a', value: 1 }, { key: 'b', value: 'x', enabled: false }] })));
    const vars = environmentVariables(env);
    expect(vars.get('a')).to.equal('1');
    expect(vars.has('b')).to.equal(false);
  });

  it('names every missing required variable', () => {
    const error = harnessError(() => checkRequiredVariables(new Map([['baseUrl', 'http://x'], ['container', 'c'], ['password', '']]), 'env.json'));
    expect(error.code).to.equal('missing-variable');
    expect(error.message).to.equal('env.json lacks required variables: accessKey, username, password');
  });

  it('lets overrides replace and enable variables', () => {
    const env = withOverrides({ values: [{ key: 'baseUrl', value: 'http://a', enabled: false }] }, { baseUrl: 'http://b' });
    expect(environmentVariables(env).get('baseUrl')).to.equal('http://b');
  });

  it('accepts http(s) base URLs and refuses others or ones carrying credentials', () => {
    expect(checkBaseUrl('https://h:8443/', 'x')).to.equal('https://h:8443');
    expect(harnessError(() => checkBaseUrl('not a url', '--target')).code).to.equal('invalid-url');
    expect(harnessError(() => checkBaseUrl('ftp://h/', '--target')).message).to.contain('"ftp:" URLs are not supported');
    const withCreds = harnessError(() => checkBaseUrl('https://user:s3cret@h/', '--target'));
    expect(withCreds.message).not.to.contain('s3cret');
  });
});
