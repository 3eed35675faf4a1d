/**
 * newman can stop without ever calling back (a mocked reply without Content-Length on a
 * keep-alive connection): the runner must turn that into an error, never a silent success.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import nock from 'nock';
import { HarnessError } from '../../src/errors.js';
import { packageRoot } from '../../src/package-info.js';
import { runNewman } from '../../src/run/newman-session.js';

// Importing nock turns interception on for the whole test process, where other files' runs against
// real servers would then hang on header sections over 16 KiB: on only while these tests run.
nock.restore();

const ORIGIN = 'http://hang.v3io.test';
const collection = {
  info: { name: 'hang', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ id: 'only', name: 'only', request: { method: 'GET', url: `${ORIGIN}/x` } }],
};

describe('newman session watchdog', () => {
  before(() => {
    if (!nock.isActive()) nock.activate();
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.restore());

  it('reports a run that never finishes as newman-unfinished', async () => {
    // No Content-Length: postman-runtime waits for the end of a body that never comes.
    nock(ORIGIN).get('/x').reply(200, () => 'body without length', { 'Transfer-Encoding': '' });
    const error = await runNewman({ collection, environment: { values: [] }, timeoutRequestMs: 60_000, timeoutRunMs: 2_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(HarnessError);
    expect((error as HarnessError).code).to.equal('newman-unfinished');
  });

  it('records the response of a request that completes', async () => {
    nock(ORIGIN).get('/x').reply(401, '{"ErrorCode":-1,"ErrorMessage":"x"}', { 'Content-Length': '35' });
    const traces = await runNewman({ collection, environment: { values: [] }, timeoutRequestMs: 5_000, timeoutRunMs: 30_000 });
    expect(traces).to.have.length(1);
    expect(traces[0]?.response?.status).to.equal(401);
    expect(traces[0]?.path).to.equal('/x');
  });

  it("records the requests the item's scripts send, in order: the pre-request script's before its own request, the test script's after", async () => {
    const send = (path: string): string => `pm.sendRequest({ url: '${ORIGIN}${path}', method: 'GET' }, () => {});`;
    const scripted = {
      ...collection,
      item: [
        {
          id: 'case',
          name: 'case',
          request: { method: 'GET', url: `${ORIGIN}/x` },
          event: [
            { listen: 'prerequest', script: { exec: [send('/before-1'), `pm.sendRequest('${ORIGIN}/before-2', () => {});`] } },
            { listen: 'test', script: { exec: [send('/after')] } },
          ],
        },
      ],
    };
    for (const [path, status] of [['/before-1', 200], ['/before-2', 404], ['/x', 401], ['/after', 200]] as const) {
      nock(ORIGIN).get(path).reply(status, 'ok', { 'Content-Length': '2' });
    }
    const traces = await runNewman({ collection: scripted, environment: { values: [] }, timeoutRequestMs: 5_000, timeoutRunMs: 30_000 });
    expect(traces.map((t) => t.id)).to.deep.equal(['case']);
    expect(traces[0]?.response?.status).to.equal(401);
    expect(traces[0]?.scriptRequests.map((r) => [r.phase, r.method, r.path, r.response?.status])).to.deep.equal([
      ['prerequest', 'GET', '/before-1', 200],
      ['prerequest', 'GET', '/before-2', 404],
      ['test', 'GET', '/after', 200],
    ]);
  });

  it('fails a process whose event loop drains before newman finishes, instead of exiting 0', async () => {
    const script = `
      import nock from 'nock';
      import { runNewman } from './dist/src/run/newman-session.js';
      nock('${ORIGIN}').get('/x').reply(200, () => 'no length', { 'Transfer-Encoding': '' });
      runNewman({ collection: ${JSON.stringify(collection)}, environment: { values: [] }, timeoutRequestMs: 600000, timeoutRunMs: 600000 })
        .then(() => console.log('finished'), (e) => { console.error(e.code + ': ' + e.message); process.exitCode = 2; });
    `;
    const result = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot() });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr, stdout }));
    });
    expect(result.stdout).not.to.contain('finished');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('newman-unfinished');
  });
});
