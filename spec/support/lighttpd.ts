/**
 * lighttpd (mod_auth with a plain user file) in the foreground, as a child of the test process,
 * with a self-contained configuration in a temp dir, on a free loopback port: a Basic server that
 * answers every 401 with `Connection: close` (as werkzeug does), and keeps other connections open.
 * @see https://redmine.lighttpd.net/projects/lighttpd/wiki/Mod_auth
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { RunReport } from '../../src/report/run-report.js';
import { BASIC_REALM, BASIC_SERVER_ENV_VARS, BASIC_SERVER_IDENTITIES, freePort, PROTECTED_BODY, PROTECTED_PATH } from './basic-servers.js';
import { removeReports, reportOf, runInProcess, type InProcessRun } from './in-process-run.js';

export interface Lighttpd {
  /** `http://127.0.0.1:<port>/protected/`. */
  readonly protectedUrl: string;
  stop(): Promise<void>;
}

function binary(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.filter(Boolean).map((dir) => join(dir, 'lighttpd')).find((path) => existsSync(path));
}

/** Why lighttpd cannot be started here, as a sentence for a skipped test; undefined when it can. */
export function lighttpdUnavailable(): string | undefined {
  return binary() ? undefined : 'lighttpd is not installed (`apt-get install lighttpd` as root)';
}


function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts lighttpd serving PROTECTED_PATH to the main Basic user of BASIC_SERVER_IDENTITIES. */
export async function startLighttpd(): Promise<Lighttpd> {
  const executable = binary();
  if (!executable) throw new Error(lighttpdUnavailable());
  const dir = mkdtempSync(join(tmpdir(), 'v3io-lighttpd-'));
  mkdirSync(join(dir, 'www', 'protected'), { recursive: true });
  writeFileSync(join(dir, 'www', 'protected', 'index.html'), PROTECTED_BODY);
  const { username, password } = BASIC_SERVER_IDENTITIES.main;
  writeFileSync(join(dir, 'users'), `${username}:${password}\n`);
  const port = await freePort();
  writeFileSync(
    join(dir, 'lighttpd.conf'),
    [
      `server.document-root = "${dir}/www"`,
      `server.bind = "127.0.0.1"`,
      `server.port = ${port}`,
      `server.errorlog = "${dir}/error.log"`,
      'server.modules = ("mod_auth", "mod_authn_file")',
      'auth.backend = "plain"',
      `auth.backend.plain.userfile = "${dir}/users"`,
      `auth.require = ("${PROTECTED_PATH}" => ("method" => "basic", "realm" => "${BASIC_REALM}", "require" => "valid-user"))`,
      'mimetype.assign = (".html" => "text/html")',
      'index-file.names = ("index.html")',
      '',
    ].join('\n'),
  );
  const child = spawn(executable, ['-D', '-f', join(dir, 'lighttpd.conf')], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    await stopped(child);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; !(await accepts(port)); waited += 50) {
    if (waited > 10_000 || child.exitCode !== null) {
      await stop();
      throw new Error(`lighttpd did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { protectedUrl: `http://127.0.0.1:${port}${PROTECTED_PATH}`, stop };
}

/** A lighttpd of its own and the basic profile's run of some cases against it, for one describe block. */
export interface LighttpdRun {
  readonly server: () => Lighttpd;
  readonly run: () => InProcessRun;
  readonly report: () => RunReport;
}

/**
 * Registers, in the calling describe block, the hooks that start lighttpd, run `caseIds` against
 * it in the test process (skipping the block, saying why, when lighttpd is not installed), and stop
 * it after; the server, the run and its report are there once the `before` hook ran.
 */
export function lighttpdRunOf(caseIds: readonly string[]): LighttpdRun {
  let server: Lighttpd | undefined;
  let run: InProcessRun | undefined;
  let report: RunReport | undefined;
  before(async function () {
    const unavailable = lighttpdUnavailable();
    if (unavailable) {
      console.log(`      skipped: ${unavailable}`);
      this.skip();
    }
    server = await startLighttpd();
    run = await runInProcess({ profile: 'basic', target: server.protectedUrl, envVars: BASIC_SERVER_ENV_VARS, selection: { grep: new RegExp(`^(${caseIds.join('|')})$`) }, reporters: ['json'], quiet: true });
    report = reportOf(run);
  });
  after(async () => {
    await server?.stop();
    if (run) removeReports(run);
  });
  return { server: () => server!, run: () => run!, report: () => report! };
}
