import type { Writable } from 'node:stream';
import { runEnrich, type EnrichRunResult, type EnrichRunStore, type SignalSource } from './enrich-run.js';
import { defaultThreads, openEnrichmentPipeline } from './enrichment-pipeline.js';
import { inProcessEnrichRunner } from './in-process-enrich-runner.js';
import type { ModelChoice, ModelPlaces } from './load-models.js';

export interface EnrichPendingOptions {
  readonly store: EnrichRunStore;
  readonly places: ModelPlaces;
  readonly choice: ModelChoice;
  readonly batchSize: number;
  /** Enrichment threads; default: `defaultThreads`. */
  readonly threads?: number;
  /** Batches in flight; default: one more than the threads (one being saved while the threads enrich). */
  readonly concurrency?: number;
  readonly now: () => Date;
  readonly log: Writable & { isTTY?: boolean };
  readonly logEveryMs?: number;
  readonly signals?: SignalSource;
}

/**
 * Enriches every pending verbatim in this process (`verbatim enrich`, `verbatim demo`):
 * the models loaded (on threads when there are several), one enrich run, the threads
 * stopped. Stopped half-way (Ctrl-C, SIGTERM, a crash), the next call picks up the rest.
 *
 * @example await enrichPending({ store: enrichStore(db), places, choice: {}, batchSize: 500, now, log: process.stderr });
 */
export async function enrichPending(options: EnrichPendingOptions): Promise<EnrichRunResult> {
  const pipeline = await openEnrichmentPipeline(options.places, options.choice, options.threads ?? defaultThreads(options.places, options.choice));
  try {
    // One batch more than the threads even on one: its save overlaps the next batch's enrichment.
    const concurrency = options.concurrency ?? pipeline.threads + 1;
    const runner = inProcessEnrichRunner(options.store, { pipeline, batchSize: options.batchSize, concurrency, now: options.now });
    return await runEnrich({
      store: options.store,
      runner,
      now: options.now,
      log: options.log,
      ...(options.logEveryMs === undefined ? {} : { logEveryMs: options.logEveryMs }),
      ...(options.signals === undefined ? {} : { signals: options.signals }),
    });
  } finally {
    await pipeline.close();
  }
}
