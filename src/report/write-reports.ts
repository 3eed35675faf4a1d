/**
 * Writes the artifacts the reporters describe. Secrets are masked twice: in every string of the
 * report before rendering (an escaping format — HTML, XML, JSON — could otherwise turn a secret
 * into a form the redactor no longer recognises), and in the rendered text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors.js';
import type { Reporter, RunReport } from './run-report.js';

/** A deep copy of a JSON-like value with `mask` applied to every string. */
export function maskStrings<T>(value: T, mask: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return mask(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Writes each reporter's file under `outDir` and returns the paths written. */
export function writeReports(report: RunReport, reporters: readonly Reporter[], outDir: string, mask: (text: string) => string): string[] {
  if (reporters.length === 0) return [];
  const dir = resolve(outDir);
  const safe = maskStrings(report, mask);
  try {
    mkdirSync(dir, { recursive: true });
    return reporters.map((reporter) => {
      const path = join(dir, reporter.fileName);
      writeFileSync(path, mask(reporter.render(safe)));
      return path;
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HarnessError('report-write-failed', `cannot write reports to ${dir} (${code})`);
  }
}
