import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { UnrecoverableJobError } from '../../core/errors.js';
import type { BatchJobData, BatchJobResult } from './batch-job.js';
import type { BatchProcessor } from './batch-processor.js';
import { redisConnection, type QueueSettings } from './queue-settings.js';

/** What a worker tells its host (the `verbatim worker` command logs it). */
export type BatchWorkerEvent =
  | { readonly kind: 'completed'; readonly jobId: string; readonly result: BatchJobResult }
  | { readonly kind: 'failed'; readonly jobId: string; readonly reason: string; readonly willRetry: boolean }
  | { readonly kind: 'stalled'; readonly jobId: string }
  | { readonly kind: 'error'; readonly message: string };

export interface BatchWorkerOptions {
  readonly settings: QueueSettings;
  /** Batch jobs this process works on at once. */
  readonly concurrency: number;
  readonly processor: BatchProcessor;
  /** Shown by `queue status` and stored on each job it takes (default: BullMQ's). */
  readonly name?: string;
  readonly onEvent?: (event: BatchWorkerEvent) => void;
}

/** A running worker. */
export interface BatchWorker {
  /** Resolves once connected to Redis and taking jobs. */
  readonly ready: Promise<void>;
  /**
   * Stops taking jobs, lets the jobs in hand finish (and saves them), then disconnects.
   * `force`: drop the jobs in hand at once; they come back to the queue as stalled jobs.
   * Resolves `'abandoned'` when Redis is unreachable and BullMQ cannot close cleanly:
   * no job is in hand any more, but its connections are still retrying (the host
   * process should then just exit).
   */
  close(options?: { force?: boolean }): Promise<'closed' | 'abandoned'>;
}

/**
 * Runs batch jobs from the queue until closed. Redis outages are survived: the
 * connection is retried for ever and the worker resumes where the queue stands.
 *
 * @example const worker = startBatchWorker({ settings, concurrency: 2, processor }); await worker.ready; … await worker.close();
 */
export function startBatchWorker(options: BatchWorkerOptions): BatchWorker {
  const { settings } = options;
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new TypeError(`Expected \`concurrency\` to be a number from 1 and up, got \`${options.concurrency}\` (${typeof options.concurrency})`);
  }
  const emit = options.onEvent ?? (() => undefined);
  let inHand = 0;
  const worker = new Worker<BatchJobData, BatchJobResult>(
    settings.name,
    async (job: Job<BatchJobData, BatchJobResult>, _token?: string, signal?: AbortSignal) => {
      inHand += 1;
      try {
        return await options.processor(job.data, { signal: signal ?? new AbortController().signal });
      } catch (error) {
        // Our named error → BullMQ's, which skips the remaining attempts and keeps the reason in the failed set.
        if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
        throw error;
      } finally {
        inHand -= 1;
      }
    },
    {
      connection: redisConnection(settings),
      prefix: settings.prefix,
      concurrency: options.concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: settings.maxStalledCount,
      // Long-poll for new jobs at most this long (s): a short wait keeps `close()` quick on an idle worker.
      drainDelay: 1,
      ...(options.name === undefined ? {} : { name: options.name }),
    },
  );
  worker.on('completed', (job, result) => emit({ kind: 'completed', jobId: job.id ?? '?', result }));
  worker.on('failed', (job, error) => {
    const attempts = job?.opts.attempts ?? 1;
    const willRetry = job !== undefined && !(error instanceof UnrecoverableError) && job.attemptsMade < attempts;
    emit({ kind: 'failed', jobId: job?.id ?? '?', reason: error.message, willRetry });
  });
  worker.on('stalled', (jobId) => emit({ kind: 'stalled', jobId }));
  // Without a listener an 'error' (Redis gone, a lock lost) would crash the process; the connection is retried on its own.
  worker.on('error', (error) => emit({ kind: 'error', message: error.message }));

  let closing: Promise<void> | undefined;
  /** BullMQ's close waits for Redis for ever; past the jobs in hand, we do not. */
  const closeOrGiveUp = async (close: Promise<void>, force: boolean): Promise<'closed' | 'abandoned'> => {
    const closed = close.then(() => 'closed' as const);
    for (;;) {
      const outcome = await Promise.race([closed, sleep(force ? FORCE_GRACE_MS : CLOSE_GRACE_MS).then(() => 'waiting' as const)]);
      if (outcome === 'closed') return outcome;
      // Forced: the jobs in hand are dropped (they come back as stalled). Otherwise: only once they are done.
      if (force || inHand === 0) return 'abandoned';
    }
  };
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    close: ({ force = false } = {}) => {
      closing ??= worker.close(force);
      return closeOrGiveUp(closing, force);
    },
  };
}

/** How long a clean close may wait for Redis once no job is in hand. */
const CLOSE_GRACE_MS = 5_000;
/** How long a forced close waits for BullMQ at all. */
const FORCE_GRACE_MS = 1_000;
