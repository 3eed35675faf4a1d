#!/usr/bin/env node
/**
 * The command line: run, list, generate, serve. Every error a user can cause ends with one line
 * on stderr and exit code 2; the verdict of `run` is exit 0 (conformant) or 1 (not conformant).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CATALOGUE } from './cases/index.js';
import { EXIT_CODES, describeError } from './errors.js';
import { checkGenerated, writeGenerated } from './generate/files.js';
import { packageRoot, packageVersion } from './package-info.js';
import { startReferenceServer } from './reference/server.js';
import { REFERENCE_CONTAINER, REFERENCE_IDENTITIES } from './reference/identities.js';
import { renderCaseList, renderFamilyTable } from './report/case-list.js';
import { ansiStyle, PLAIN_STYLE, renderCliSummary } from './report/cli-summary.js';
import { jsonReporter } from './report/json-report.js';
import { junitReporter } from './report/junit-report.js';
import { runSuite } from './run/run-suite.js';

const NAME = 'v3io-auth-conformance';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

/** Writes text and waits until it is flushed, so that exiting right after loses nothing. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function exit(code: number): Promise<never> {
  await write(process.stdout, '');
  await write(process.stderr, '');
  process.exit(code);
}

function buildProgram(): Command {
  const program = new Command(NAME)
    .description('Conformance suite for the authentication of the V3IO data-service web APIs')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, writeErr) => writeErr(`${NAME}: ${text.replace(/^error: /, '')}`) });

  program
    .command('run')
    .description('run the suite against the embedded reference (default) or a target server')
    .option('-t, --target <url>', 'base URL of the server to test (overrides baseUrl of --env)')
    .option('-e, --env <file>', 'Postman environment with baseUrl, container, accessKey, username, password, ...')
    .option('-c, --collection <file>', 'collection to run (default: the committed collection)')
    .option('-o, --out <dir>', 'directory for the reports', 'reports')
    .option('--strict', 'SHOULD failures fail the run too (exit 1)', false)
    .addOption(new Option('--timeout <ms>', 'per-request timeout in milliseconds').default(10_000).argParser(positiveInteger))
    .option('--ca <file>', 'extra CA certificate(s), PEM, to trust for an HTTPS target')
    .option('-k, --insecure', 'skip TLS certificate verification (reported as a warning)', false)
    .option('--no-color', 'plain output without colours')
    .action(async (opts: { target?: string; env?: string; collection?: string; out: string; strict: boolean; timeout: number; ca?: string; insecure: boolean; color: boolean }) => {
      const outcome = await runSuite({
        target: opts.target,
        envFile: opts.env,
        collectionFile: opts.collection,
        outDir: opts.out,
        strict: opts.strict,
        timeoutMs: opts.timeout,
        caFile: opts.ca,
        insecure: opts.insecure,
        reporters: [jsonReporter, junitReporter],
      });
      const style = opts.color && process.stdout.isTTY && !process.env.NO_COLOR ? ansiStyle() : PLAIN_STYLE;
      await write(process.stdout, outcome.redact(renderCliSummary(outcome.report, style, outcome.writtenFiles)));
      await exit(outcome.exitCode);
    });

  program
    .command('list')
    .description('print the case catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(async (opts: { format: 'text' | 'json' | 'markdown' }) => {
      const text = {
        text: () => renderCaseList(CATALOGUE),
        json: () => `${JSON.stringify(CATALOGUE, null, 2)}\n`,
        markdown: () => `${renderFamilyTable(CATALOGUE)}\n`,
      }[opts.format]();
      await write(process.stdout, text);
    });

  program
    .command('generate')
    .description('write the Postman collection and environments from the catalogue')
    .option('--check', 'only check that the committed files are up to date (exit 1 when stale)', false)
    .action(async (opts: { check: boolean }) => {
      const root = packageRoot();
      if (opts.check) {
        const { stale } = checkGenerated(root, CATALOGUE);
        if (stale.length > 0) {
          await write(process.stderr, `${NAME}: generated files are stale: ${stale.join(', ')} (run \`${NAME} generate\`)\n`);
          await exit(EXIT_CODES.nonConformant);
        }
        await write(process.stdout, 'generated files are up to date\n');
        return;
      }
      const written = writeGenerated(root, CATALOGUE);
      await write(process.stdout, written.map((path) => `wrote ${path}\n`).join(''));
    });

  program
    .command('serve')
    .description('serve the reference implementation over HTTP')
    .addOption(new Option('-p, --port <port>', 'port to listen on (0: any free port)').default(8081).argParser(port))
    .option('-H, --host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      const server = await startReferenceServer({ port: opts.port, host: opts.host });
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

  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with 0; every usage error was printed by commander as one line.
      const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      await exit(done ? 0 : EXIT_CODES.error);
    }
    await write(process.stderr, `${NAME}: ${describeError(error)}\n`);
    await exit(EXIT_CODES.error);
  }
}

void main(process.argv);

