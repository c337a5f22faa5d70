import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { UnrecoverableJobError } from '../core/errors.js';
import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';
import { expectBatchSize } from './batch-size.js';
import { MAX_ENRICH_ATTEMPTS } from './enrich-failures.js';
import type { Database } from './schema.js';
import { VERBATIM_BASE_COLUMNS } from './verbatim-rows.js';
import { rowToVerbatim, saveEnrichments } from './verbatims.table.js';

/**
 * What a worker reads and writes of the shared database; the shape of pipeline/'s
 * `BatchStore` (db/ may not import pipeline/), which the CLI passes it as.
 */
export interface DatabaseBatchStore {
  load(ids: readonly string[]): Promise<{ readonly pending: readonly Verbatim[]; readonly missing: readonly string[] }>;
  save(batch: readonly EnrichedVerbatim[]): Promise<{ readonly updated: number }>;
}

/**
 * The ids of the verbatims still to enrich, in batches, by keyset on `id` (the
 * producer reads no text: the workers do). Batches of a database nobody imports
 * into meanwhile come out the same on every call, so their job ids do too.
 *
 * @example for await (const ids of pendingIdBatches(db, 500)) await queue.add('enrich-batch', { ids })
 */
export async function* pendingIdBatches(db: Kysely<Database>, batchSize: number): AsyncIterable<string[]> {
  expectBatchSize(batchSize);
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom('verbatims').select('id').where('enriched_at', 'is', null).where('enrich_failures', '<', MAX_ENRICH_ATTEMPTS);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(batchSize).execute();
    const last = rows.at(-1);
    if (last === undefined) return;
    yield rows.map((row) => row.id);
    if (rows.length < batchSize) return;
    after = last.id;
  }
}

/**
 * Which of `ids` are still to enrich: the producer's check on a completed job (a kept job of an earlier run
 * completes at once, whatever became of its rows since).
 *
 * @example await stillPendingAmong(db, ['v_1', 'v_2']) // ['v_2']
 */
export async function stillPendingAmong(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('verbatims')
    .select('id')
    .where(sql<boolean>`id = any(${[...ids]}::text[])`)
    .where('enriched_at', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * A worker's view of the shared database: reads a batch by ids, skipping what is
 * already enriched, and saves with "first writer wins", so a job delivered twice
 * (a worker killed after saving, before acknowledging) writes nothing twice.
 */
export function databaseBatchStore(db: Kysely<Database>, now: () => Date): DatabaseBatchStore {
  return {
    async load(ids) {
      const rows = await db
        .selectFrom('verbatims')
        .select([...VERBATIM_BASE_COLUMNS, 'enriched_at'])
        .where(sql<boolean>`id = any(${[...ids]}::text[])`)
        .execute();
      const found = new Set(rows.map((row) => row.id));
      const pending: Verbatim[] = [];
      for (const row of rows) {
        if (row.enriched_at !== null) continue;
        try {
          pending.push(rowToVerbatim(row));
        } catch (error) {
          // A row we cannot read reads the same on every retry.
          throw new UnrecoverableJobError(error instanceof Error ? error.message : String(error));
        }
      }
      return { pending, missing: ids.filter((id) => !found.has(id)) };
    },
    async save(batch) {
      const { updated } = await saveEnrichments(db, batch, { now: now(), onlyPending: true });
      return { updated };
    },
  };
}
