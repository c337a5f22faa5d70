import type { Kysely } from 'kysely';
import type { Verbatim } from '../core/verbatim.js';
import { withoutForgotten } from './author-tombstones.table.js';
import type { CommitTurn } from './commit-turn.js';
import { storeEnrichedBatch, type EnrichedImportBatch } from './enriched-insert.js';
import { ENRICHED_ROW_ENCODER } from './enriched-row-bytes.js';
import { copyTargetOf } from './pglite-copy.js';
import { openDetractorFollowups, type FollowupCutoff } from './followups.table.js';
import { insertRemembered } from './insert-remembered.js';
import { refreshPlannerStatistics } from './planner-statistics.js';
import type { ReplicaFeed } from './replica-feed.js';
import { finishRun, startRun, type RunStatus } from './runs.table.js';
import type { Database } from './schema.js';

/**
 * The database side of an import (imports/import-files.ts `ImportStore`, matched by shape):
 * batches stored without forgotten authors; at the end, callbacks opened and ANALYZE.
 *
 * @example await importFiles(paths, options, importStore(db), log, new Date())
 */
export function importStore(db: Kysely<Database>, followups: { readonly cutoff?: FollowupCutoff } = {}) {
  return {
    insert: (batch: readonly Verbatim[]) => insertRemembered(db, batch),
    finish: async (now: Date): Promise<number> => {
      const opened = await openDetractorFollowups(db, now, followups.cutoff);
      await refreshPlannerStatistics(db);
      return opened;
    },
  };
}

/**
 * Batches of `import --enrich` a server writes at once (db/README.md "PostgreSQL at 1M"): one being
 * written while the next is, so neither node nor the server waits for the other.
 */
const CONCURRENT_SERVER_STORES = 2;

/**
 * The database side of `verbatim import --enrich` (pipeline/enriching-import.ts `EnrichedImportStore`,
 * matched by shape): forgotten authors screened out before enriching, each enriched batch inserted
 * in one transaction (db/enriched-insert.ts) — on a server, two batches' transactions at once, in
 * the turns the import hands out (db/commit-turn.ts) — the `runs` row of the enrichment, and at the
 * end the same follow-ups and ANALYZE as a plain import.
 *
 * @example const store = enrichedImportStore(db, { cutoff }); await store.store({ enriched, failed: [] }, now)
 */
export function enrichedImportStore(db: Kysely<Database>, followups: { readonly cutoff?: FollowupCutoff } = {}, feed?: ReplicaFeed) {
  return {
    screen: (batch: readonly Verbatim[]) => withoutForgotten(db, batch),
    // A server (PostgreSQL, or a serve's socket, whose one connection then takes the turns one by one)
    // writes a batch while node builds the next; the embedded database is one session.
    concurrentStores: copyTargetOf(db) === undefined ? CONCURRENT_SERVER_STORES : 1,
    // The embedded database runs on the thread that stores, the import's bottleneck: the rows' `COPY`
    // bytes are encoded on the enrichment threads instead (db/enriched-row-bytes.ts). A server takes JSON.
    ...(copyTargetOf(db) === undefined ? {} : { batchEncoder: ENRICHED_ROW_ENCODER }),
    store: async (batch: EnrichedImportBatch, now: Date, turn?: CommitTurn) => {
      const { result, insertedIds } = await storeEnrichedBatch(db, batch, turn === undefined ? { now } : { now, turn });
      if (feed === undefined) return result;
      // A batch that inserted nothing bumped no version: nothing to feed.
      if (insertedIds.length > 0) await feed.stored(batch, new Set(insertedIds));
      return result;
    },
    finish: importStore(db, followups).finish,
    // Recorded as an enrich run (what `verbatim enrich` writes), its stats saying it came with an import.
    startRun: (now: Date): Promise<number> => startRun(db, 'enrich', now),
    finishRun: (runId: number, status: Exclude<RunStatus, 'running'>, stats: Readonly<Record<string, unknown>>, now: Date): Promise<void> =>
      finishRun(db, runId, status, stats, now),
  };
}
