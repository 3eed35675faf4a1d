/**
 * End-to-end: the collection built from the sample cases, run by newman against small servers.
 * @see ../../../shared/spec/auth-requirements.md "Outcome classes"
 */
import { expect } from 'chai';
import { buildCollection } from '../../src/generate/collection.js';
import { SAMPLE_CASES, SAMPLE_SECRETS } from './sample-cases.js';
import { acceptEverything, echoEverything, headerValues, rejectEverything, resetEverything, runCollection, startServer, type RunResult, type TestServer } from './newman-harness.js';

const USERNAME = 'sample-user';

function variables(baseUrl: string): Record<string, string> {
  return {
    baseUrl,
    container: 'bigdata',
    accessKey: SAMPLE_SECRETS.accessKey,
    username: USERNAME,
    password: SAMPLE_SECRETS.password,
    utf8Username: 'test',
    utf8Password: SAMPLE_SECRETS.utf8Password,
    // deniedAccessKey left out: the case that needs it must be skipped.
    // The colon user is the main user: the case that needs two users must be skipped.
    colonUsername: USERNAME,
  };
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

function of(run: RunResult, item: string): RunResult['assertions'] {
  return run.assertions.filter((a) => a.item === item);
}

function failuresOf(run: RunResult, item: string): RunResult['assertions'] {
  return of(run, item).filter((a) => a.error !== undefined);
}

describe('the generated collection run by newman', function () {
  this.timeout(60_000);

  describe('against a server that rejects everything with 401, a Basic challenge and a V3IO error', () => {
    let server: TestServer;
    let run: RunResult;

    before(async () => {
      server = await startServer(rejectEverything);
      run = await runCollection(buildCollection(SAMPLE_CASES), variables(server.baseUrl));
    });
    after(() => server.close());

    it('runs every script without an error outside pm.test', () => {
      expect(run.exceptions).to.deep.equal([]);
    });

    it('names every check with its level', () => {
      expect(run.assertions).to.not.be.empty;
      for (const a of run.assertions) expect(a.name).to.match(/^\[(MUST|SHOULD|MAY)\] /);
    });

    it('passes every check of the rejection cases', () => {
      for (const id of ['sample-unknown-key', 'sample-duplicate-key', 'sample-key-in-query', 'sample-transforms', 'sample-unknown-user', 'sample-head']) {
        expect(of(run, id), id).to.not.be.empty;
        expect(failuresOf(run, id), id).to.deep.equal([]);
      }
      expect(of(run, 'sample-unknown-key').map((a) => a.name)).to.deep.equal([
        '[MUST] the response echoes no credential',
        '[MUST] rejects an unknown access key',
        '[SHOULD] answers 401',
        '[MUST] the 401 carries a WWW-Authenticate challenge',
        '[SHOULD] the challenge offers Basic with a quoted realm',
        '[SHOULD] the error body is a V3IO error',
        '[MUST] the refusal discloses nothing it refused',
      ]);
    });

    it('checks no error body on a HEAD rejection', () => {
      expect(of(run, 'sample-head').map((a) => a.name)).to.not.include('[SHOULD] the error body is a V3IO error');
    });

    it('fails an accept case with "Expected <status>, got <status> for <METHOD> <path>", and judges no body it was not let in with', () => {
      expect(failuresOf(run, 'sample-valid-key')).to.deep.equal([
        {
          item: 'sample-valid-key',
          name: '[MUST] accepts a valid access key',
          error: 'Expected 200, got 401 for GET /bigdata/v3io-auth-conformance/fixture.txt',
        },
      ]);
      expect(of(run, 'sample-get-item').map((a) => a.name)).to.not.include("[SHOULD] answers with the operation's normal response");
    });

    it('skips a case whose required variable is absent, before sending anything', () => {
      expect(run.started).to.include('sample-denied');
      expect(run.sent).to.not.include('sample-denied');
      expect(of(run, 'sample-denied')).to.deep.equal([]);
      expect(run.console).to.include('v3io-auth-conformance: sample-denied skipped: the environment has no deniedAccessKey');
    });

    it('skips a case whose two variables must differ when the environment gives them one value', () => {
      expect(run.started).to.include('sample-crossed-users');
      expect(run.sent).to.not.include('sample-crossed-users');
      expect(of(run, 'sample-crossed-users')).to.deep.equal([]);
      expect(run.console).to.include('v3io-auth-conformance: sample-crossed-users skipped: username and colonUsername have the same value');
    });

    it('sends the Base64 of the UTF-8 bytes of a derived value (RFC 7617 §2.1 example)', () => {
      const requests = server.requests.filter((r) => headerValues(r, 'authorization').includes('Basic dGVzdDoxMjPCow=='));
      expect(requests).to.have.length(1);
    });

    it('computes every transform as model.ts describes it', () => {
      const request = server.requests.find((r) => headerValues(r, 'x-t-plain').length > 0)!;
      const one = (name: string): string | undefined => headerValues(request, name)[0];
      const key = SAMPLE_SECRETS.accessKey;
      expect(one('x-t-plain')).to.equal(`${USERNAME}:${SAMPLE_SECRETS.password}`);
      expect(one('x-t-unpadded')).to.equal('YWI');
      expect(one('x-t-url')).to.equal('w78_fn5-Pg==');
      expect(one('x-t-swap')).to.equal('Ab-C9');
      expect(one('x-t-change')).to.equal('k0,ka,kg,KG,kx');
      expect(one('x-t-repeat')).to.equal('abcabcabca');
      expect(one('x-t-nul')).to.equal(b64(`${USERNAME}:${SAMPLE_SECRETS.password}\u0000junk`));
      expect(one('x-t-chain')).to.equal(b64(`SAMPLE-USER:${SAMPLE_SECRETS.password.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))}`));
      expect(headerValues(request, 'x-v3io-session-key')).to.deep.equal([key.slice(0, -1), `${key.slice(0, -1)}e`]);
    });

    it('sends duplicate header lines as two lines, in order', () => {
      const request = server.requests.find((r) => headerValues(r, 'x-v3io-session-key').includes('another-key-1234'))!;
      expect(headerValues(request, 'x-v3io-session-key')).to.deep.equal([SAMPLE_SECRETS.accessKey, 'another-key-1234']);
    });

    it('adds no Postman-specific header and no Content-Type the case did not write', () => {
      const request = server.requests.find((r) => headerValues(r, 'x-v3io-session-key')[0] === 'not-a-known-key-0000')!;
      const names = request.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
      expect(names).to.not.include.members(['postman-token', 'cache-control', 'content-type', 'authorization', 'cookie']);
    });

    it('sends the second request of a sameResponseAs case and compares the answers', () => {
      expect(server.requests.filter((r) => headerValues(r, 'authorization')[0] === `Basic ${b64(`${USERNAME}:wrong-${SAMPLE_SECRETS.password}`)}`)).to.have.length(1);
      expect(of(run, 'sample-unknown-user').map((a) => a.name)).to.include('[SHOULD] answers exactly as for Authorization: Basic {{wrongPasswordToken}}');
    });

    it('prepares an accepted DELETE with a PUT of the scratch object, with the fixture credentials', () => {
      const i = server.requests.findIndex((r) => r.method === 'DELETE' && r.url === '/bigdata/v3io-auth-conformance/scratch.txt');
      const prepare = server.requests[i - 1]!;
      expect([prepare.method, prepare.url, headerValues(prepare, 'x-v3io-session-key')]).to.deep.equal([
        'PUT',
        '/bigdata/v3io-auth-conformance/scratch.txt',
        [SAMPLE_SECRETS.accessKey],
      ]);
      // The preparing PUT got 401: the harness could not prepare the case, so the DELETE is not judged.
      expect(of(run, 'sample-delete').filter((a) => a.name.endsWith('accepts DELETE with a valid key') && !a.skipped)).to.deep.equal([]);
      expect(of(run, 'sample-delete').filter((a) => a.skipped).map((a) => a.name)).to.have.length(1);
      expect(run.console).to.include('could not prepare the case: PUT /bigdata/v3io-auth-conformance/scratch.txt got 401');
    });

    it('sends the fixture steps first and last, with the access key', () => {
      expect(run.sent.slice(0, 2)).to.deep.equal(['setup-put-fixture-object', 'setup-put-fixture-item']);
      expect(run.sent.slice(-6)).to.deep.equal([
        'teardown-delete-fixture-object',
        'teardown-delete-scratch-object',
        'teardown-delete-fixture-item',
        'teardown-delete-scratch-item',
        'teardown-delete-table',
        'teardown-delete-run-folder',
      ]);
      expect(headerValues(server.requests[0]!, 'x-v3io-session-key')).to.deep.equal([SAMPLE_SECRETS.accessKey]);
    });
  });

  describe('against a server that echoes the request in its 401 body', () => {
    let server: TestServer;
    let run: RunResult;

    before(async () => {
      server = await startServer(echoEverything);
      run = await runCollection(buildCollection(SAMPLE_CASES), variables(server.baseUrl));
    });
    after(() => server.close());

    it('fails the echo check, naming what was echoed and where', () => {
      const check = of(run, 'sample-valid-key').find((a) => a.name === '[MUST] the response echoes no credential');
      expect(check?.error).to.equal(
        'Expected no credential in the response (echoed: the accessKey variable in the body; the X-v3io-session-key value in the body), got 401 for GET /bigdata/v3io-auth-conformance/fixture.txt',
      );
    });

    it('finds a decoded Basic password and the Authorization credentials', () => {
      const check = of(run, 'sample-unknown-user').find((a) => a.name === '[MUST] the response echoes no credential');
      expect(check?.error).to.equal(
        'Expected no credential in the response (echoed: the password variable in the body; the Authorization credentials in the body; the password of the Authorization Basic credentials in the body), got 401 for GET /bigdata/v3io-auth-conformance/fixture.txt',
      );
    });

    it('passes the echo check when nothing secret was sent', () => {
      const check = of(run, 'sample-head').find((a) => a.name === '[MUST] the response echoes no credential');
      expect(check).to.deep.equal({ item: 'sample-head', name: '[MUST] the response echoes no credential' });
    });

    it('fails the V3IO error body check on a text body', () => {
      const check = of(run, 'sample-unknown-key').find((a) => a.name === '[SHOULD] the error body is a V3IO error');
      expect(check?.error).to.equal(
        'Expected a V3IO error body {"ErrorCode": integer, "ErrorMessage": string} (the body is not JSON), got 401 for GET /bigdata/v3io-auth-conformance/fixture.txt',
      );
    });

    it('never puts a secret value in a failure message', () => {
      const secrets = [SAMPLE_SECRETS.accessKey, SAMPLE_SECRETS.password, b64(`${USERNAME}:${SAMPLE_SECRETS.password}`)];
      const messages = run.assertions.flatMap((a) => (a.error === undefined ? [] : [a.error]));
      expect(messages).to.not.be.empty;
      for (const message of messages) for (const secret of secrets) expect(message).to.not.include(secret);
      const inQuery = failuresOf(run, 'sample-key-in-query').map((a) => a.error);
      expect(inQuery).to.include(
        'Expected no credential in the response (echoed: the accessKey variable in the body), got 401 for GET /bigdata/v3io-auth-conformance/fixture.txt?X-v3io-session-key={{accessKey}}',
      );
    });
  });

  describe('against a server that resets every connection', () => {
    let server: TestServer;
    let run: RunResult;

    before(async () => {
      server = await startServer(resetEverything);
      const cases = SAMPLE_CASES.filter((c) => ['sample-unknown-key', 'sample-valid-key', 'sample-unknown-user'].includes(c.id));
      run = await runCollection(buildCollection(cases), variables(server.baseUrl));
    });
    after(() => server.close());

    it('fails only "the server answers", with "got no response", and runs no script into an error', () => {
      expect(run.exceptions).to.deep.equal([]);
      for (const id of ['sample-unknown-key', 'sample-valid-key', 'sample-unknown-user']) {
        expect(of(run, id), id).to.deep.equal([
          { item: id, name: '[MUST] the server answers', error: 'Expected a response, got no response for GET /bigdata/v3io-auth-conformance/fixture.txt' },
        ]);
      }
    });
  });

  describe('against a server that accepts everything with the normal responses', () => {
    let server: TestServer;
    let run: RunResult;

    before(async () => {
      server = await startServer(acceptEverything);
      run = await runCollection(buildCollection(SAMPLE_CASES), variables(server.baseUrl));
    });
    after(() => server.close());

    it('passes every check of the accept cases', () => {
      for (const id of ['sample-valid-key', 'sample-get-item', 'sample-list-container', 'sample-delete', 'sample-utf8']) {
        expect(of(run, id).map((a) => a.name), id).to.include("[MUST] the response echoes no credential");
        expect(failuresOf(run, id), id).to.deep.equal([]);
      }
      expect(of(run, 'sample-get-item').map((a) => a.name)).to.include("[SHOULD] answers with the operation's normal response");
      expect(of(run, 'sample-list-container').map((a) => a.name)).to.include("[SHOULD] answers with the operation's normal response");
    });

    it('fails a rejection case with "Expected a 4xx rejection, got 200"', () => {
      expect(failuresOf(run, 'sample-unknown-key').map((a) => [a.name, a.error])).to.deep.equal([
        ['[MUST] rejects an unknown access key', 'Expected a 4xx rejection, got 200 for GET /bigdata/v3io-auth-conformance/fixture.txt'],
        ['[SHOULD] answers 401', 'Expected 401, got 200 for GET /bigdata/v3io-auth-conformance/fixture.txt'],
      ]);
    });
  });
});
