import type { Pipeline } from './create-pipeline.js';
import type { EnrichRunner, EnrichRunStore } from './enrich-run.js';
import { InProcessRunner } from './in-process-runner.js';

export interface InProcessEnrichOptions {
  readonly pipeline: Pipeline;
  readonly batchSize: number;
  /** Batches in flight at once. */
  readonly concurrency: number;
  readonly now: () => Date;
}

/**
 * The default runner of `verbatim enrich`: the store's pending verbatims through
 * `pipeline` in this process, each batch saved as it comes. Stopped, it takes no
 * new batch; the ones in flight are saved.
 *
 * @example await runEnrich({ store, runner: inProcessEnrichRunner(store, { pipeline, batchSize: 500, concurrency: 2, now }), now, log });
 */
export function inProcessEnrichRunner(store: Pick<EnrichRunStore, 'pending' | 'save'>, options: InProcessEnrichOptions): EnrichRunner {
  return {
    name: 'inprocess',
    failedNote: 'the failed verbatims stay pending: the next `verbatim enrich` tries them again (3 runs at most)',
    async run({ signal, onProgress }) {
      const result = await new InProcessRunner({ concurrency: options.concurrency }).run({
        source: store.pending(options.batchSize),
        pipeline: options.pipeline,
        sink: { write: (batch) => store.save(batch, options.now()) },
        signal,
        now: options.now,
        onProgress,
      });
      return { processed: result.processed, failed: result.failed };
    },
  };
}
