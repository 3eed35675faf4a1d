/** `run`: the suite against the embedded reference or a target; exit code = verdict. */
import { Option, type Command } from 'commander';
import { ansiStyle, PLAIN_STYLE, renderCliSummary } from '../report/cli-summary.js';
import { jsonReporter } from '../report/json-report.js';
import { junitReporter } from '../report/junit-report.js';
import { exit, positiveInteger, write } from './io.js';

interface RunFlags {
  readonly target?: string;
  readonly env?: string;
  readonly collection?: string;
  readonly out: string;
  readonly strict: boolean;
  readonly timeout: number;
  readonly ca?: string;
  readonly insecure: boolean;
  readonly color: boolean;
}

export function registerRun(program: Command): void {
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
    .action(async (flags: RunFlags) => {
      // Loaded here: newman takes most of a second to import, which list and serve don't need.
      const { runSuite } = await import('../run/run-suite.js');
      const outcome = await runSuite({
        target: flags.target,
        envFile: flags.env,
        collectionFile: flags.collection,
        outDir: flags.out,
        strict: flags.strict,
        timeoutMs: flags.timeout,
        caFile: flags.ca,
        insecure: flags.insecure,
        reporters: [jsonReporter, junitReporter],
      });
      const style = flags.color && process.stdout.isTTY && !process.env.NO_COLOR ? ansiStyle() : PLAIN_STYLE;
      await write(process.stdout, outcome.redact(renderCliSummary(outcome.report, style, outcome.writtenFiles)));
      await exit(outcome.exitCode);
    });
}
