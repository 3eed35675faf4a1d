/** `serve`: the reference implementation over real HTTP until SIGINT/SIGTERM. */
import { Option, type Command } from 'commander';
import { HarnessError } from '../errors.js';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from '../reference/identities.js';
import { DEFAULT_HOST, DEFAULT_PORT, startReferenceServer, type ReferenceServer } from '../reference/server.js';
import { exit, portNumber, write } from './io.js';

async function listen(port: number, host: string): Promise<ReferenceServer> {
  try {
    return await startReferenceServer({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : code === 'EADDRNOTAVAIL' ? 'no such local address' : code;
    throw new HarnessError('listen-failed', `cannot listen on ${host}:${port}: ${why}`);
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the reference implementation over HTTP')
    .addOption(new Option('-p, --port <port>', 'port to listen on (0: any free port)').default(DEFAULT_PORT).argParser(portNumber))
    .option('-H, --host <host>', 'address to listen on', DEFAULT_HOST)
    .action(async (flags: { port: number; host: string }) => {
      const server = await listen(flags.port, flags.host);
      const identities = Object.values(REFERENCE_IDENTITIES).map((i) => i.name).join(', ');
      await write(
        process.stdout,
        `V3IO reference listening on ${server.url}\n` +
          `container "${REFERENCE_CONTAINER}"; identities: ${identities} (see environments/reference.postman_environment.json)\n` +
          'Press Ctrl+C to stop.\n',
      );
      const stop = (): void => {
        void server.close().then(() => exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
