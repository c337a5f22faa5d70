import type { Kysely } from 'kysely';
import type { EnrichedVerbatim } from '../core/verbatim.js';
import { recordEnrichFailures } from './enrich-failures.js';
import { openDetractorFollowups, type FollowupCutoff } from './followups.table.js';
import { refreshPlannerStatistics } from './planner-statistics.js';
import { pendingIdBatches, stillPendingAmong } from './queue-store.js';
import { finishRun, startRun, type RunStatus } from './runs.table.js';
import type { Database } from './schema.js';
import { countPending, pendingVerbatims, saveEnrichments } from './verbatims.table.js';

/**
 * The database as an enrich run sees it: the `runs` row, the pending verbatims
 * (whole, for the in-process runner; ids, for the BullMQ producer), saving,
 * follow-ups and planner statistics. It matches pipeline/'s `EnrichRunStore` and
 * `QueueProducerStore` by shape (db/ may not import pipeline/); the CLI hands one to the other.
 *
 * @example await runEnrich({ store: enrichStore(db), runner, now, log });
 */
export function enrichStore(db: Kysely<Database>, followups: { readonly cutoff?: FollowupCutoff } = {}) {
  return {
    startRun: (now: Date): Promise<number> => startRun(db, 'enrich', now),
    finishRun: (runId: number, status: Exclude<RunStatus, 'running'>, stats: Readonly<Record<string, unknown>>, now: Date): Promise<void> =>
      finishRun(db, runId, status, stats, now),
    countPending: (): Promise<number> => countPending(db),
    pending: (batchSize: number) => pendingVerbatims(db, { batchSize }),
    // The batch was read pending: `onlyPending` lets the save write its theme rows without first deleting any (and
    // leaves alone a verbatim another run enriched meanwhile: the first writer wins).
    save: async (batch: readonly EnrichedVerbatim[], now: Date): Promise<void> => void (await saveEnrichments(db, batch, { now, onlyPending: true })),
    // No cut-off given: every detractor (the CLI always gives one, `--followups-since`).
    openFollowups: (now: Date): Promise<number> => openDetractorFollowups(db, now, followups.cutoff),
    refreshStatistics: (): Promise<void> => refreshPlannerStatistics(db),
    recordFailures: async (failures: ReadonlyArray<{ id: string; reason: string }>): Promise<void> => void (await recordEnrichFailures(db, failures)),
    pendingIds: (batchSize: number) => pendingIdBatches(db, batchSize),
    stillPending: (ids: readonly string[]): Promise<string[]> => stillPendingAmong(db, ids),
  };
}

/** The store `enrichStore` returns. */
export type EnrichStore = ReturnType<typeof enrichStore>;
