/**
 * The reports of a run that could not start (a refused connection, a TLS failure, a missing
 * variable, a bad file...): a CI job still gets a JUnit file, with one errored test case that
 * names the reason, and a JSON report whose verdict is `error`; the other reporters render that
 * report (no case, the reason as its first warning).
 */
import type { ProfileId } from '../cases/model.js';
import { summarise } from '../results/results.js';
import { xmlEscape } from './junit-report.js';
import type { Reporter, RunReport } from './run-report.js';
import { writeReports } from './write-reports.js';

/** The base URL a report names when the run failed before knowing its target (a reserved name, RFC 6761). */
export const UNKNOWN_TARGET = 'http://unknown-target.invalid/';

export interface StartFailure {
  readonly reason: string;
  /** The error's stable code (`connection-refused`, `missing-variable`, …), the JUnit error's type. */
  readonly code: string;
  readonly exitCode: number;
  readonly startedAt: number;
  readonly strict: boolean;
  readonly profile: ProfileId;
  readonly mode: 'embedded' | 'target';
  readonly baseUrl?: string;
  readonly tool: { readonly name: string; readonly version: string };
}

export function startFailureReport(failure: StartFailure): RunReport {
  return {
    tool: failure.tool,
    target: { mode: failure.mode, baseUrl: failure.baseUrl ?? UNKNOWN_TARGET, profile: failure.profile },
    startedAt: new Date(failure.startedAt).toISOString(),
    durationMs: Date.now() - failure.startedAt,
    strict: failure.strict,
    verdict: 'error',
    exitCode: failure.exitCode,
    summary: summarise([]),
    setup: [],
    teardown: [],
    cases: [],
    warnings: [`the run could not start, no case was judged: ${failure.reason}`],
  };
}

/** One test suite, one errored test case: the run could not start, and why. */
export function renderStartFailureJunit(report: RunReport, code: string): string {
  const time = (report.durationMs / 1000).toFixed(3);
  const reason = report.warnings[0] ?? 'the run could not start';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="v3io-auth-conformance" tests="1" failures="0" errors="1" time="${time}">`,
    `  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="${time}" timestamp="${xmlEscape(report.startedAt)}">`,
    `    <testcase classname="run" name="the run starts" time="${time}">`,
    `      <error message="${xmlEscape(reason)}" type="${xmlEscape(code)}">${xmlEscape(`${reason}\ntarget: ${report.target.baseUrl}`)}</error>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes the chosen reporters' files for a run that could not start; returns the paths written. */
export function writeStartFailureReports(failure: StartFailure, reporters: readonly Reporter[], outDir: string, mask: (text: string) => string): string[] {
  const report = startFailureReport(failure);
  const adapted = reporters.map((reporter): Reporter =>
    reporter.name === 'junit' ? { ...reporter, render: (r) => renderStartFailureJunit(r, failure.code) } : reporter,
  );
  return writeReports(report, adapted, outDir, mask);
}
