import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { RunResult } from '../runner.js';
import { BATCH_JOB_NAME, batchJobId, type BatchJobData, type BatchJobResult } from './batch-job.js';
import { JobTracker, type JobOutcome } from './job-tracker.js';
import { redisConnection, type QueueSettings } from './queue-settings.js';

export interface BullmqRunnerOptions {
  readonly settings: QueueSettings;
  /** Jobs queued and unfinished at most, so Redis holds a window of the run, not all of it. */
  readonly maxQueuedJobs?: number;
  /** How often the producer looks at its jobs. */
  readonly pollMs?: number;
  /** Passes over what is still pending; the passes after the first re-queue what Redis lost. */
  readonly maxRounds?: number;
  /** Completed jobs kept (for `queue status` and for the producer to see them finish) before BullMQ trims them. */
  readonly keepCompleted?: number;
}

export interface BullmqRunOptions {
  /**
   * The ids still to enrich, in batches (one batch = one job). Called once per
   * round: the database source yields only verbatims not enriched yet.
   */
  readonly pendingIds: () => AsyncIterable<readonly string[]>;
  /**
   * Which of `ids` are still pending in the database, asked when their job completes: a completed job proves
   * nothing when it is a kept one from an earlier run (the rows forgotten and imported again) or its save did
   * not hold. Those verbatims are not counted, and the next round queues them again. Without it, completed
   * jobs are trusted.
   */
  readonly stillPending?: (ids: readonly string[]) => Promise<readonly string[]>;
  readonly signal?: AbortSignal;
  /** Verbatims of this run's finished jobs so far, over all workers. */
  readonly onProgress?: (processed: number) => void;
  /** Something the person waiting should know (no worker connected, Redis unreachable …). */
  readonly onNotice?: (message: string) => void;
}

/** What a BullMQ run did, in the shape of every runner's result, plus what only a queue knows. */
export interface BullmqRunResult extends RunResult {
  /** Jobs found gone from Redis (it restarted without its data) and queued again. */
  readonly lost: number;
  /** Verbatims of completed jobs found still pending in the database (see `stillPending`) and queued again. */
  readonly unsaved: number;
  /** Passes over the pending verbatims. */
  readonly rounds: number;
}

/** Say again that no worker is there at most this often. */
const NOTICE_EVERY_MS = 15_000;

/**
 * The producer side of scale-out: queues the pending verbatims as batch jobs
 * (ids only) and waits until every one has completed or failed, whichever
 * `verbatim worker` processes run them. Job ids come from the batch's ids, so
 * queuing what another producer already queued adds nothing. When a round
 * ends with verbatims still pending that no failed job holds (Redis restarted
 * empty), they are queued again under fresh job ids.
 *
 * @example
 * const result = await new BullmqRunner({ settings }).run({ pendingIds: () => pendingIdBatches(db, 500) });
 */
export class BullmqRunner {
  readonly #settings: QueueSettings;
  readonly #maxQueuedJobs: number;
  readonly #pollMs: number;
  readonly #maxRounds: number;
  readonly #keepCompleted: number;

  constructor(options: BullmqRunnerOptions) {
    this.#settings = options.settings;
    this.#maxQueuedJobs = positive(options.maxQueuedJobs ?? 500, 'maxQueuedJobs');
    this.#pollMs = positive(options.pollMs ?? 250, 'pollMs');
    this.#maxRounds = positive(options.maxRounds ?? 3, 'maxRounds');
    this.#keepCompleted = positive(options.keepCompleted ?? Math.max(1_000, 2 * this.#maxQueuedJobs), 'keepCompleted');
  }

