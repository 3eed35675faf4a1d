/**
 * Real Basic-authentication servers for the tests: Debian's nginx (ngx_http_auth_basic_module)
 * and Apache httpd (mod_auth_basic + mod_authn_file), each started in the foreground as a child
 * of the test process with a self-contained configuration in a temp dir, on a free loopback port.
 * A location `/protected/` serves one static file to the users of an htpasswd file.
 *
 * They are what the Basic cases (RFC 7617) are measured against besides our reference: the
 * servers a V3IO deployment actually sits behind.
 * @see https://nginx.org/en/docs/http/ngx_http_auth_basic_module.html
 * @see https://httpd.apache.org/docs/2.4/mod/mod_auth_basic.html
 * @see https://www.rfc-editor.org/rfc/rfc7617
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type BasicServerName = 'nginx' | 'apache';

export interface BasicIdentity {
  readonly username: string;
  readonly password: string;
}

/** The suite's Basic users: the main one, a password with colons, and RFC 7617 §2.1's UTF-8 example. */
export const BASIC_SERVER_IDENTITIES = {
  main: { username: 'iguazio', password: 'conformance-Pa55' },
  colonPassword: { username: 'colonel', password: 'pa:ss:word' },
  utf8: { username: 'test', password: '123£' },
} as const satisfies Record<string, BasicIdentity>;

/** The variables of a run against these servers: the main, colon-password and UTF-8 users of their htpasswd file, as `--env-var`s. */
export const BASIC_SERVER_ENV_VARS: readonly (readonly [string, string])[] = [
  ['username', BASIC_SERVER_IDENTITIES.main.username],
  ['password', BASIC_SERVER_IDENTITIES.main.password],
  ['colonUsername', BASIC_SERVER_IDENTITIES.colonPassword.username],
  ['colonPassword', BASIC_SERVER_IDENTITIES.colonPassword.password],
  ['utf8Username', BASIC_SERVER_IDENTITIES.utf8.username],
  ['utf8Password', BASIC_SERVER_IDENTITIES.utf8.password],
];

export const BASIC_REALM = 'v3io-auth-conformance';
export const PROTECTED_PATH = '/protected/';
export const PROTECTED_BODY = '<!doctype html>\n<title>protected</title>\n<p>v3io-auth-conformance: authenticated</p>\n';

export interface BasicServerOptions {
  /** Default: all of BASIC_SERVER_IDENTITIES. */
  readonly identities?: readonly BasicIdentity[];
  /** Default: BASIC_REALM. */
  readonly realm?: string;
  /** How long to wait for the port to accept connections (default 15 s). */
  readonly startTimeoutMs?: number;
  /**
   * Serve HTTPS with this certificate and key (PEM), TLS 1.2 and 1.3 only, with the
   * Strict-Transport-Security header an operator would add: as a server is deployed.
   */
  readonly tls?: { readonly cert: string; readonly key: string };
  /**
   * nginx only: a reverse proxy in front of this URL (every path, \`proxy_pass\`, nginx's defaults
   * otherwise) instead of the Basic-protected files: the usual deployment of a service.
   */
  readonly proxyPass?: string;
}

