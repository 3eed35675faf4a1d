/**
 * The request log: one line per request, and never a secret in it, whichever channel the request
 * used to carry one (the four credential forms, rejected look-alikes, the query string, the target).
 */
import { expect } from 'chai';
import { batchedSink, formatRequestLogLine, loggableTarget } from '../../src/reference/request-log.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { base64, basic, COLON, MAIN, secretsOf, sigv2, sigv4, UTF8 } from './helpers.js';
import { RawConnection } from './http-client.js';

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+) (\S+) (\S+) (\S+) \d+\.\dms( aborted)?$/;

describe('request log', () => {
  describe('loggableTarget', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['/bigdata/dir/object.txt', '/bigdata/dir/object.txt'],
      ['/bigdata/?prefix=dir%2F&marker=a&max-keys=10', '/bigdata/?prefix=dir%2F&marker=a&max-keys=10'],
      [`/bigdata/?access_key=${MAIN.accessKey}`, '/bigdata/?access_key=REDACTED'],
      [`/bigdata/o?X-v3io-session-key=${MAIN.accessKey}&prefix=p`, '/bigdata/o?X-v3io-session-key=REDACTED&prefix=p'],
      [`/bigdata/o?X-Amz-Credential=${MAIN.accessKey}%2F2019&X-Amz-Signature=abc`, '/bigdata/o?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED'],
      [`/bigdata/o?${MAIN.accessKey}`, '/bigdata/o?REDACTED'],
      [`/bigdata/o?${MAIN.accessKey}=1`, '/bigdata/o?REDACTED'],
      ['/bigdata/o?a=1&&b', '/bigdata/o?a=REDACTED&&REDACTED'],
      [`/bigdata/o#${MAIN.password}`, '/bigdata/o#REDACTED'],
      [`http://iguazio:${MAIN.password}@127.0.0.1:8081/bigdata/?access_key=k`, 'http://REDACTED@127.0.0.1:8081/bigdata/?access_key=REDACTED'],
      ['http://127.0.0.1:8081/bigdata/', 'http://127.0.0.1:8081/bigdata/'],
      [`iguazio:${MAIN.password}@127.0.0.1:443`, 'REDACTED@127.0.0.1:443'],
      ['*', '*'],
      ['/a b\u0000\u00e9\r\n', '/a%20b%00%E9%0D%0A'],
    ];
    for (const [target, logged] of cases) {
      it(`logs ${JSON.stringify(target)} as ${JSON.stringify(logged)}`, () => {
        expect(loggableTarget(target)).to.equal(logged);
      });
    }

    it('cuts a very long target', () => {
      const logged = loggableTarget(`/bigdata/${'a'.repeat(10_000)}`);
      expect(logged).to.have.length(513);
      expect(logged.endsWith('…')).to.equal(true);
    });
  });

  it('formats time, method, target, identity, status and duration', () => {
    const time = new Date('2024-05-01T10:00:00.000Z');
    expect(formatRequestLogLine({ time, method: 'GET', target: '/bigdata/o?access_key=k', identity: 'main', status: 200, durationMs: 0.42, aborted: false })).to.equal(
      '2024-05-01T10:00:00.000Z GET /bigdata/o?access_key=REDACTED main 200 0.4ms',
    );
    expect(formatRequestLogLine({ time, method: 'PUT', target: '/bigdata/o', identity: undefined, status: undefined, durationMs: 12, aborted: true })).to.equal(
      '2024-05-01T10:00:00.000Z PUT /bigdata/o - - 12.0ms aborted',
    );
  });

  it('writes the lines of one event-loop turn at once, and everything on flush', async () => {
    const writes: string[] = [];
    const sink = batchedSink((text) => writes.push(text));
    sink('one');
    sink('two');
    expect(writes).to.deep.equal([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).to.deep.equal(['one\ntwo\n']);
    sink('three');
    sink.flush();
    sink.flush();
    expect(writes).to.deep.equal(['one\ntwo\n', 'three\n']);
  });

  describe('served', () => {
    let server: ReferenceServer;
    let port: number;
    const lines: string[] = [];
    const connections: RawConnection[] = [];

    before(async () => {
      server = await startReferenceServer({ port: 0, requestLog: (line) => lines.push(line) });
      port = Number(new URL(server.url).port);
    });
    after(async () => {
      for (const connection of connections) connection.close();
      await server.close();
    });

    /** The log line of one request. */
    async function logOf(method: string, target: string, headerLines: readonly string[]): Promise<string> {
      const connection = await RawConnection.open(port);
      connections.push(connection);
      const before = lines.length;
      await connection.exchange(method, target, headerLines);
      // The line is written when the response has been handed over: wait for it.
      for (let i = 0; i < 100 && lines.length === before; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(lines.length - before, 'one line per request').to.equal(1);
      return lines.at(-1)!;
    }

    const secrets = [...secretsOf(MAIN), ...secretsOf(COLON), ...secretsOf(UTF8), base64(`${MAIN.username}:${MAIN.password}`)];
    const requests: ReadonlyArray<readonly [string, string, readonly string[], string, number]> = [
      ['session key', '/bigdata/', [`X-v3io-session-key: ${MAIN.accessKey}`], 'main', 200],
      ['SigV4 syntax', '/bigdata/', [`Authorization: ${sigv4(MAIN.accessKey)}`], 'main', 200],
      ['SigV2 syntax', '/bigdata/', [`Authorization: ${sigv2(MAIN.accessKey)}`], 'main', 200],
      ['Basic', '/bigdata/', [`Authorization: ${basic(MAIN.username, MAIN.password)}`], 'main', 200],
      ['Basic with a colon in the password', '/bigdata/', [`Authorization: ${basic(COLON.username, COLON.password)}`], 'colon', 200],
      ['Basic with a UTF-8 password', '/bigdata/', [`Authorization: ${basic(UTF8.username, UTF8.password)}`], 'utf8', 200],
      ['a wrong password', '/bigdata/', [`Authorization: ${basic(MAIN.username, `${MAIN.password}x`)}`], '-', 401],
      ['a mutated key', '/bigdata/', [`X-v3io-session-key: ${MAIN.accessKey}x`], '-', 401],
      ['a key in the query string', `/bigdata/?access_key=${MAIN.accessKey}&X-v3io-session-key=${MAIN.accessKey}`, [], '-', 401],
      ['a key as a bare query', `/bigdata/?${MAIN.accessKey}`, [], '-', 401],
      ['credentials in Proxy-Authorization and a cookie', '/bigdata/', [`Proxy-Authorization: ${basic(MAIN.username, MAIN.password)}`, `Cookie: session=${MAIN.accessKey}`], '-', 401],
      ['userinfo in an absolute-form target', `http://${MAIN.username}:${MAIN.password}@127.0.0.1/bigdata/`, [], '-', 401],
      ['two Authorization lines', '/bigdata/', [`Authorization: ${sigv2(MAIN.accessKey)}`, `Authorization: ${basic(MAIN.username, MAIN.password)}`], '-', 400],
    ];
    for (const [what, target, headerLines, identity, status] of requests) {
      it(`logs a request with ${what} without any secret`, async () => {
        const line = await logOf('GET', target, headerLines);
        const fields = LINE.exec(line);
        expect(fields, line).to.not.equal(null);
        expect(fields!.slice(1, 5)).to.deep.equal(['GET', loggableTarget(target), identity, String(status)]);
        for (const secret of secrets) expect(line).to.not.include(secret);
        for (const header of headerLines) expect(line).to.not.include(header.slice(header.indexOf(':') + 2));
      });
    }

    it('logs a HEAD', async () => {
      expect(await logOf('HEAD', '/bigdata/', [`X-v3io-session-key: ${MAIN.accessKey}`])).to.match(/ HEAD \/bigdata\/ main 200 /);
    });
  });
});
