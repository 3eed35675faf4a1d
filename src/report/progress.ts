/**
 * Progress of a run on stderr: on a terminal one live line rewritten in place; elsewhere (a CI
 * log) plain lines — one each time another tenth of the cases is done, and a heartbeat while a
 * slow target keeps the count still — so that a log neither floods nor looks hung.
 */
import type { CaseOutcome } from '../results/results.js';

/** What the runner tells whoever shows progress. */
export interface ProgressListener {
  start(total: number): void;
  caseDone(outcome: CaseOutcome): void;
  /** The run ended (also after an error): a live line must be cleared. */
  finish(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** Longest silence in a CI log before a line is printed anyway, milliseconds. */
  readonly heartbeatMs?: number;
  readonly now?: () => number;
}

const CLEAR_LINE = '\r\u001b[2K';
const DEFAULT_HEARTBEAT_MS = 30_000;

interface Counts {
  total: number;
  done: number;
  failed: number;
  inconclusive: number;
  errors: number;
}

function describe(counts: Counts): string {
  return `${counts.done}/${counts.total} cases done, ${counts.failed} failed, ${counts.inconclusive} inconclusive, ${counts.errors} errors`;
}

/** The listener for a stream: live on a TTY, periodic lines otherwise. */
export function createProgress(options: ProgressOptions): ProgressListener {
  return options.stream.isTTY ? liveProgress(options.stream) : periodicProgress(options);
}

function count(counts: Counts, outcome: CaseOutcome): void {
  counts.done += 1;
  if (outcome === 'fail') counts.failed += 1;
  if (outcome === 'inconclusive') counts.inconclusive += 1;
  if (outcome === 'error') counts.errors += 1;
}

function liveProgress(stream: ProgressStream): ProgressListener {
  const counts: Counts = { total: 0, done: 0, failed: 0, inconclusive: 0, errors: 0 };
  let shown = false;
  const show = (): void => {
    stream.write(`${CLEAR_LINE}running: ${describe(counts)}`);
    shown = true;
  };
  return {
    start(total) {
      counts.total = total;
      show();
    },
    caseDone(outcome) {
      count(counts, outcome);
      show();
    },
    finish() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

function periodicProgress(options: ProgressOptions): ProgressListener {
  const now = options.now ?? Date.now;
  const heartbeat = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const counts: Counts = { total: 0, done: 0, failed: 0, inconclusive: 0, errors: 0 };
  let lastLine = 0;
  let lastTenth = 0;
  const line = (): void => {
    options.stream.write(`progress: ${describe(counts)}\n`);
    lastLine = now();
  };
  return {
    start(total) {
      counts.total = total;
      line();
    },
    caseDone(outcome) {
      count(counts, outcome);
      const tenth = counts.total === 0 ? 10 : Math.floor((counts.done * 10) / counts.total);
      if (tenth > lastTenth || now() - lastLine >= heartbeat) {
        lastTenth = tenth;
        line();
      }
    },
    finish() {},
  };
}