  async run(options: BullmqRunOptions): Promise<BullmqRunResult> {
    const settings = this.#settings;
    const signal = options.signal ?? new AbortController().signal;
    const notice = options.onNotice ?? (() => undefined);
    const queue = new Queue<BatchJobData, BatchJobResult>(settings.name, {
      connection: redisConnection(settings),
      prefix: settings.prefix,
      defaultJobOptions: {
        attempts: settings.attempts,
        backoff: { type: 'exponential', delay: settings.backoffMs },
        removeOnComplete: { count: this.#keepCompleted },
        removeOnFail: false,
      },
    });
    queue.on('error', () => undefined); // reported by the calls that fail, and retried there
    const runSalt = randomBytes(6).toString('hex');
    const tally = new RunTally();
    let rounds = 0;
    try {
      await this.#retrying(() => queue.waitUntilReady(), signal, notice);
      const watch = this.#watchWorkers(queue, signal, notice);
      try {
        while (rounds < this.#maxRounds && !signal.aborted) {
          rounds += 1;
          const lostBefore = tally.lost;
          const unsavedBefore = tally.unsaved;
          // Round 1 ids are shared with any other producer; later rounds follow jobs known to be finished or gone.
          const ownSalt = `${runSalt}:${rounds}`;
          const queued = await this.#round(queue, { ...options, signal, onNotice: notice }, { shared: rounds === 1 ? '' : ownSalt, own: ownSalt }, tally);
          // Nothing vanished or went unsaved this round: what is still pending came in after the run started; it is the next run's.
          if (queued === 0 || (tally.lost === lostBefore && tally.unsaved === unsavedBefore)) break;
          if (tally.lost > lostBefore) notice(`${tally.lost - lostBefore} jobs vanished from Redis (restarted without its data?): queuing again what they left pending`);
          if (tally.unsaved > unsavedBefore) notice(`${tally.unsaved - unsavedBefore} verbatims of completed jobs are still pending in the database: queuing them again`);
        }
      } finally {
        watch.stop();
      }
    } finally {
      // Closing waits for Redis; an unreachable one must not hold the stopped run for ever.
      await settleWithin(queue.close(), new AbortController().signal, CALL_TIMEOUT_MS).catch(() => undefined);
    }
    return { processed: tally.processed, batches: tally.batches, failed: tally.failed, lost: tally.lost, unsaved: tally.unsaved, rounds };
  }

  /** Queues every pending batch (at most `maxQueuedJobs` unfinished at once) and waits for all of them. Returns the jobs queued. */
  async #round(
    queue: Queue<BatchJobData, BatchJobResult>,
    options: BullmqRunOptions & { signal: AbortSignal; onNotice: (message: string) => void },
    salt: { readonly shared: string; readonly own: string },
    tally: RunTally,
  ): Promise<number> {
    const { signal, onNotice: notice } = options;
    const tracker = new JobTracker(queue);
    const drainOnce = async (): Promise<void> => {
      try {
        for (const outcome of await tracker.poll()) {
          const unsaved = outcome.kind === 'completed' && options.stillPending !== undefined ? await options.stillPending(outcome.ids) : [];
          tally.settle(outcome, unsaved);
          options.onProgress?.(tally.processed);
        }
      } catch (error) {
        notice(`waiting for Redis: ${messageOf(error)}`);
      }
    };
    const carried = tally.takeRecheckIds();
    let queued = 0;
    for await (const batch of options.pendingIds()) {
      for (const id of batch) carried.delete(id);
      const ids = batch.filter((id) => !tally.failedIds.has(id));
      if (ids.length === 0) continue;
      while (tracker.size >= this.#maxQueuedJobs && !signal.aborted) {
        await drainOnce();
        if (tracker.size >= this.#maxQueuedJobs) await sleep(this.#pollMs, undefined, { signal }).catch(() => undefined);
      }
      if (signal.aborted) return queued;
      const jobId = await this.#freshJobId(queue, ids, salt, signal, notice);
      if (jobId === undefined) return queued;
      await this.#retrying(() => queue.add(BATCH_JOB_NAME, { ids }, { jobId }), signal, notice);
      tracker.track(jobId, ids);
      queued += 1;
    }
    // The verbatims to check again that are no longer pending were saved (before Redis lost their job, or by another run).
    tally.credit(carried.size);
    options.onProgress?.(tally.processed);
    while (tracker.size > 0 && !signal.aborted) {
      await drainOnce();
      if (tracker.size > 0) await sleep(this.#pollMs, undefined, { signal }).catch(() => undefined);
    }
    return queued;
  }

  /**
   * The shared job id of a batch, unless a job under it has already ended (a kept job of an earlier run: these
   * ids were listed as pending, so its outcome is stale): then one of this run's own, so the batch runs again.
   * Undefined when stopped.
   */
  async #freshJobId(
    queue: Queue,
    ids: readonly string[],
    salt: { readonly shared: string; readonly own: string },
    signal: AbortSignal,
    notice: (message: string) => void,
  ): Promise<string | undefined> {
    const shared = batchJobId(ids, salt.shared);
    if (salt.shared === salt.own) return shared; // this run's own ids: no earlier job can hold them
    const state = await this.#retrying(() => queue.getJobState(shared), signal, notice);
    if (state === undefined) return undefined;
    return state === 'completed' || state === 'failed' ? batchJobId(ids, salt.own) : shared;
  }

  /** Runs a Redis call until it goes through: an outage delays the run, it does not end it. */
  async #retrying<T>(call: () => Promise<T>, signal: AbortSignal, notice: (message: string) => void): Promise<T | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        // ioredis reconnecting keeps a call pending without rejecting: bound each attempt and watch the signal.
        return await settleWithin(call(), signal, CALL_TIMEOUT_MS);
      } catch (error) {
        if (signal.aborted) return undefined;
        notice(`waiting for Redis: ${messageOf(error)}`);
        await sleep(Math.min(this.#pollMs * 2 ** attempt, 5_000), undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** Tells the person waiting when no worker is connected, since the jobs would wait for ever. */
  #watchWorkers(queue: Queue, signal: AbortSignal, notice: (message: string) => void): { stop: () => void } {
    let last = 0;
    let absent = 0;
    const check = async (): Promise<void> => {
      const workers = await queue.getWorkersCount().catch(() => undefined);
      // Twice in a row: a worker that is starting registers a moment after it connects.
      absent = workers === 0 ? absent + 1 : 0;
      if (absent >= 2 && !signal.aborted && Date.now() - last >= NOTICE_EVERY_MS) {
        last = Date.now();
        notice(`no worker is connected to queue ${this.#settings.name}: start \`verbatim worker\` with the same REDIS_URL, DATABASE_URL and VERBATIM_QUEUE`);
      }
    };
    const timer = setInterval(() => void check(), 2_000);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
}

/** What the jobs of a run came to, as their endings are seen. */
class RunTally {
  processed = 0;
  batches = 0;
  lost = 0;
  unsaved = 0;
  readonly failed: { id: string; reason: string }[] = [];
  /** Verbatims of failed jobs: not queued again by later rounds (`queue retry-failed` is for that). */
  readonly failedIds = new Set<string>();
  /** Verbatims of lost jobs and of completed jobs still pending: the next round sorts them into saved and pending. */
  #recheckIds = new Set<string>();

  /** `unsaved`: the ids of a completed job still pending in the database. */
  settle(outcome: JobOutcome, unsaved: readonly string[] = []): void {
    if (outcome.kind === 'completed') {
      this.processed += outcome.ids.length - unsaved.length;
      this.batches += 1;
      this.unsaved += unsaved.length;
      for (const id of unsaved) this.#recheckIds.add(id);
    } else if (outcome.kind === 'failed') {
      for (const id of outcome.ids) {
        this.failedIds.add(id);
        this.failed.push({ id, reason: outcome.reason });
      }
    } else {
      this.lost += 1;
      for (const id of outcome.ids) this.#recheckIds.add(id);
    }
  }

  /** The verbatims to check again so far (see `#recheckIds`). */
  takeRecheckIds(): Set<string> {
    const taken = this.#recheckIds;
    this.#recheckIds = new Set();
    return taken;
  }

  credit(verbatims: number): void {
    this.processed += verbatims;
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`Expected \`${name}\` to be an integer from 1 and up, got \`${value}\` (${typeof value})`);
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How long one call to Redis may stay unanswered before the producer says it is waiting (and tries again). */
const CALL_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection when `signal` aborts or `ms` pass first (the promise itself is left to settle). */
function settleWithin<T>(promise: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new Error(`no answer in ${ms / 1000} s`))), ms);
    const onAbort = (): void => finish(() => reject(signal.reason ?? new Error('aborted')));
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then((value) => finish(() => resolve(value)), (error: unknown) => finish(() => reject(error)));
  });
}
