/**
 * The commands that send a case's request again (src/results/reproduce-command.ts), checked by
 * running them (by one shell, one after another: support/shell-batch.ts): every HTTP case's `curl`
 * against a server that records what it receives, every one-request wire case's `printf` compared
 * byte for byte with what the wire runner sends; and none holds a secret.
 */
import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWireCase } from '../../src/cases/case-request.js';
import { CATALOGUE } from '../../src/cases/index.js';
import type { HttpCase } from '../../src/cases/model.js';
import { PROFILE_DEFINITIONS } from '../../src/cases/profiles.js';
import { IDENTITY_ENVIRONMENT } from '../../src/results/reproduce-command.js';
import { derivedSecretValues } from '../../src/run/derived-secrets.js';
import { reproduceCommand } from '../../src/run/reproduce.js';
import { resolveTemplate } from '../../src/wire/template.js';
import { buildWireBytes } from '../../src/wire/bytes.js';
import { wireRequestParts, wireVariables } from '../../src/wire/run-wire-cases.js';
import { deriveAll } from '../../src/wire/transforms.js';
import { runEach } from '../support/shell-batch.js';

/** The reference's identities, with values full of what a shell would read: quotes, `$`, `!`, spaces, non-ASCII. */
const IDENTITIES: Readonly<Record<string, string>> = {
  accessKey: 'e8bd4ca2-537b-4175-bf01-8c74963e90bf',
  username: "o'brien $HOME",
  password: 'pa"ss`w!rd $(id) \\',
  deniedAccessKey: '0b5d7a44-3c1e-4f7a-9d62-6a1f2e9c8b30',
  deniedUsername: 'outsider',
  deniedPassword: 'outsider-Pa55!!',
  colonUsername: 'colonel',
  colonPassword: 'pa:ss:word',
  utf8Username: 'test',
  utf8Password: '123£',
};

