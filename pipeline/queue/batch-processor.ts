import type { Pipeline } from '../create-pipeline.js';
import { UnrecoverableJobError } from '../../core/errors.js';
import type { EnrichedVerbatim, Verbatim } from '../../core/verbatim.js';
import { parseBatchJobData, type BatchJobResult } from './batch-job.js';

/** Where a worker reads a batch from and writes it back: the shared database, or a fake in tests. */
export interface BatchStore {
  /**
   * The verbatims of `ids` still to enrich, and the ids with no verbatim at all.
   * Ids already enriched are in neither list: a re-delivered job skips them.
   */
  load(ids: readonly string[]): Promise<{ readonly pending: readonly Verbatim[]; readonly missing: readonly string[] }>;
  /**
   * Saves a batch in one transaction, idempotently, and only over rows still
   * pending (the first writer wins), so a job run twice never writes twice.
   * Returns how many rows it updated.
   */
  save(batch: readonly EnrichedVerbatim[]): Promise<{ readonly updated: number }>;
}

/** The handler shape of work units: `(input, { signal }) => Promise<result>`. */
export type BatchProcessor = (data: unknown, options: { readonly signal: AbortSignal }) => Promise<BatchJobResult>;

/** Ids shown in an error message before `…`. */
const IDS_IN_MESSAGE = 5;

/**
 * One batch job: load the pending verbatims of its ids, run the stages, save. Knows
 * nothing of BullMQ: an error it cannot get past by retrying is an `UnrecoverableJobError`.
 *
 * @example const process = createBatchProcessor({ store, pipeline }); await process({ ids: ['v_1'] }, { signal })
 */
export function createBatchProcessor(options: { store: BatchStore; pipeline: Pipeline; now?: () => Date }): BatchProcessor {
  const now = options.now ?? (() => new Date());
  return async (data, { signal }) => {
    const ids = parseBatchJobData(data);
    const { pending, missing } = await options.store.load(ids);
    let enriched = 0;
    if (pending.length > 0) {
      const batch = await options.pipeline.enrich(pending, { signal, now });
      signal.throwIfAborted();
      enriched = (await options.store.save(batch)).updated;
    }
    if (missing.length > 0) {
      // The rest of the batch is saved; these rows were deleted (forgotten) since they were queued: retrying cannot bring them back.
      const shown = missing.slice(0, IDS_IN_MESSAGE).join(', ') + (missing.length > IDS_IN_MESSAGE ? ', …' : '');
      throw new UnrecoverableJobError(`${missing.length} of ${ids.length} verbatims of this batch no longer exist (deleted or forgotten since queued): ${shown}`);
    }
    return { enriched, skipped: ids.length - enriched };
  };
}
