/**
 * What a run has seen so far, kept as it comes: every item's record, each case judged once as soon
 * as its record is complete (the one `caseResult()`), the wire cases' results. It listens to the
 * engine (engine.ts), tells the run's events, feeds the target's liveness watch
 * (target-liveness.ts) and stops the run on a failed setup step. A run that stops early still
 * reports what it holds.
 */
import type { RequestCase } from '../cases/model.js';
import { caseResult } from './case-result.js';
import { fateOf, type EngineListener, type ItemRecord, type RequestFate } from './engine.js';
import type { EngineChoice } from './engines.js';
import { setupFailure } from './fixtures.js';
import { Pacer } from './pacing.js';
import { preflight } from './preflight.js';
import { probeAnswers } from './retry-after.js';
import type { PreparedRun } from './prepare-run.js';
import { stepResults, type CaseResult, type StepResult } from './results.js';
import type { RunEvent } from './run-events.js';
import { watchTarget, type TargetWatch } from './target-liveness.js';

export class RunRecord {
  /** The target's pace, learned from its answers: the timeout, the requests in flight, the retries (pacing.ts). */
  readonly pacer: Pacer;
  /**
   * A target that stops answering mid-run ends the run at once, with no verdict. A slow target is
   * not gone: the check waits as long as a request sent alone would.
   */
  readonly liveness: TargetWatch;
  /** Every item's record so far, by id. */
  readonly items = new Map<string, ItemRecord>();
  /** The teardown the runner sent itself, when the engine stopped before its own. */
  directTeardown: StepResult[] | undefined;
  private readonly judged = new Map<string, CaseResult>();
  private readonly wire = new Map<string, CaseResult>();
  /** A failed fixture step stops the run at once: every case after it would fail for that reason alone. */
  private readonly setupFailed = new AbortController();
  private readonly setupIds: ReadonlySet<string>;

  constructor(
    private readonly run: PreparedRun,
    private readonly engine: EngineChoice,
    private readonly emit: (event: RunEvent) => void,
  ) {
    this.pacer = new Pacer({ ceiling: run.concurrency, timeoutMs: run.options.timeoutMs });
    this.liveness = watchTarget(() =>
      preflight(run.baseUrl, { timeoutMs: this.pacer.retryTimeoutMs, ...run.tls, onAnswer: probeAnswers((id, status, reason) => this.pacer.recordNotWaited(id, status, reason)) }).then(
        () => true,
        () => false,
      ),
    );
    this.setupIds = new Set(run.profile.fixtures.setup.map((s) => s.id));
  }

  /** What the engine tells: each case started, each item's record. */
  get listener(): EngineListener {
    const item = (record: ItemRecord): void => this.item(record);
    return {
      caseStarted: (id) => this.emit({ type: 'case-started', caseId: id }),
      caseDone: item,
      fixtureDone: item,
      request: (id, fate) => this.requestFate(id, fate),
    };
  }

  /** What stops the HTTP cases: the run's signal, a failed setup step, the target gone. */
  get httpSignal(): AbortSignal {
    return AbortSignal.any([...(this.run.options.signal ? [this.run.options.signal] : []), this.setupFailed.signal, this.liveness.signal]);
  }

  /** What stops the wire cases: the run's signal, the target gone. */
  get wireSignal(): AbortSignal {
    return AbortSignal.any([...(this.run.options.signal ? [this.run.options.signal] : []), this.liveness.signal]);
  }

  /** A wire case's result, as it is judged. */
  wireResult(result: CaseResult): void {
    this.wire.set(result.id, result);
    if (result.actual !== null) this.liveness.record(result.id, 'error' in result.actual ? { answered: false, error: result.actual.error } : { answered: true }, 'wire');
    this.emit({ type: 'case-judged', result });
  }

  /** Whether anything of the case came back. */
  reached(id: string): boolean {
    return this.items.has(id) || this.wire.has(id);
  }

  /** The case's result: judged already, or now on what `records` hold of it (nothing: the judge says what is missing). */
  resultOf(testCase: RequestCase, records: ReadonlyMap<string, ItemRecord> = this.items): CaseResult {
    return this.wire.get(testCase.id) ?? this.judged.get(testCase.id) ?? caseResult(testCase, records.get(testCase.id), this.run.judging);
  }

  private requestFate(id: string, fate: RequestFate): void {
    if (this.run.realTarget) this.liveness.record(id, fate);
  }

  private item(record: ItemRecord): void {
    this.items.set(record.id, record);
    // An engine that tells each request's fate has told this one's; for the others, the item's is its fate.
    const fate = fateOf(record);
    if (!this.engine.tellsRequests && fate) this.requestFate(record.id, fate);
    this.emit({ type: 'step-done', trace: record });
    const testCase = this.run.selectedById.get(record.id);
    if (testCase) {
      const result = caseResult(testCase, record, this.run.judging);
      this.judged.set(testCase.id, result);
      this.emit({ type: 'case-judged', result });
    }
    if (this.setupIds.has(record.id)) {
      const [step] = stepResults(this.run.profile.fixtures.setup.filter((s) => s.id === record.id), new Map([[record.id, record]]));
      if (step && !step.ok) this.setupFailed.abort(setupFailure(step, this.run.variables.get('container') ?? ''));
    }
  }
}
