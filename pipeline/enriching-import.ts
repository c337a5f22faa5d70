import type { Verbatim } from '../core/verbatim.js';
import type { Pipeline } from './create-pipeline.js';
import { enrichIsolatingFailures, type IsolatedEnrichment } from './enrich-isolating.js';
import { storeTurns, type StoreTurn } from './store-turns.js';

/**
 * What an enriching import needs of the database. pipeline/ knows no SQL:
 * db/import-store.ts `enrichedImportStore` implements it (structurally), the CLI passes one to the other.
 */
export interface EnrichedImportStore {
  /** The batch without the answers of forgotten authors, and how many were left out. */
  screen(batch: readonly Verbatim[]): Promise<{ readonly kept: readonly Verbatim[]; readonly forgotten: number }>;
  /**
   * Stores one enriched batch in one transaction, idempotently; failed verbatims go in pending.
   * `turn`: when stores overlap (`concurrentStores` over 1), the order to keep (pipeline/store-turns.ts).
   */
  store(batch: IsolatedEnrichment, now: Date, turn?: StoreTurn): Promise<{ readonly inserted: number; readonly duplicates: number; readonly enriched: number; readonly failed: number }>;
  /**
   * Stores that may be under way at once (default 1): more only where each runs on a connection of
   * its own and keeps the turn's order, so the database writes one batch while node builds the next.
   */
  readonly concurrentStores?: number;
}

export interface EnrichingImportOptions {
  readonly pipeline: Pipeline;
  readonly store: EnrichedImportStore;
  readonly now: () => Date;
  /** Batches being enriched or stored at once (default: 2): while one is stored (or `store.concurrentStores`), the others are enriched. */
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
 * are enriched as soon as they come, and stored in the order they came: while batch N is stored,
 * N+1 … are enriched. A store that allows it (`concurrentStores`, PostgreSQL) writes batch N+1
 * while N is still being written, their transactions beginning and committing in arrival order
 * (pipeline/store-turns.ts: never two batches sharing an id at once). The ingest keeps at most
 * `inFlight` batches outstanding (imports/ingest.ts), which bounds memory whatever the file's size.
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
  // Stores in arrival order, `concurrentStores` at most under way. A failed store fails the ones after it.
  const turns = storeTurns(options.store.concurrentStores ?? 1);
  return {
    inFlight,
    insert(batch: readonly Verbatim[]): Promise<{ readonly inserted: number; readonly duplicates: number; readonly forgotten: number }> {
      const prepare = async () => {
        const { kept, forgotten } = await options.store.screen(batch);
        return { forgotten, result: await enrichIsolatingFailures(options.pipeline, kept, ctx) };
      };
      const stored = turns.enter(new Set(batch.map((item) => item.id)), prepare, async ({ forgotten, result }, turn) => {
        const written = await options.store.store(result, options.now(), turn);
        enriched += written.enriched;
        failed += written.failed;
        for (const { reason } of result.failed) failedReasons.set(reason, (failedReasons.get(reason) ?? 0) + 1);
        done += batch.length;
        options.onProgress?.(done);
        return { inserted: written.inserted, duplicates: written.duplicates, forgotten };
      });
      // Read through `insert`'s caller; a store after it also sees the rejection through its turn.
      stored.catch(() => undefined);
      return stored;
    },
    totals: (): EnrichingImportTotals => ({ enriched, failed, failedReasons }),
  };
}
