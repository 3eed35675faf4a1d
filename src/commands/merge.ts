/** `merge`: combines the conformance.json of shard runs into one report, judged as one run. */
import { Option, type Command } from 'commander';
import { chooseReporters, DEFAULT_REPORTERS, REPORTER_NAMES, type ReporterName } from '../report/reporters.js';
import { exit } from './io.js';
import { parseReporters, printOutcome } from './output-options.js';

interface MergeFlags {
  readonly out: string;
  readonly reporter: ReporterName[];
  readonly quiet: boolean;
  readonly color: boolean;
}

// The shard reports were masked when they were written; nothing secret is left to mask.
const alreadyMasked = (text: string): string => text;

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge the conformance.json reports of shard runs into one report (exit code = merged verdict)')
    .argument('<reports...>', 'conformance.json files of the runs to merge')
    .option('-o, --out <dir>', 'directory for the merged reports', 'reports')
    .addOption(
      new Option('-r, --reporter <list>', `reporters, comma-separated: ${REPORTER_NAMES.join(', ')}`)
        .default([...DEFAULT_REPORTERS], DEFAULT_REPORTERS.join(','))
        .argParser(parseReporters),
    )
    .option('-q, --quiet', 'print only the verdict line', false)
    .option('--no-color', 'plain output without colours')
    .action(async (paths: string[], flags: MergeFlags) => {
      // Loaded here: the report's schema (ajv) and the catalogue are no use to the other commands' start-up.
      const [{ readRunReport }, { mergeReports }, { writeReports }] = await Promise.all([
        import('../report/read-report.js'),
        import('../run/merge-reports.js'),
        import('../report/write-reports.js'),
      ]);
      const report = mergeReports(paths.map((path) => ({ origin: path, report: readRunReport(path) })));
      const reporters = chooseReporters(flags.reporter);
      const written = writeReports(report, reporters.files, flags.out, alreadyMasked);
      await printOutcome(report, written, { cli: reporters.cli, quiet: flags.quiet, color: flags.color }, alreadyMasked);
      await exit(report.exitCode);
    });
}
