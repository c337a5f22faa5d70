import type { Verbatim } from '../core/verbatim.js';
import type { Pipeline } from './create-pipeline.js';
import { enrichIsolatingFailures, type IsolatedEnrichment } from './enrich-isolating.js';
import type { StageContext } from './stage.js';
import { storeTurns, type StoreTurn } from './store-turns.js';
import type { ThreadPoolPipeline } from './thread-pool-pipeline.js';

/**
 * What an enriching import needs of the database. pipeline/ knows no SQL:
 * db/import-store.ts `enrichedImportStore` implements it (structurally), the CLI passes one to the other.
 */
export interface EnrichedImportStore<Encoded = never> {
  /** The batch without the answers of forgotten authors, and how many were left out. */
  screen(batch: readonly Verbatim[]): Promise<{ readonly kept: readonly Verbatim[]; readonly forgotten: number }>;
  /**
   * Stores one enriched batch in one transaction, idempotently; failed verbatims go in pending.
   * `turn`: when stores overlap (`concurrentStores` over 1), the order to keep (pipeline/store-turns.ts).
   */
  store(batch: EncodedIsolatedEnrichment<Encoded>, now: Date, turn?: StoreTurn): Promise<{ readonly inserted: number; readonly duplicates: number; readonly enriched: number; readonly failed: number }>;
  /**
   * Stores that may be under way at once (default 1): more only where each runs on a connection of
   * its own and keeps the turn's order, so the database writes one batch while node builds the next.
   */
  readonly concurrentStores?: number;
  /**
   * The URL of a module whose `encodeBatch` (pipeline/thread-pool-pipeline.ts `BatchEncoder`) turns an
   * enriched batch into an `Encoded` for `store`: run on the enrichment thread, off the thread that
   * stores. A batch then comes to `store` with its `encoded` when the whole batch was enriched at once
   * and the encoder gave something; else without, and the store does that work itself.
   */
  readonly batchEncoder?: string;
}

/** A batch through the pipeline and, when the enrichment thread encoded it for the store, what it made. */
export type EncodedIsolatedEnrichment<Encoded> = IsolatedEnrichment & { readonly encoded?: Encoded };

export interface EnrichingImportOptions<Encoded = never> {
  /** With `enrichEncoded` (a pool of threads), the store's `batchEncoder` runs on the threads. */
  readonly pipeline: Pipeline & Partial<Pick<ThreadPoolPipeline, 'enrichEncoded'>>;
  readonly store: EnrichedImportStore<Encoded>;
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
export function enrichingImport<Encoded = never>(options: EnrichingImportOptions<Encoded>) {
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
        return { forgotten, result: await enrichForStore<Encoded>(options.pipeline, options.store.batchEncoder, kept, ctx) };
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

/**
 * The batch through the pipeline, failures isolated (pipeline/enrich-isolating.ts), the store's
 * encoder run on the enrichment thread when there is one and the pipeline runs threads. Only the
 * batch enriched whole carries its encoding: once a verbatim failed, the store builds the rows.
 */
async function enrichForStore<Encoded>(
  pipeline: EnrichingImportOptions<Encoded>['pipeline'],
  encoder: string | undefined,
  batch: readonly Verbatim[],
  ctx: StageContext,
): Promise<EncodedIsolatedEnrichment<Encoded>> {
  const enrichEncoded = pipeline.enrichEncoded?.bind(pipeline);
  if (encoder === undefined || enrichEncoded === undefined) return enrichIsolatingFailures(pipeline, batch, ctx);
  let encoded: unknown;
  const encoding: Pipeline = {
    modelVersions: pipeline.modelVersions,
    enrich: async (part, partCtx) => {
      // The verbatims one by one, after the batch failed: nothing worth encoding.
      if (part !== batch) return pipeline.enrich(part, partCtx);
      const whole = await enrichEncoded(part, partCtx, encoder);
      encoded = whole.encoded;
      return whole.enriched;
    },
  };
  const result = await enrichIsolatingFailures(encoding, batch, ctx);
  // What the encoder module gives is, by its contract with the store, an `Encoded`.
  return encoded === undefined || result.failed.length > 0 ? result : { ...result, encoded: encoded as Encoded };
}