export interface BasicServer {
  readonly name: BasicServerName;
  /** As the server reports it, e.g. `nginx/1.22.1`, `Apache/2.4.62 (Debian)`. */
  readonly version: string;
  /** `http://127.0.0.1:<port>`, `https://` with the `tls` option. */
  readonly baseUrl: string;
  readonly port: number;
  readonly protectedPath: string;
  /** The temp dir with the configuration and the logs (gone after `stop()`). */
  readonly dir: string;
  /** Kills the server (SIGTERM, then SIGKILL after 5 s) and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

/** Debian's place for Apache's shared modules (the packages this harness is written for). */
const APACHE_MODULES = '/usr/lib/apache2/modules';
const APACHE_MODULE_FILES = ['mpm_prefork', 'authn_core', 'authn_file', 'authz_core', 'authz_user', 'auth_basic', 'mime', 'dir'];
/** The modules HTTPS adds: TLS, its session cache, and the header module for HSTS. */
const APACHE_TLS_MODULE_FILES = ['ssl', 'socache_shmcb', 'headers'];
/** One year, as HSTS deployments commonly set it (RFC 6797 §6.1.1). */
const HSTS = 'max-age=31536000';

/** Finds an executable on PATH or in the sbin directories, which a non-root PATH often lacks. */
function which(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.filter(Boolean).map((dir) => join(dir, command)).find((path) => existsSync(path));
}

const BINARIES: Record<BasicServerName, string> = { nginx: 'nginx', apache: 'apache2' };
const PACKAGES: Record<BasicServerName, string> = { nginx: 'nginx-light', apache: 'apache2' };

/** Why `name` cannot be started here, as a sentence for a skipped test; undefined when it can. */
export function unavailableReason(name: BasicServerName): string | undefined {
  const install = (what: string, pkg: string) =>
    `${what} is not installed (.ci/run installs it with apt; elsewhere run \`apt-get install ${pkg}\` as root)`;
  if (!which(BINARIES[name])) return install(name === 'nginx' ? 'nginx' : 'Apache httpd (apache2)', PACKAGES[name]);
  // Both servers read an htpasswd file, which apache2-utils' htpasswd writes.
  if (!which('htpasswd')) return install('htpasswd', 'apache2-utils');
  if (name === 'apache') {
    const missing = [...APACHE_MODULE_FILES, ...APACHE_TLS_MODULE_FILES].filter((module) => !existsSync(join(APACHE_MODULES, `mod_${module}.so`)));
    if (missing.length > 0) return `Apache's modules ${missing.join(', ')} are missing from ${APACHE_MODULES} (Debian's apache2 package installs them)`;
  }
  return undefined;
}

/** `nginx/1.22.1` or `Apache/2.4.62 (Debian)`; undefined if the binary is missing. */
export function serverVersion(name: BasicServerName): string | undefined {
  const binary = which(BINARIES[name]);
  if (!binary) return undefined;
  // nginx -v prints to stderr, apache2 -v to stdout.
  const result = spawnSync(binary, ['-v'], { encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const match = name === 'nginx' ? /nginx version: (\S+)/.exec(output) : /Server version: (.+)/.exec(output);
  return match?.[1]?.trim() ?? output.trim();
}

export function startNginx(options: BasicServerOptions = {}): Promise<BasicServer> {
  return startBasicServer('nginx', options);
}

export function startApache(options: BasicServerOptions = {}): Promise<BasicServer> {
  return startBasicServer('apache', options);
}

export async function startBasicServer(name: BasicServerName, options: BasicServerOptions = {}): Promise<BasicServer> {
  const reason = unavailableReason(name);
  if (reason) throw new Error(reason);
  const version = serverVersion(name) ?? name;
  // Another process can take the port between our probe and the server's bind: try a few ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, version, await freePort(), options);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/i.test(String(error))) throw error;
    }
  }
}

/** A port the kernel just handed out for 127.0.0.1 (bound to 0, then released for the server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Writes the document root and the htpasswd file shared by both configurations. */
function prepareDir(name: BasicServerName, identities: readonly BasicIdentity[]): string {
  const dir = mkdtempSync(join(tmpdir(), `v3io-basic-${name}-`));
  // Apache drops root for www-data (or nobody) and must still read the htpasswd file and the page.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'www', 'protected'), { recursive: true, mode: 0o755 });
  writeFileSync(join(dir, 'www', 'protected', 'index.html'), PROTECTED_BODY, { mode: 0o644 });
  const htpasswd = join(dir, 'htpasswd');
  writeFileSync(htpasswd, '', { mode: 0o644 });
  for (const { username, password } of identities) {
    // -m: apr1 MD5 ($apr1$), which both Apache and ngx_http_auth_basic (ngx_crypt_apr1) verify;
    // Node passes argv as UTF-8, so `123£` is hashed as its UTF-8 bytes, as a client sends it.
    const result = spawnSync(which('htpasswd')!, ['-b', '-m', htpasswd, username, password], { encoding: 'utf8' });
    if (result.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`htpasswd could not add ${JSON.stringify(username)}: ${(result.stderr || String(result.error)).trim()}`);
    }
  }
  return dir;
}

/** Writes the TLS certificate and key into `dir`; their paths, for the configuration. */
function writeTlsFiles(dir: string, tls: NonNullable<BasicServerOptions['tls']>): { cert: string; key: string } {
  const cert = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  writeFileSync(cert, tls.cert, { mode: 0o644 });
  writeFileSync(key, tls.key, { mode: 0o600 });
  return { cert, key };
}

/** Every path to the backend, the client's Host kept; nginx's limits and header rules as they ship. */
function proxyLocation(backend: string): string {
  return `
    location / {
      proxy_pass ${backend};
      proxy_set_header Host $http_host;
    }`;
}

function nginxConfig(dir: string, port: number, realm: string, tls?: { cert: string; key: string }, proxyPass?: string): string {
  // master_process off: one process and no workers, so stopping the child leaves nothing behind
  // (orphaned workers would keep the port). Every temp path nginx has is moved into `dir`.
  return `master_process off;
error_log ${dir}/error.log info;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/client_body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  types { text/html html; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port}${tls ? ' ssl' : ''};
    root ${dir}/www;${
      tls
        ? `
    ssl_certificate ${tls.cert};
    ssl_certificate_key ${tls.key};
    ssl_protocols TLSv1.2 TLSv1.3;
    add_header Strict-Transport-Security ${quote(HSTS)} always;`
        : ''
    }
    ${
      proxyPass
        ? proxyLocation(proxyPass)
        : `location ${PROTECTED_PATH} {
      auth_basic ${quote(realm)};
      auth_basic_user_file ${dir}/htpasswd;
    }`
    }
  }
}
`;
}

