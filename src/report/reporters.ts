/**
 * The reporters `--reporter` chooses from. `cli` is the summary on stdout; the others are files
 * the runner writes under the output directory.
 */
import { htmlReporter } from './html-report.js';
import { jsonReporter } from './json-report.js';
import { junitReporter } from './junit-report.js';
import { markdownReporter } from './markdown-report.js';
import type { Reporter } from './run-report.js';

export const REPORTER_NAMES = ['cli', 'json', 'junit', 'html', 'md'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** By default every reporter runs: one run, every artifact a person or a CI may want. */
export const DEFAULT_REPORTERS: readonly ReporterName[] = REPORTER_NAMES;

export const FILE_REPORTERS: Readonly<Record<Exclude<ReporterName, 'cli'>, Reporter>> = {
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
  md: markdownReporter,
};

export interface ReporterChoice {
  /** Whether the full summary goes to stdout (otherwise only the verdict line). */
  readonly cli: boolean;
  readonly files: readonly Reporter[];
}

/** The chosen reporters, files in the order of REPORTER_NAMES. */
export function chooseReporters(names: readonly ReporterName[]): ReporterChoice {
  const chosen = new Set(names);
  const files = REPORTER_NAMES.filter((n): n is Exclude<ReporterName, 'cli'> => n !== 'cli' && chosen.has(n)).map((n) => FILE_REPORTERS[n]);
  return { cli: chosen.has('cli'), files };
}
