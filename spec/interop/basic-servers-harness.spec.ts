/**
 * The real Basic-authentication servers (spec/support/basic-servers.ts) do what the Basic cases
 * will rely on: 401 with a Basic challenge without credentials, 200 and the page for each of the
 * suite's users, and nothing left listening after stop().
 *
 * Requests go over raw TCP (RawConnection): other spec files of this mocha process load nock,
 * whose interceptor sits in node:http, and these tests must reach the real servers.
 * @see https://www.rfc-editor.org/rfc/rfc7617#section-2
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { RawConnection, type RawResponse } from '../reference/http-client.js';
import {
  BASIC_REALM,
  BASIC_SERVER_IDENTITIES,
  PROTECTED_BODY,
  startBasicServer,
  unavailableReason,
  type BasicIdentity,
  type BasicServer,
  type BasicServerName,
} from '../support/basic-servers.js';

/** `Basic <base64(user ":" password)>`, the password as UTF-8 (RFC 7617 §2.1's charset). */
function basicCredentials({ username, password }: BasicIdentity): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

for (const name of ['nginx', 'apache'] as const satisfies readonly BasicServerName[]) {
  describe(`Basic-auth server harness: ${name} (real socket)`, function () {
    this.timeout(60_000);
    let server: BasicServer | undefined;
    const connections: RawConnection[] = [];

    async function get(lines: readonly string[] = [], method = 'GET'): Promise<RawResponse> {
      const connection = await RawConnection.open(server!.port);
      connections.push(connection);
      return connection.exchange(method, server!.protectedPath, lines);
    }

    before(async function () {
      const reason = unavailableReason(name);
      if (reason) {
        // CI installs the servers (.ci/run); there a missing one is a failure, not a skip.
        if (process.env.CI) throw new Error(`${reason}; .ci/run should have installed it`);
        console.log(`      skipping the ${name} harness tests: ${reason}`);
        this.skip();
      }
      server = await startBasicServer(name);
    });

    afterEach(() => {
      for (const connection of connections.splice(0)) connection.close();
    });

    // Also when a test failed: stop() is idempotent, so the stop() test calling it first is fine.
    after(async () => {
      await server?.stop();
    });

    it('reports its version and a loopback base URL', () => {
      expect(server!.version).to.match(name === 'nginx' ? /^nginx\/\d+\.\d+/ : /^Apache\/\d+\.\d+/);
      expect(server!.baseUrl).to.equal(`http://127.0.0.1:${server!.port}`);
      expect(server!.protectedPath).to.equal('/protected/');
    });

    it('answers 401 with a Basic challenge for the realm when there are no credentials', async () => {
      const response = await get();
      expect(response.status).to.equal(401);
      expect(response.headers['www-authenticate']).to.equal(`Basic realm="${BASIC_REALM}"`);
    });

    it('answers 401 to a wrong password', async () => {
      const response = await get([`Authorization: ${basicCredentials({ ...BASIC_SERVER_IDENTITIES.main, password: 'wrong' })}`]);
      expect(response.status).to.equal(401);
    });

    for (const [role, identity] of Object.entries(BASIC_SERVER_IDENTITIES)) {
      it(`serves the page to the ${role} user (${identity.username})`, async () => {
        const response = await get([`Authorization: ${basicCredentials(identity)}`]);
        expect(response.status, response.statusLine).to.equal(200);
        expect(response.body.toString('utf8')).to.equal(PROTECTED_BODY);
      });
    }

    it('stop() ends the server: the port refuses connections and the temp dir is gone', async () => {
      const { port, dir } = server!;
      await server!.stop();
      let refused: unknown;
      await RawConnection.open(port).then(
        (connection) => connection.close(),
        (error: unknown) => (refused = error),
      );
      expect((refused as NodeJS.ErrnoException | undefined)?.code).to.equal('ECONNREFUSED');
      expect(existsSync(dir)).to.equal(false);
    });
  });
}
