import type { EnrichRunner } from '../enrich-run.js';
import { BullmqRunner } from './bullmq-runner.js';
import type { QueueSettings } from './queue-settings.js';

/** What the producer needs of the database: db/enrich-store.ts implements it (over db/queue-store.ts). */
export interface QueueProducerStore {
  /** The ids still to enrich, in batches (one batch = one job). */
  pendingIds(batchSize: number): AsyncIterable<readonly string[]>;
  /** Which of `ids` are still to enrich (a completed job proves nothing by itself). */
  stillPending(ids: readonly string[]): Promise<readonly string[]>;
}

export interface BullmqEnrichOptions {
  readonly settings: QueueSettings;
  readonly batchSize: number;
}

/**
 * `enrich --runner bullmq`: queues the pending verbatims as batch jobs for the
 * `verbatim worker` processes and waits for all of them. A stop ends the
 * waiting, not the work: queued jobs stay queued and the workers go on.
 *
 * @example await runEnrich({ store, runner: bullmqEnrichRunner(producerStore, { settings, batchSize: 500 }), now, log });
 */
export function bullmqEnrichRunner(store: QueueProducerStore, options: BullmqEnrichOptions): EnrichRunner {
  return {
    name: 'bullmq',
    interruptedNote: 'stopped waiting; the queued jobs stay queued for the workers',
    failedNote: 'the failed jobs are kept: `verbatim queue status` shows them, `verbatim queue retry-failed` runs them again',
    async run({ signal, onProgress, onNotice }) {
      const result = await new BullmqRunner({ settings: options.settings }).run({
        pendingIds: () => store.pendingIds(options.batchSize),
        stillPending: (ids) => store.stillPending(ids),
        signal,
        onProgress,
        onNotice,
      });
      return {
        processed: result.processed,
        failed: result.failed,
        stats: { queue: options.settings.name, lostJobs: result.lost, unsaved: result.unsaved },
      };
    },
  };
}
