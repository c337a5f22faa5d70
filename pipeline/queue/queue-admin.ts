import { Queue } from 'bullmq';
import type { BatchJobData, BatchJobResult } from './batch-job.js';
import { ConfigError } from '../../core/errors.js';
import { redactRedisUrl, redisConnection, type QueueSettings } from './queue-settings.js';

/** Job states `queue status` counts. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
export type JobStateName = (typeof JOB_STATES)[number];

/** A job of the failed set, with why it failed. */
export interface FailedJob {
  readonly jobId: string;
  readonly verbatims: number;
  readonly reason: string;
  readonly attempts: number;
  /** ISO 8601, or null when unknown. */
  readonly failedAt: string | null;
}

/** Where a queue stands. */
export interface QueueStatus {
  readonly queue: string;
  readonly counts: Readonly<Record<JobStateName, number>>;
  /** Workers connected now (each `verbatim worker` process is one). */
  readonly workers: number;
  /** The most recent failed jobs, newest first. */
  readonly failed: readonly FailedJob[];
}

/**
 * Counts per state, connected workers, and the latest failures with their reasons.
 *
 * @example const status = await queueStatus(settings); status.counts.failed // 2
 */
export async function queueStatus(settings: QueueSettings, options: { failedShown?: number } = {}): Promise<QueueStatus> {
  return withQueue(settings, async (queue) => {
    const counts = await queue.getJobCounts(...JOB_STATES);
    const workers = await queue.getWorkersCount();
    const shown = options.failedShown ?? 10;
    const jobs = shown > 0 ? await queue.getFailed(0, shown - 1) : [];
    const failed = jobs.map((job) => ({
      jobId: job.id ?? '?',
      verbatims: Array.isArray(job.data?.ids) ? job.data.ids.length : 0,
      reason: job.failedReason || 'failed (no reason recorded)',
      attempts: job.attemptsMade,
      failedAt: job.finishedOn === undefined ? null : new Date(job.finishedOn).toISOString(),
    }));
    return {
      queue: settings.name,
      counts: Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as Record<JobStateName, number>,
      workers,
      failed,
    };
  });
}

/**
 * Puts every failed job back in the queue with its attempts counted from zero again
 * (after the cause is fixed: a database back up, a taxonomy corrected).
 *
 * @returns how many jobs were retried.
 */
export async function retryFailedJobs(settings: QueueSettings): Promise<number> {
  return withQueue(settings, async (queue) => {
    let retried = 0;
    for (;;) {
      // Retried jobs leave the failed set, so the first page is always the next one.
      const page = await queue.getFailed(0, 99);
      if (page.length === 0) return retried;
      let moved = 0;
      for (const job of page) {
        const state = await job.getState();
        if (state !== 'failed') continue;
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        moved += 1;
      }
      retried += moved;
      if (moved === 0) return retried;
    }
  });
}

/** What `cleanQueue` removed. */
export interface CleanResult {
  readonly completed: number;
  readonly failed: number;
  /** Waiting and delayed jobs dropped (`pending: true` only). */
  readonly pending: number;
}

/**
 * Removes finished jobs (completed and failed) older than `graceMs`; with
 * `pending: true`, also drops the jobs no worker has taken yet (their verbatims
 * stay pending in the database, for the next `enrich`). Active jobs are never touched.
 *
 * @example await cleanQueue(settings, { graceMs: 3_600_000 }) // { completed: 120, failed: 2, pending: 0 }
 */
export async function cleanQueue(settings: QueueSettings, options: { graceMs?: number; pending?: boolean } = {}): Promise<CleanResult> {
  const graceMs = options.graceMs ?? 0;
  return withQueue(settings, async (queue) => {
    const completed = (await queue.clean(graceMs, 0, 'completed')).length;
    const failed = (await queue.clean(graceMs, 0, 'failed')).length;
    let pending = 0;
    if (options.pending === true) {
      const before = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
      await queue.drain(true);
      pending = Object.values(before).reduce((sum, n) => sum + n, 0);
    }
    return { completed, failed, pending };
  });
}

async function withQueue<T>(settings: QueueSettings, work: (queue: Queue<BatchJobData, BatchJobResult>) => Promise<T>): Promise<T> {
  // An admin command should fail fast when Redis is down, not wait for it as workers do.
  const queue = new Queue<BatchJobData, BatchJobResult>(settings.name, {
    connection: { ...redisConnection(settings), maxRetriesPerRequest: 1, retryStrategy: () => null },
    prefix: settings.prefix,
  });
  queue.on('error', () => undefined); // the failing call reports it
  try {
    try {
      await queue.waitUntilReady();
    } catch (error) {
      throw new ConfigError(`cannot reach Redis at ${redactRedisUrl(settings.redisUrl)} (REDIS_URL): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    return await work(queue);
  } finally {
    await queue.close().catch(() => undefined);
  }
}
