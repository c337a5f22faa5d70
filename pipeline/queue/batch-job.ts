import { createHash } from 'node:crypto';
import { UnrecoverableJobError } from '../../core/errors.js';

/** The job name every enrichment batch is queued under. */
export const BATCH_JOB_NAME = 'enrich-batch';

/**
 * What a job carries: verbatim ids only. Workers read the texts from the shared
 * database, so Redis holds a few kilobytes per batch, never customer text.
 */
export interface BatchJobData {
  readonly ids: readonly string[];
}

/** What a worker reports for a batch. */
export interface BatchJobResult {
  /** Verbatims enriched and saved by this job. */
  readonly enriched: number;
  /** Verbatims already enriched when the job ran (a re-delivered or duplicated job): left as they were. */
  readonly skipped: number;
}

/**
 * The job id of a batch: a hash of its ids, so enqueuing the same batch twice (two
 * `enrich` runs, a restarted producer) finds the job already there and adds nothing.
 * `salt` gives a new id to a batch whose earlier job is known to be finished or lost.
 *
 * @example batchJobId(['v_1', 'v_2']) // 'b_5f0c…' (the same for the same ids, in any order)
 */
export function batchJobId(ids: readonly string[], salt = ''): string {
  const hash = createHash('sha256');
  hash.update(salt);
  for (const id of [...ids].sort()) hash.update(`\u0000${id}`);
  return `b_${hash.digest('hex').slice(0, 32)}`;
}

/**
 * Checks a job's data before any work: a malformed job fails the same way on every
 * try, so it is unrecoverable (straight to the failed set, with this reason).
 */
export function parseBatchJobData(data: unknown): readonly string[] {
  const ids = typeof data === 'object' && data !== null ? (data as { ids?: unknown }).ids : undefined;
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new UnrecoverableJobError('job data: expected `ids` to be a non-empty array of verbatim ids');
  }
  ids.forEach((id: unknown, index) => {
    if (typeof id !== 'string' || id === '') {
      throw new UnrecoverableJobError(`job data: expected \`ids[${index}]\` to be a verbatim id, got \`${JSON.stringify(id)}\``);
    }
  });
  return ids as string[];
}
