/**
 * Where a run's target comes from: flags over the V3IO_* environment variables over the
 * environment file; V3IO_API as the SDKs read it; the embedded reference only when nothing
 * describes a target; one line naming each missing variable and where it can come from.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { collectEnvVar } from '../../src/commands/target-options.js';
import { HarnessError } from '../../src/errors.js';
import { environmentVariables } from '../../src/run/environment.js';
import { resolveTarget, PROCESS_ENVIRONMENT_VARIABLES, withDefaultScheme, type TargetSources } from '../../src/run/target-config.js';
import { OPTIONAL_VARIABLES, REQUIRED_VARIABLES } from '../../src/cases/model.js';
import { PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';

const SDK_ENV = {
  V3IO_API: 'webapi.example.com:8443',
  V3IO_CONTAINER: 'users',
  V3IO_ACCESS_KEY: 'key-from-env',
  V3IO_USERNAME: 'env-user',
  V3IO_PASSWORD: 'env-password',
};

function variablesOf(sources: TargetSources): ReadonlyMap<string, string> {
  return environmentVariables(resolveTarget(sources).environment);
}

function errorOf(sources: TargetSources): HarnessError {
  try {
    resolveTarget(sources);
  } catch (error) {
    expect(error).to.be.instanceOf(HarnessError);
    return error as HarnessError;
  }
  throw new Error('expected a HarnessError');
}

describe('target configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'v3io-target-config-'));
  const envFile = join(dir, 'target.postman_environment.json');
  writeFileSync(
    envFile,
    JSON.stringify({
      values: [
        { key: 'baseUrl', value: 'https://file.example.com' },
        { key: 'container', value: 'bigdata' },
        { key: 'accessKey', value: 'key-from-file' },
        { key: 'username', value: 'file-user' },
        { key: 'password', value: 'file-password' },
        { key: 'deniedAccessKey', value: 'denied-from-file' },
      ],
    }),
  );

  it('runs against the embedded reference, with the reference environment, when nothing names a target', () => {
    const resolved = resolveTarget({ processEnv: { HOME: '/root', PATH: '/bin' } });
    expect(resolved.mode).to.equal('embedded');
    expect(resolved.baseUrl).to.equal('http://127.0.0.1:8081');
    expect(environmentVariables(resolved.environment).get('username')).to.equal('iguazio');
  });

  it('makes a real target of the V3IO_* variables alone, prepending http:// to a V3IO_API without a scheme', () => {
    const resolved = resolveTarget({ processEnv: SDK_ENV });
    expect(resolved.mode).to.equal('target');
    expect(resolved.baseUrl).to.equal('http://webapi.example.com:8443');
    const variables = environmentVariables(resolved.environment);
    expect(Object.fromEntries(['baseUrl', 'container', 'accessKey', 'username', 'password'].map((n) => [n, variables.get(n)]))).to.deep.equal({
      baseUrl: 'http://webapi.example.com:8443',
      container: 'users',
      accessKey: 'key-from-env',
      username: 'env-user',
      password: 'env-password',
    });
    expect(resolved.origins.get('accessKey')).to.equal('V3IO_ACCESS_KEY');
  });

  it('keeps the scheme of a V3IO_API that has one', () => {
    expect(withDefaultScheme('https://webapi.example.com')).to.equal('https://webapi.example.com');
    expect(withDefaultScheme('localhost:8081')).to.equal('http://localhost:8081');
    expect(resolveTarget({ processEnv: { ...SDK_ENV, V3IO_API: 'https://webapi.example.com/' } }).baseUrl).to.equal('https://webapi.example.com');
  });

  it('takes flags over V3IO_* variables over the environment file', () => {
    const fileOnly = variablesOf({ envFile });
    expect(fileOnly.get('accessKey')).to.equal('key-from-file');
    expect(fileOnly.get('baseUrl')).to.equal('https://file.example.com');

    const envOverFile = variablesOf({ envFile, processEnv: { V3IO_ACCESS_KEY: 'key-from-env', V3IO_API: 'https://env.example.com' } });
    expect(envOverFile.get('accessKey')).to.equal('key-from-env');
    expect(envOverFile.get('baseUrl')).to.equal('https://env.example.com');
    expect(envOverFile.get('username'), 'not set by the process environment').to.equal('file-user');
    expect(envOverFile.get('deniedAccessKey'), 'optional variables of the file are kept').to.equal('denied-from-file');

    const flagsOverAll = variablesOf({
      envFile,
      processEnv: { V3IO_ACCESS_KEY: 'key-from-env', V3IO_API: 'https://env.example.com' },
      envVars: [['accessKey', 'key-from-flag'], ['baseUrl', 'https://env-var.example.com'], ['accessKey', 'last-flag-wins']],
      target: 'https://target.example.com',
    });
    expect(flagsOverAll.get('accessKey')).to.equal('last-flag-wins');
    expect(flagsOverAll.get('baseUrl'), '--target wins over --env-var baseUrl').to.equal('https://target.example.com');
  });

  it('has an environment variable for every variable of an environment file, the other identities included', () => {
    expect(Object.values(PROCESS_ENVIRONMENT_VARIABLES)).to.have.members([...REQUIRED_VARIABLES, ...OPTIONAL_VARIABLES]);
    const identities = {
      V3IO_DENIED_ACCESS_KEY: 'denied-key-from-env',
      V3IO_DENIED_USERNAME: 'denied-user-from-env',
      V3IO_DENIED_PASSWORD: 'denied-password-from-env',
      V3IO_COLON_USERNAME: 'colon-user-from-env',
      V3IO_COLON_PASSWORD: 'colon:password-from-env',
      V3IO_UTF8_USERNAME: 'utf8-user-from-env',
      V3IO_UTF8_PASSWORD: '123£',
    };
    const resolved = resolveTarget({ processEnv: { ...SDK_ENV, ...identities } });
    const variables = environmentVariables(resolved.environment);
    expect(Object.fromEntries(OPTIONAL_VARIABLES.map((name) => [name, variables.get(name)]))).to.deep.equal({
      deniedAccessKey: 'denied-key-from-env',
      deniedUsername: 'denied-user-from-env',
      deniedPassword: 'denied-password-from-env',
      colonUsername: 'colon-user-from-env',
      colonPassword: 'colon:password-from-env',
      utf8Username: 'utf8-user-from-env',
      utf8Password: '123£',
    });
    expect(resolved.origins.get('colonPassword')).to.equal('V3IO_COLON_PASSWORD');
  });

  it('takes the other identities with the same precedence: --env-var over V3IO_* over the environment file', () => {
    expect(variablesOf({ envFile, processEnv: { V3IO_DENIED_ACCESS_KEY: 'denied-from-env' } }).get('deniedAccessKey')).to.equal('denied-from-env');
    expect(variablesOf({ envFile, processEnv: { V3IO_DENIED_ACCESS_KEY: '' } }).get('deniedAccessKey'), 'an empty one is ignored').to.equal('denied-from-file');
    const flagOverEnv = variablesOf({ envFile, processEnv: { V3IO_DENIED_ACCESS_KEY: 'denied-from-env' }, envVars: [['deniedAccessKey', 'denied-from-flag']] });
    expect(flagOverEnv.get('deniedAccessKey')).to.equal('denied-from-flag');
  });

  it('ignores empty V3IO_* variables', () => {
    expect(variablesOf({ envFile, processEnv: { V3IO_ACCESS_KEY: '' } }).get('accessKey')).to.equal('key-from-file');
  });

  it('names each missing variable with the V3IO_* variable that sets it', () => {
    const error = errorOf({ processEnv: { V3IO_API: 'http://127.0.0.1:1', V3IO_ACCESS_KEY: 'k' } });
    expect(error.code).to.equal('missing-variable');
    expect(error.message).to.equal(
      'missing required variables username (V3IO_USERNAME), password (V3IO_PASSWORD): ' +
        'set them as shown in parentheses, with --env-var <name>=<value>, or in a Postman environment file (--env)',
    );
  });

  it('uses the bigdata container when no source names one, and says so', () => {
    const { V3IO_CONTAINER: _container, ...withoutContainer } = SDK_ENV;
    const resolved = resolveTarget({ processEnv: withoutContainer });
    expect(resolved.defaultContainer).to.equal(true);
    expect(environmentVariables(resolved.environment).get('container')).to.equal('bigdata');
    expect(resolveTarget({ processEnv: SDK_ENV }).defaultContainer).to.equal(false);
  });

  it('asks for a target URL when only credentials are given', () => {
    const error = errorOf({ processEnv: { V3IO_ACCESS_KEY: 'k', V3IO_USERNAME: 'u', V3IO_PASSWORD: 'p', V3IO_CONTAINER: 'c' } });
    expect(error.message).to.match(/^missing required variable baseUrl \(V3IO_API or --target <url>\): set it as shown in parentheses/);
  });

  it('asks for a target URL when only --env-var credentials are given', () => {
    expect(errorOf({ envVars: [['accessKey', 'k']] }).message).to.match(/^missing required variables baseUrl \(V3IO_API or --target <url>\), username/);
  });

  it('names V3IO_API in the error about a malformed URL', () => {
    const error = errorOf({ processEnv: { ...SDK_ENV, V3IO_API: 'ftp://webapi.example.com' } });
    expect(error.message).to.equal('V3IO_API: "ftp:" URLs are not supported (use http:// or https://)');
  });

  it('parses --env-var <name>=<value>, keeping every "=" after the first in the value', () => {
    expect(collectEnvVar('password=a=b=', [['container', 'x']])).to.deep.equal([['container', 'x'], ['password', 'a=b=']]);
    expect(collectEnvVar('runPrefix=')).to.deep.equal([['runPrefix', '']]);
    expect(() => collectEnvVar('novalue')).to.throw(InvalidArgumentError, /expected <name>=<value>/);
    expect(() => collectEnvVar('=value')).to.throw(InvalidArgumentError);
  });

  describe('in the basic profile', () => {
    const basic = PROFILE_DEFINITIONS.basic;
    const credentials: [string, string][] = [
      ['username', 'web-user'],
      ['password', 'web-password'],
    ];

    it('takes the protected URL whole from --target: the origin is baseUrl, the path and query protectedPath', () => {
      const resolved = resolveTarget({ profile: basic, target: 'https://www.example.com:8443/private/area/index.html?v=1', envVars: credentials });
      expect(resolved.baseUrl).to.equal('https://www.example.com:8443');
      const variables = environmentVariables(resolved.environment);
      expect(variables.get('baseUrl')).to.equal('https://www.example.com:8443');
      expect(variables.get('protectedPath')).to.equal('private/area/index.html?v=1');
    });

    it('keeps the trailing slash of a protected folder', () => {
      const resolved = resolveTarget({ profile: basic, target: 'http://127.0.0.1:8080/protected/', envVars: credentials });
      expect(environmentVariables(resolved.environment).get('protectedPath')).to.equal('protected/');
    });

    it('keeps a protectedPath given by a source over the path of the URL, without its leading slash', () => {
      const resolved = resolveTarget({ profile: basic, target: 'http://127.0.0.1:8080', envVars: [...credentials, ['protectedPath', '/secret/']] });
      expect(environmentVariables(resolved.environment).get('protectedPath')).to.equal('secret/');
    });

    it('asks for the username and password only: no access key, no container, no default container warning', () => {
      expect(errorOf({ profile: basic, target: 'http://127.0.0.1:8080/p/' }).message).to.match(/^missing required variables username \(V3IO_USERNAME\), password \(V3IO_PASSWORD\)/);
      const resolved = resolveTarget({ profile: basic, target: 'http://127.0.0.1:8080/p/', envVars: credentials });
      expect(resolved.defaultContainer).to.equal(false);
      expect(environmentVariables(resolved.environment).has('container')).to.equal(false);
    });

    it("runs against the embedded reference with the basic profile's reference environment when nothing names a target", () => {
      const resolved = resolveTarget({ profile: basic, processEnv: {} });
      expect(resolved.mode).to.equal('embedded');
      const variables = environmentVariables(resolved.environment);
      expect(variables.get('protectedPath')).to.equal('bigdata/');
      expect(variables.has('accessKey')).to.equal(false);
    });

    it('counts a protectedPath alone as describing a target, which then needs a URL', () => {
      expect(errorOf({ profile: basic, envVars: [['protectedPath', 'p/']] }).message).to.match(/missing required variables baseUrl/);
    });
  });
});