/** What the process running a command gets: the identities as the environment variables the README names, and nothing else. */
const COMMAND_ENV: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  LC_ALL: 'C.UTF-8',
  ...Object.fromEntries(Object.entries(IDENTITY_ENVIRONMENT).map(([name, env]) => [env, IDENTITIES[name]])),
};

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** A server that records each request and answers 204 with the id of the case it was told in a header. */
async function recorder(): Promise<{ server: Server; url: string; received: Map<string, Received> }> {
  const received = new Map<string, Received>();
  // Over-long header cases send 64 KiB lines.
  const server = createServer({ maxHeaderSize: 1 << 20 }, (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pairs: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      received.set(String(received.size), { method: req.method ?? '', url: req.url ?? '', headers: pairs, body: Buffer.concat(chunks) });
      res.writeHead(299, { 'Content-Length': '0', 'X-Received': String(received.size - 1) }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const HEADERS_CURL_ADDS = new Set(['host', 'user-agent', 'accept', 'content-length']);

describe('commands that send a case again', function () {
  this.timeout(180_000);
  const profile = PROFILE_DEFINITIONS.v3io;
  const runPrefix = 'conformance-20250101T000000Z-abcdef';

  it('sends every HTTP case as the runner does: method, path, each header line of the case in order, body', async () => {
    const { server, url, received } = await recorder();
    try {
      const variables = new Map([...Object.entries(profile.collectionVariables), ['baseUrl', url], ['container', 'bigdata'], ['runPrefix', runPrefix], ...Object.entries(IDENTITIES)]);
      const target = { mode: 'target' as const, baseUrl: url, profile: 'v3io' as const };
      const cases = CATALOGUE.filter((c): c is HttpCase => c.kind === 'http');
      const fallbacks: string[] = [];
      const curled: { testCase: HttpCase; command: string }[] = [];
      for (const testCase of cases) {
        const command = reproduceCommand(testCase, variables, target);
        if (command.startsWith('npx v3io-auth-conformance run --only')) fallbacks.push(testCase.id);
        else curled.push({ testCase, command });
      }
      // One after another, each as `sh -c` would run it (support/shell-batch.ts).
      const results = await runEach(curled.map((c) => c.command), COMMAND_ENV);
      curled.forEach(({ testCase, command }, i) => {
        expect(command, testCase.id).to.match(/^curl -sS -i -g --path-as-is /);
        const stdout = results[i]!.stdout.toString('utf8');
        expect(results[i]!.code, `${testCase.id}: ${stdout.slice(0, 200)}`).to.equal(0);
        const index = /x-received: (\d+)/i.exec(stdout)?.[1];
        const got = received.get(index ?? '');
        expect(got, `${testCase.id}: ${stdout.slice(0, 200)}`).to.not.equal(undefined);
        const scope = new Map([...variables, ...deriveAll(testCase.derive ?? [], variables)]);
        const { method, path, headers, body } = testCase.request;
        expect(got!.method, testCase.id).to.equal(method);
        expect(got!.url, testCase.id).to.equal(resolveTemplate(path, scope));
        // The recording server (Node's parser) strips a value's surrounding whitespace, as RFC 9110 §5.5 lets it.
        const sent = headers.map(([name, value]) => [resolveTemplate(name, scope).toLowerCase(), resolveTemplate(value, scope).trim()]);
        const own = got!.headers.filter(([name]) => sent.some(([n]) => n === name.toLowerCase()) || !HEADERS_CURL_ADDS.has(name.toLowerCase()));
        expect(own.map(([n, v]) => [n.toLowerCase(), Buffer.from(v, 'latin1').toString('utf8')]), testCase.id).to.deep.equal(sent);
        expect(got!.body.toString('utf8'), testCase.id).to.equal(body === undefined ? '' : resolveTemplate(body, scope));
      });
      // The derivations portable shell cannot compute (a changed last character, the other letter case) are the only fallbacks.
      for (const id of fallbacks) {
        const ops = (cases.find((c) => c.id === id)?.derive ?? []).flatMap((d) => d.apply.map((t) => t.op));
        expect(ops.some((op) => ['change-last-char', 'other-case', 'percent-encode', 'repeat-to-length'].includes(op)), id).to.equal(true);
      }
      expect(curled.length).to.be.greaterThan(cases.length * 0.8);
    } finally {
      server.close();
    }
  });

  it('writes the exact bytes of every one-request wire case', async () => {
    const baseUrl = 'http://127.0.0.1:8081';
    const variables = wireVariables(new Map([['container', 'bigdata'], ['runPrefix', runPrefix], ...Object.entries(IDENTITIES)]), baseUrl);
    const target = { mode: 'target' as const, baseUrl, profile: 'v3io' as const };
    const printed = CATALOGUE.filter(isWireCase)
      .map((testCase) => ({ testCase, command: reproduceCommand(testCase, variables, target) }))
      .filter(({ command }) => command.startsWith('printf '));
    for (const { testCase, command } of printed) expect(command, testCase.id).to.match(/ \| nc 127\.0\.0\.1 8081$/);
    const results = await runEach(printed.map(({ command }) => command.replace(/ \| nc 127\.0\.0\.1 8081$/, '')), COMMAND_ENV);
    let checked = 0;
    printed.forEach(({ testCase }, i) => {
      expect(results[i]!.code, testCase.id).to.equal(0);
      const expected = buildWireBytes(wireRequestParts(testCase.wire.parts, baseUrl), new Map([...variables, ...deriveAll(testCase.derive ?? [], variables)]));
      expect(results[i]!.stdout.toString('latin1'), testCase.id).to.equal(expected.toString('latin1'));
      checked += 1;
    });
    expect(checked).to.be.greaterThan(10);
  });

  it('holds no secret value: the identities, their Base64 forms and every value derived from them are environment references', () => {
    const baseUrl = 'http://127.0.0.1:8081';
    const variables = new Map([...Object.entries(profile.collectionVariables), ['baseUrl', baseUrl], ['container', 'bigdata'], ['runPrefix', runPrefix], ...Object.entries(IDENTITIES)]);
    const target = { mode: 'target' as const, baseUrl, profile: 'v3io' as const };
    const secrets = [
      ...['accessKey', 'password', 'deniedAccessKey', 'deniedPassword', 'colonPassword', 'utf8Password'].map((n) => IDENTITIES[n] ?? ''),
      ...derivedSecretValues(CATALOGUE, variables),
      Buffer.from(`${IDENTITIES['username']}:${IDENTITIES['password']}`).toString('base64'),
    ].filter((s) => s.length >= 6);
    const commands = CATALOGUE.filter((c) => c.kind !== 'transport').map((c) => reproduceCommand(c, isWireCase(c) ? wireVariables(variables, baseUrl) : variables, target));
    expect(commands.join('\n')).to.contain('"$V3IO_ACCESS_KEY"').and.contain('"$V3IO_PASSWORD"').and.contain('base64');
    for (const command of commands) for (const secret of secrets) expect(command.includes(secret), `${secret} in ${command}`).to.equal(false);
  });
});
