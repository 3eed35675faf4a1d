/** `serve`: the reference implementation over HTTP or HTTPS until SIGINT/SIGTERM (serve-action.ts). */
import { Option, type Command } from 'commander';
import { REFERENCE_CONTAINER } from '../cases/reference-identities.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../reference/listen-defaults.js';
import { MAX_OBJECT_SIZE } from '../reference/limits.js';
import { byteSize, portNumber } from './io.js';
import type { ServeFlags } from './serve-action.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the reference implementation over HTTP, or HTTPS with --tls')
    .addOption(new Option('-p, --port <port>', 'port to listen on (0: any free port)').default(DEFAULT_PORT).argParser(portNumber))
    .option('-H, --host <host>', 'address to listen on', DEFAULT_HOST)
    .option('--tls', 'serve HTTPS with a self-signed certificate generated at start', false)
    .option('--cert <file>', 'serve HTTPS with this certificate (PEM; with --key)')
    .option('--key <file>', 'private key (PEM) of --cert')
    .option('--write-ca <file>', 'write the served certificate (PEM) to <file>, for `run --ca <file>` (implies --tls)')
    .option('--users <file>', 'identities from a JSON file: [{name, accessKey, username, password, containers: [..] | "*"}]')
    .option('--container <name>', 'the container served', REFERENCE_CONTAINER)
    .addOption(
      new Option('--max-object-size <size>', 'largest request body, so largest object one PUT writes (bytes, or KiB, MiB, GiB: 16MiB); larger is 413').default(MAX_OBJECT_SIZE, '1GiB').argParser(byteSize),
    )
    .option('-q, --quiet', 'no request log', false)
    .action(async (flags: ServeFlags) => {
      await (await import('./serve-action.js')).serve(flags);
    });
}
