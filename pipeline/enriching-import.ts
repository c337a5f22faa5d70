import type { Verbatim } from '../core/verbatim.js';
import type { Pipeline } from './create-pipeline.js';
import { enrichIsolatingFailures, type IsolatedEnrichment } from './enrich-isolating.js';

/**
 * What an enriching import needs of the database. pipeline/ knows no SQL:
 * db/import-store.ts `enrichedImportStore` implements it (structurally), the CLI passes one to the other.
 */
export interface EnrichedImportStore {
  /** The batch without the answers of forgotten authors, and how many were left out. */
  screen(batch: readonly Verbatim[]): Promise<{ readonly kept: readonly Verbatim[]; readonly forgotten: number }>;
  /** Stores one enriched batch in one transaction, idempotently; failed verbatims go in pending. */
  store(batch: IsolatedEnrichment, now: Date): Promise<{ readonly inserted: number; readonly duplicates: number; readonly enriched: number; readonly failed: number }>;
}

export interface EnrichingImportOptions {
  readonly pipeline: Pipeline;
  readonly store: EnrichedImportStore;
  readonly now: () => Date;
  /** Batches being enriched or stored at once (default: 2): while one is stored, the others are enriched. */
  readonly inFlight?: number;
  readonly signal?: AbortSignal;
  /** After each batch stored: the verbatims read into the database so far (inserted, duplicates and forgotten included). */
  readonly onProgress?: (done: number) => void;
}

/** What the enriching import did so far, over every batch stored. */
export interface EnrichingImportTotals {
  readonly enriched: number;
  /** Verbatims stored pending because the pipeline failed on them, by reason. */
  readonly failed: number;
  readonly failedReasons: ReadonlyMap<string, number>;
}

/**
 * The sink of `verbatim import --enrich`: each batch the ingest yields is screened for forgotten
 * authors, enriched (on the pipeline's threads), then stored enriched in one transaction. Batches
 * are enriched as soon as they come, and stored one after the other in the order they came:
 * while batch N is stored, N+1 … are enriched. The ingest keeps at most `inFlight` batches
 * outstanding (imports/ingest.ts), which bounds memory whatever the file's size.
 *
 * @example
 * const sink = enrichingImport({ pipeline, store: enrichedImportStore(db), now, inFlight: 3 });
 * await importFiles(files, options, { ...sink, finish: (now) => dbStore.finish(now) }, log, now());
 */
export function enrichingImport(options: EnrichingImportOptions) {
  const inFlight = options.inFlight ?? 2;
  if (!Number.isInteger(inFlight) || inFlight < 1) {
    throw new TypeError(`Expected \`inFlight\` to be a number from 1 and up, got \`${inFlight}\` (${typeof inFlight})`);
  }
  const ctx = { signal: options.signal ?? new AbortController().signal, now: options.now };
  let enriched = 0;
  let failed = 0;
  let done = 0;
  const failedReasons = new Map<string, number>();
  // The previous batch's store: stores run one at a time, in arrival order. A failed store fails the ones after it.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    inFlight,
    insert(batch: readonly Verbatim[]): Promise<{ readonly inserted: number; readonly duplicates: number; readonly forgotten: number }> {
      const before = previous;
      const stored = (async () => {
        const { kept, forgotten } = await options.store.screen(batch);
        const result = await enrichIsolatingFailures(options.pipeline, kept, ctx);
        await before;
        const written = await options.store.store(result, options.now());
        enriched += written.enriched;
        failed += written.failed;
        for (const { reason } of result.failed) failedReasons.set(reason, (failedReasons.get(reason) ?? 0) + 1);
        done += batch.length;
        options.onProgress?.(done);
        return { inserted: written.inserted, duplicates: written.duplicates, forgotten };
      })();
      previous = stored;
      // Read through `insert`'s caller; a store after it also sees the rejection through `before`.
      stored.catch(() => undefined);
      return stored;
    },
    totals: (): EnrichingImportTotals => ({ enriched, failed, failedReasons }),
  };
}