/** The account Apache switches to: it refuses to serve as root. */
function apacheAccount(): { user: string; group: string } {
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '';
  const entry = (user: string) => passwd.split('\n').find((line) => line.startsWith(`${user}:`));
  const line = entry('www-data') ?? entry('nobody');
  if (!line) return { user: 'nobody', group: '#65534' };
  const [user = 'nobody', , , gid = '65534'] = line.split(':');
  return { user, group: `#${gid}` };
}

function apacheConfig(dir: string, port: number, realm: string, tls?: { cert: string; key: string }): string {
  const { user, group } = apacheAccount();
  const modules = [...APACHE_MODULE_FILES, ...(tls ? APACHE_TLS_MODULE_FILES : [])]
    .map((module) => `LoadModule ${module}_module ${APACHE_MODULES}/mod_${module}.so`)
    .join('\n');
  const https = tls
    ? `SSLEngine on
SSLCertificateFile ${tls.cert}
SSLCertificateKeyFile ${tls.key}
SSLProtocol -all +TLSv1.2 +TLSv1.3
SSLSessionCache shmcb:${dir}/ssl_scache(512000)
Header always set Strict-Transport-Security ${quote(HSTS)}
`
    : '';
  // Nothing from /etc/apache2: the modules by path, the MIME type we serve, and a root that
  // denies everything but the document root.
  return `ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
${modules}
User ${user}
Group ${group}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
LogLevel info
LogFormat "%h %u %t \\"%r\\" %>s %b" common
CustomLog ${dir}/access.log common
TypesConfig /dev/null
AddType text/html .html
DirectoryIndex index.html
DocumentRoot ${dir}/www
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory ${dir}/www>
  Require all granted
</Directory>
${https}<Location ${PROTECTED_PATH}>
  AuthType Basic
  AuthName ${quote(realm)}
  AuthBasicProvider file
  AuthUserFile ${dir}/htpasswd
  Require valid-user
</Location>
`;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Servers still running, killed (and their temp dirs removed) when the test process ends, also on a failed test, process.exit()
 * or SIGTERM/SIGHUP (not on SIGKILL): a left-over server would keep its port and temp dir.
 */
const running = new Map<ChildProcess, string>();
let exitHookInstalled = false;
function killAll(): void {
  for (const [child, dir] of running) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
function track(child: ChildProcess, dir: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers run synchronously: a kill is all there is time for.
    process.on('exit', killAll);
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      // Only where nobody else handles the signal: ours kills the servers, then lets the signal
      // do what it would have done (our handler is gone by then).
      if (process.listenerCount(signal) > 0) continue;
      process.once(signal, () => {
        killAll();
        process.kill(process.pid, signal);
      });
    }
  }
  running.set(child, dir);
  child.once('exit', () => running.delete(child));
}

async function startOnce(name: BasicServerName, version: string, port: number, options: BasicServerOptions): Promise<BasicServer> {
  const realm = options.realm ?? BASIC_REALM;
  const dir = prepareDir(name, options.identities ?? Object.values(BASIC_SERVER_IDENTITIES));
  const config = join(dir, name === 'nginx' ? 'nginx.conf' : 'httpd.conf');
  let args: string[];
  const tls = options.tls ? writeTlsFiles(dir, options.tls) : undefined;
  if (name === 'nginx') {
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(config, nginxConfig(dir, port, realm, tls, options.proxyPass));
    args = ['-g', 'daemon off;', '-c', config, '-p', `${dir}/`];
  } else {
    writeFileSync(config, apacheConfig(dir, port, realm, tls));
    // -X: one process in the foreground, no children to outlive it.
    args = ['-X', '-f', config];
  }
  const child = spawn(which(BINARIES[name])!, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child, dir);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    const pidFile = join(dir, name === 'nginx' ? 'nginx.pid' : 'httpd.pid');
    await waitForPort(port, child, pidFile, exited, options.startTimeoutMs ?? 15_000);
  } catch (error) {
    const log = tail(join(dir, 'error.log'));
    await stop();
    throw new Error(`${version} did not start on 127.0.0.1:${port}: ${(error as Error).message}\n--- output ---\n${output.trim()}\n--- error.log ---\n${log}`);
  }
  return { name, version, baseUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, port, protectedPath: PROTECTED_PATH, dir, stop };
}

function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(none)';
  }
}

/**
 * Resolves once 127.0.0.1:port accepts a connection and the server has written its pid file (both
 * servers write it after binding): a connection alone could be another process's, which took the
 * port after our probe. Rejects if the server exits first, or on timeout.
 */
async function waitForPort(port: number, child: ChildProcess, pidFile: string, exited: Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (true) {
    if (gone) throw new Error(`it exited (code ${child.exitCode}, signal ${child.signalCode})`);
    if (ownsPidFile(pidFile, child) && (await accepts(port))) return;
    if (Date.now() > deadline) throw new Error(`the port did not accept connections within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ownsPidFile(pidFile: string, child: ChildProcess): boolean {
  try {
    return Number(readFileSync(pidFile, 'utf8').trim()) === child.pid;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
