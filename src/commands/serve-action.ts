/**
 * What `serve` does once its options are parsed (serve.ts defines them): loaded only for `serve`,
 * since the reference, its TLS and its request log are no use to the other commands' start-up.
 */
import { writeFileSync } from 'node:fs';
import { HarnessError } from '../errors.js';
import { REFERENCE_IDENTITIES, type Identity } from '../cases/reference-identities.js';
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../reference/server.js';
import { certificateFingerprint, generateSelfSignedIdentity, loadTlsIdentity, selfSignedNames, type TlsIdentity } from '../reference/tls-identity.js';
import { batchedSink } from '../reference/request-log.js';
import { exit, write } from './io.js';

/** The options of `serve`, as commander parses them (serve.ts). */
export interface ServeFlags {
  readonly port: number;
  readonly host: string;
  readonly tls: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly writeCa?: string;
  readonly users?: string;
  readonly container: string;
  readonly maxObjectSize: number;
  readonly quiet: boolean;
}

async function listen(options: ReferenceServerOptions & { port: number; host: string }): Promise<ReferenceServer> {
  try {
    return await startReferenceServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : code === 'EADDRNOTAVAIL' ? 'no such local address' : code;
    throw new HarnessError('listen-failed', `cannot listen on ${options.host}:${options.port}: ${why}`);
  }
}

/** The certificate to serve, if any: `--cert/--key`, or one generated for `--tls` or `--write-ca`. */
async function tlsIdentity(flags: ServeFlags): Promise<{ identity: TlsIdentity; generated: boolean } | undefined> {
  if ((flags.cert === undefined) !== (flags.key === undefined)) {
    throw new HarnessError('usage', '--cert and --key go together: give both, or neither (then --tls generates a certificate)');
  }
  if (flags.cert !== undefined && flags.key !== undefined) return { identity: loadTlsIdentity(flags.cert, flags.key), generated: false };
  if (flags.tls || flags.writeCa !== undefined) return { identity: await generateSelfSignedIdentity([flags.host]), generated: true };
  return undefined;
}

function writeCertificate(path: string, cert: string): void {
  try {
    writeFileSync(path, cert, { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new HarnessError('file-write-failed', `cannot write the certificate to ${path}: ${code}`);
  }
}

/** Serves the reference until SIGINT or SIGTERM. */
export async function serve(flags: ServeFlags): Promise<void> {
  // Everything that can be wrong is checked before the port is taken.
  // The users file's schema is compiled only when there is one: every command's start-up would pay for it.
  const identities: readonly Identity[] = flags.users ? (await import('../reference/users-file.js')).loadUsersFile(flags.users) : Object.values(REFERENCE_IDENTITIES);
  const tls = await tlsIdentity(flags);
  const requestLog = flags.quiet ? undefined : batchedSink((text) => process.stdout.write(text));
  if (tls && flags.writeCa !== undefined) writeCertificate(flags.writeCa, tls.identity.cert);
  const server = await listen({
    port: flags.port,
    host: flags.host,
    referenceOptions: { identities, container: flags.container },
    maxBodySize: flags.maxObjectSize,
    ...(tls ? { tls: tls.identity } : {}),
    ...(requestLog ? { requestLog } : {}),
  });

  const lines = [`V3IO reference listening on ${server.url}`];
  if (tls) {
    const names = tls.generated ? `self-signed certificate for ${selfSignedNames([flags.host]).join(', ')}` : `certificate ${flags.cert}`;
    lines.push(`TLS 1.2+, ${names}; SHA-256 fingerprint ${certificateFingerprint(tls.identity.cert)}`);
    if (flags.writeCa !== undefined) lines.push(`certificate written to ${flags.writeCa}: trust it with \`run --ca ${flags.writeCa}\``);
  }
  const source = flags.users ? `from ${flags.users}` : '(see environments/reference.postman_environment.json)';
  lines.push(`container "${flags.container}"; identities: ${identities.map((i) => i.name).join(', ')} ${source}`);
  lines.push(`${flags.quiet ? 'Request log off.' : 'Logging one line per request (--quiet: none).'} Press Ctrl+C to stop.`);
  await write(process.stdout, `${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      // A second signal: the user does not want to wait.
      requestLog?.flush();
      void write(process.stdout, 'Stopped without waiting for open requests.\n').then(() => exit(0));
      return;
    }
    stopping = true;
    void write(process.stdout, 'Stopping: finishing open requests (signal again to stop at once).\n')
      .then(() => server.close())
      .catch(() => undefined)
      .then(() => {
        requestLog?.flush();
        return exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
