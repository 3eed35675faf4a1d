/** The Postman environments: the reference's identities, and the example for a real target. */
import { expect } from 'chai';
import { OPTIONAL_VARIABLES, REQUIRED_VARIABLES, SECRET_VARIABLES } from '../../src/cases/model.js';
import { PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { REFERENCE_IDENTITIES } from '../../src/cases/reference-identities.js';
import { buildReferenceEnvironment, buildTargetExampleEnvironment } from '../../src/generate/environments.js';

const ALL = [...REQUIRED_VARIABLES, ...OPTIONAL_VARIABLES];

describe('environments', () => {
  it('gives the reference server\'s variables from its identities', () => {
    const env = buildReferenceEnvironment();
    const values = Object.fromEntries(env.values.map((v) => [v.key, v.value]));
    const { main, denied, colon, utf8 } = REFERENCE_IDENTITIES;
    expect(values).to.deep.equal({
      baseUrl: 'http://127.0.0.1:8081',
      container: 'bigdata',
      accessKey: main.accessKey,
      username: main.username,
      password: main.password,
      deniedAccessKey: denied.accessKey,
      deniedUsername: denied.username,
      deniedPassword: denied.password,
      colonUsername: colon.username,
      colonPassword: colon.password,
      utf8Username: utf8.username,
      utf8Password: utf8.password,
    });
    expect(env.values.every((v) => v.enabled)).to.equal(true);
  });

  for (const [label, build] of [
    ['reference', buildReferenceEnvironment],
    ['target example', buildTargetExampleEnvironment],
  ] as const) {
    it(`${label}: is a Postman environment with a fixed id, every variable, secrets typed secret`, () => {
      const env = build();
      expect(env).to.have.keys('id', 'name', 'values', '_postman_variable_scope');
      expect(env._postman_variable_scope).to.equal('environment');
      expect(env.id).to.match(/^[0-9a-f-]{36}$/);
      expect(env).to.deep.equal(build());
      expect(env.values.map((v) => v.key)).to.deep.equal(ALL);
      for (const v of env.values) expect(v.type, v.key).to.equal((SECRET_VARIABLES as readonly string[]).includes(v.key) ? 'secret' : 'default');
    });
  }

  it('target example: placeholders only, optional variables disabled until filled in', () => {
    const env = buildTargetExampleEnvironment();
    for (const v of env.values) {
      expect(v.value, v.key).to.match(/^<.+>$/);
      expect(v.enabled, v.key).to.equal((REQUIRED_VARIABLES as readonly string[]).includes(v.key));
    }
    expect(buildReferenceEnvironment().id).to.not.equal(env.id);
  });

  describe('the basic profile', () => {
    const basic = PROFILE_DEFINITIONS.basic;

    it('reference: the Basic identities and the container listing as the protected path, nothing of V3IO', () => {
      const env = buildReferenceEnvironment(basic);
      const values = Object.fromEntries(env.values.map((v) => [v.key, v.value]));
      const { main, colon, utf8 } = REFERENCE_IDENTITIES;
      expect(values).to.deep.equal({
        baseUrl: 'http://127.0.0.1:8081',
        protectedPath: 'bigdata/',
        username: main.username,
        password: main.password,
        colonUsername: colon.username,
        colonPassword: colon.password,
        utf8Username: utf8.username,
        utf8Password: utf8.password,
      });
      expect(env.id).to.not.equal(buildReferenceEnvironment().id);
    });

    it('target example: placeholders, the protected path and required variables enabled, passwords typed secret', () => {
      const env = buildTargetExampleEnvironment(basic);
      const enabled = env.values.filter((v) => v.enabled).map((v) => v.key);
      expect(enabled).to.deep.equal(['baseUrl', 'protectedPath', 'username', 'password']);
      for (const v of env.values) expect(v.value, v.key).to.match(/^<.+>$/);
      expect(env.values.filter((v) => v.type === 'secret').map((v) => v.key)).to.deep.equal(['password', 'colonPassword', 'utf8Password']);
      expect(env.id).to.not.equal(buildTargetExampleEnvironment().id);
    });
  });
});
