/**
 * What `run` and `merge` print: the CLI summary when the `cli` reporter is chosen, otherwise the
 * verdict line and where the reports are; under --quiet the verdict line alone.
 */
import { InvalidArgumentError } from 'commander';
import { ansiStyle, PLAIN_STYLE, renderCliSummary, renderVerdictLine, type Style } from '../report/cli-summary.js';
import { REPORTER_NAMES, type ReporterName } from '../report/reporters.js';
import type { RunReport } from '../results/run-report.js';
import { write } from './io.js';

export function parseReporters(value: string): ReporterName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${REPORTER_NAMES.join(', ')}`);
  const unknown = names.filter((n) => !(REPORTER_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown reporter ${unknown.join(', ')} (expected ${REPORTER_NAMES.join(', ')})`);
  return REPORTER_NAMES.filter((n) => names.includes(n));
}

export interface OutputFlags {
  readonly cli: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
}

/** What `run` and `merge` print on stdout for a report, masked. */
export function outcomeText(report: RunReport, writtenFiles: readonly string[], flags: OutputFlags, redact: (text: string) => string, style: Style = PLAIN_STYLE): string {
  let text: string;
  if (flags.quiet) text = `${renderVerdictLine(report, style)}\n`;
  else if (flags.cli) text = renderCliSummary(report, style, writtenFiles);
  else text = `${renderVerdictLine(report, style)}\n${writtenFiles.length > 0 ? `Reports: ${writtenFiles.join(', ')}\n` : ''}`;
  return redact(text);
}

export async function printOutcome(report: RunReport, writtenFiles: readonly string[], flags: OutputFlags, redact: (text: string) => string): Promise<void> {
  const style = flags.color && process.stdout.isTTY && !process.env.NO_COLOR ? ansiStyle() : PLAIN_STYLE;
  await write(process.stdout, outcomeText(report, writtenFiles, flags, redact, style));
}
