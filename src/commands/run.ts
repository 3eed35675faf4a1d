/** `run`: the suite against the embedded reference or a target; exit code = verdict. */
import { Option, type Command } from 'commander';
import { HarnessError } from '../errors.js';
import { DEFAULT_PROFILE, FORMS, PROFILES, type Form, type Level, type ProfileId } from '../cases/model.js';
import { BYPASS_EXTENTS, catalogueFor, type BypassExtent } from '../cases/index.js';
import { casesOf, profileNamed } from '../cases/profiles.js';
import { createProgress } from '../report/progress.js';
import { pacingHint } from '../results/pacing-record.js';
import { chooseReporters, DEFAULT_REPORTERS, REPORTER_NAMES, type ReporterName } from '../report/reporters.js';
import type { CaseSelection, Shard } from '../run/selection.js';
import { interruptOnSignals } from './interruption.js';
import { exit, positiveInteger, PROGRAM_NAME, timeoutMilliseconds, write } from './io.js';
import { parseReporters, printOutcome } from './output-options.js';
import { collectEnvVar } from './target-options.js';
import { parseForms, parseGrep, parseLevel, parseOnly, parseShard, requireSomeMatch } from './selection-options.js';

interface RunFlags {
  readonly profile: ProfileId;
  readonly target?: string;
  readonly env?: string;
  readonly envVar: [string, string][];
  readonly collection?: string;
  readonly out: string;
  readonly strict: boolean;
  readonly timeout: number;
  readonly ca?: string;
  readonly insecure: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly color: boolean;
  readonly only?: string[];
  readonly grep?: RegExp;
  readonly form?: Form[];
  readonly level?: Level;
  readonly shard?: Shard;
  readonly reporter: ReporterName[];
  readonly quiet: boolean;
  readonly engine: 'newman' | 'native';
  readonly concurrency?: number;
  readonly bypass: BypassExtent;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the suite against the embedded reference (default) or a target server')
    .addOption(
      new Option('--profile <profile>', 'the kind of server: v3io (a V3IO web API) or basic (any Basic-authentication server; --target is its protected URL)')
        .choices(PROFILES)
        .default(DEFAULT_PROFILE),
    )
    .option('-t, --target <url>', 'base URL of the server to test (overrides V3IO_API and baseUrl of --env)')
    .option('-e, --env <file>', 'Postman environment with baseUrl, container, accessKey, username, password, ...')
    .addOption(
      new Option('--env-var <name=value>', 'set an environment variable, over V3IO_* and --env (repeatable)').default([], '').argParser(collectEnvVar),
    )
    .option('-c, --collection <file>', 'newman engine: run this collection as it is, scripts included, one request at a time (default: the catalogue\'s requests, without scripts)')
    .option('-o, --out <dir>', 'directory for the reports', 'reports')
    .option('--strict', 'SHOULD failures fail the run too (exit 1)', false)
    .addOption(new Option('--timeout <ms>', 'per-request timeout in milliseconds').default(10_000).argParser(timeoutMilliseconds))
    .option('--ca <file>', 'extra CA certificate(s), PEM, to trust for an HTTPS target')
    .option('-k, --insecure', 'skip TLS certificate verification (reported as a warning)', false)
    .option('--cert <file>', 'client certificate, PEM, for an HTTPS target that asks for one (with --key)')
    .option('--key <file>', 'private key of --cert, PEM')
    .addOption(new Option('--only <ids>', 'only these cases, by exact id, comma-separated (ids: the list command, with --bypass full for the long tail)').argParser(parseOnly))
    .addOption(new Option('-g, --grep <regex>', 'only cases whose id, title or family matches (case-insensitive)').argParser(parseGrep))
    .addOption(new Option('--form <forms>', `only cases of these credential forms, comma-separated: ${FORMS.join(', ')}`).argParser(parseForms))
    .addOption(new Option('--level <level>', 'only cases of this level and stronger: must | should | may').argParser(parseLevel))
    .addOption(
      new Option('--bypass <extent>', 'the bypass toolbox: default (its default set) or full (with the long tail: byp4xx\'s middle paths as segments of their own, every method in lower case)')
        .choices(BYPASS_EXTENTS)
        .default('default'),
    )
    .addOption(new Option('--shard <i/n>', 'only shard i of n (a stable partition by case id; combine shards with merge)').argParser(parseShard))
    .addOption(
      new Option('-r, --reporter <list>', `reporters, comma-separated: ${REPORTER_NAMES.join(', ')}`)
        .default([...DEFAULT_REPORTERS], DEFAULT_REPORTERS.join(','))
        .argParser(parseReporters),
    )
    .addOption(
      new Option('--engine <engine>', 'what sends the HTTP cases: newman (the collection\'s requests, without its scripts) or native (undici, faster)')
        .choices(['newman', 'native'])
        .default('newman'),
    )
    .addOption(new Option('--concurrency <n>', 'ordered groups of cases in flight at once, either engine (default 8; 1 for a server that serves one connection at a time)').argParser(positiveInteger))
    .option('-q, --quiet', 'print only the verdict line (no progress, no summary)', false)
    .option('--no-color', 'plain output without colours')
    .action(async (flags: RunFlags) => {
      if (Boolean(flags.cert) !== Boolean(flags.key)) {
        throw new HarnessError('usage', `${flags.cert ? '--cert needs --key' : '--key needs --cert'} (a client certificate and its private key)`);
      }
      const selection: CaseSelection = { ids: flags.only, grep: flags.grep, forms: flags.form, level: flags.level, shard: flags.shard };
      // An id names its case wherever it is: --only chooses from every case, the bypass long tail's too.
      const bypass = flags.only ? 'full' : flags.bypass;
      const catalogue = catalogueFor(bypass);
      requireSomeMatch(casesOf(profileNamed(flags.profile), catalogue), selection, { catalogue, profile: flags.profile });
      if (flags.collection !== undefined && flags.engine !== 'newman') throw new HarnessError('usage', '--collection needs the newman engine: newman runs a collection, the native engine sends the catalogue');
      if (flags.concurrency !== undefined && flags.collection !== undefined) {
        throw new HarnessError('usage', '--concurrency does not apply to --collection: a given collection runs as it is, one request at a time');
      }
      const reporters = chooseReporters(flags.reporter);
      // Before the import: a signal during it aborts the run at its start, with its one line.
      const interruption = interruptOnSignals();
      // Loaded here: what a run needs takes a while to import, and list and serve don't need it.
      const { runConformance } = await import('./conformance-run.js').catch((error: unknown) => {
        interruption.dispose();
        throw error;
      });
      const outcome = await runConformance({
        profile: flags.profile,
        target: flags.target,
        envFile: flags.env,
        envVars: flags.envVar,
        processEnv: process.env,
        signal: interruption.signal,
        collectionFile: flags.collection,
        outDir: flags.out,
        strict: flags.strict,
        timeoutMs: flags.timeout,
        tls: { caFile: flags.ca, insecure: flags.insecure, certFile: flags.cert, keyFile: flags.key },
        reporters: reporters.files,
        selection,
        engine: flags.engine,
        bypass,
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(flags.quiet ? {} : { progress: createProgress({ stream: process.stderr }) }),
      }).finally(interruption.dispose);
      await printOutcome(outcome.report, outcome.writtenFiles, { cli: reporters.cli, quiet: flags.quiet, color: flags.color }, outcome.redact);
      const hint = flags.quiet ? undefined : pacingHint(outcome.report.pacing);
      if (hint) await write(process.stderr, `${PROGRAM_NAME}: ${hint}\n`);
      await exit(outcome.exitCode);
    });
}
