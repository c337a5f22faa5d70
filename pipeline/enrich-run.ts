import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';
import { createProgress } from './progress.js';

/** How an enrich run ended, as its `runs` row says. */
export type EnrichRunStatus = 'succeeded' | 'failed' | 'interrupted';

/**
 * What an enrich run needs of the database. pipeline/ knows no SQL: db/enrich-store.ts
 * implements this over Kysely (structurally), the CLI passes one to the other, tests may
 * pass a fake.
 */
export interface EnrichRunStore {
  /** Inserts the `runs` row (`running`) and returns its id. */
  startRun(now: Date): Promise<number>;
  /** Says how the run ended and what it did. */
  finishRun(runId: number, status: EnrichRunStatus, stats: Readonly<Record<string, unknown>>, now: Date): Promise<void>;
  countPending(): Promise<number>;
  /** The verbatims still to enrich, in batches; a run stopped half-way is resumed by the next. */
  pending(batchSize: number): AsyncIterable<readonly Verbatim[]>;
  /** Saves one enriched batch, idempotently. */
  save(batch: readonly EnrichedVerbatim[], now: Date): Promise<void>;
  /** Opens the callbacks of the new detractors; returns how many. */
  openFollowups(now: Date): Promise<number>;
  /** Refreshes the planner statistics (ANALYZE) after the bulk write. */
  refreshStatistics(): Promise<void>;
  /**
   * Counts a failed run for each failed verbatim, so one that cannot be enriched is retried a few
   * times and then left out of `pending` instead of failing at the start of every run.
   */
  recordFailures?(failures: readonly EnrichFailure[]): Promise<void>;
}

/** One failed verbatim and why: a failed verbatim stays pending, for a few runs (`recordFailures`). */
export interface EnrichFailure {
  readonly id: string;
  readonly reason: string;
}

/** What a runner did, in the terms every runner shares. */
export interface EnrichRunnerOutcome {
  readonly processed: number;
  readonly failed: readonly EnrichFailure[];
  /** What else the `runs` row should record (queue name, jobs lost …). */
  readonly stats?: Readonly<Record<string, unknown>>;
}

/**
 * A way of enriching the pending verbatims: in this process (pipeline/in-process-enrich-runner.ts)
 * or through BullMQ workers (pipeline/queue/bullmq-enrich-runner.ts). The work-unit
 * shape of the house: `(input, { signal }) => Promise<result>`.
 */
export interface EnrichRunner {
  /** Recorded in the run's stats. */
  readonly name: string;
  run(options: EnrichRunnerInput): Promise<EnrichRunnerOutcome>;
  /** Told to the person waiting after a stop, in this runner's terms (e.g. "the queued jobs stay queued"). */
  readonly interruptedNote?: string;
  /** Told after failures: where they can be seen or retried. */
  readonly failedNote?: string;
}

export interface EnrichRunnerInput {
  /** Aborted by SIGINT/SIGTERM: stop taking new work. */
  readonly signal: AbortSignal;
  /** Verbatims processed so far. */
  readonly onProgress: (processed: number) => void;
  /** Something the person waiting should know (no worker connected, Redis unreachable …). */
  readonly onNotice: (message: string) => void;
}

/** Where stop signals come from: `process`, or an EventEmitter in tests. */
export type SignalSource = Pick<EventEmitter, 'on' | 'off'>;

export interface EnrichRunOptions {
  readonly store: EnrichRunStore;
  readonly runner: EnrichRunner;
  readonly now: () => Date;
  /** Progress, notices and failures (stderr: stdout may be carrying data). */
  readonly log: Writable & { isTTY?: boolean };
  /** Least time between two progress lines when `log` is not a terminal (default 5 s). */
  readonly logEveryMs?: number;
  /** Default: `process`. */
  readonly signals?: SignalSource;
}

export interface EnrichRunResult {
  readonly runId: number;
  readonly status: EnrichRunStatus;
  readonly processed: number;
  readonly failed: number;
  readonly followupsOpened: number;
}

/** Failure reasons printed, each with how many verbatims it stopped. */
const REASONS_SHOWN = 20;

/** The signals a service manager (SIGTERM) or a person (Ctrl-C) stops a run with. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * One enrich run, whatever the runner: the `runs` row started, SIGINT and SIGTERM
 * turned into an abort (and let go after), the runner run, the detractor
 * follow-ups opened, the planner statistics refreshed, the row finished as
 * `succeeded`, `failed` or `interrupted` with its counts, the failures reported.
 * Written once so both runners end a run alike: a run stopped by a signal, or
 * whose runner throws, never stays `running`.
 *
 * @example const result = await runEnrich({ store: enrichStore(db), runner, now: () => new Date(), log: process.stderr });
 */
export async function runEnrich(options: EnrichRunOptions): Promise<EnrichRunResult> {
  const { store, runner, now, log } = options;
  const signals = options.signals ?? process;
  const abort = new AbortController();
  const onSignal = (): void => {
    log.write(abort.signal.aborted ? 'enrich: still stopping: saving what is in flight\n' : 'enrich: stopping: the batches in flight are saved, the rest stays pending\n');
    abort.abort();
  };
  // Hooked before the row exists: a signal from then on ends the run as `interrupted`, never leaves it `running`.
  // `on`, not `once`: a second signal must not fall back to the default action (exit) while the
  // batches in flight are saved and the run row is finished.
  for (const signal of STOP_SIGNALS) signals.on(signal, onSignal);
  try {
    const total = await store.countPending();
    const runId = await store.startRun(now());
    const progress = createProgress({ stream: log, total, label: 'enrich', intervalMs: options.logEveryMs ?? 5_000 });
    let outcome: EnrichRunnerOutcome;
    try {
      outcome = await runner.run({
        signal: abort.signal,
        onProgress: (done) => progress.update(done),
        onNotice: (message) => log.write(`enrich: ${message}\n`),
      });
    } catch (error) {
      await store.finishRun(runId, 'failed', { runner: runner.name, error: error instanceof Error ? error.message : String(error) }, now());
      throw error;
    } finally {
      progress.stop();
    }
    if (outcome.failed.length > 0) await store.recordFailures?.(outcome.failed);
    const followupsOpened = await store.openFollowups(now());
    await store.refreshStatistics();
    const status: EnrichRunStatus = abort.signal.aborted ? 'interrupted' : outcome.failed.length > 0 ? 'failed' : 'succeeded';
    const stats = { runner: runner.name, ...outcome.stats, processed: outcome.processed, failed: outcome.failed.length, followupsOpened };
    await store.finishRun(runId, status, stats, now());
    reportEnd(log, runner, status, outcome.failed);
    return { runId, status, processed: outcome.processed, failed: outcome.failed.length, followupsOpened };
  } finally {
    for (const signal of STOP_SIGNALS) signals.off(signal, onSignal);
  }
}

/** The failures by reason (a failed batch fails its verbatims for one reason), and the runner's notes. */
function reportEnd(log: Writable, runner: EnrichRunner, status: EnrichRunStatus, failed: readonly EnrichFailure[]): void {
  if (status === 'interrupted' && runner.interruptedNote !== undefined) log.write(`enrich: ${runner.interruptedNote}\n`);
  const byReason = new Map<string, number>();
  for (const failure of failed) byReason.set(failure.reason, (byReason.get(failure.reason) ?? 0) + 1);
  for (const [reason, count] of [...byReason].slice(0, REASONS_SHOWN)) log.write(`enrich: ${count} verbatims failed: ${reason}\n`);
  if (byReason.size > 0 && runner.failedNote !== undefined) log.write(`enrich: ${runner.failedNote}\n`);
}
