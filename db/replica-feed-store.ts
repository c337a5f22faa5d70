import { sql, type Kysely } from 'kysely';
import type { EnrichedImportBatch, EnrichedInsertResult } from './enriched-insert.js';
import type { InsertedIds } from './replica-feed-lines.js';
import type { ReplicaFeed } from './replica-feed.js';
import type { Database } from './schema.js';

/**
 * Hands a batch just stored by `insertEnrichedVerbatims` (`result`) to the replica feed, with the
 * ids it inserted. The INSERT returns only counts: when it inserted as many rows as the batch has
 * distinct ids, it inserted them all (the usual case); when fewer (some were stored already), the
 * ids are those the store's version bump logged, read back from the change log's newest entry
 * (one row). Nothing inserted: no bump, nothing to feed.
 */
export async function feedStoredBatch(db: Kysely<Database>, feed: ReplicaFeed, batch: EnrichedImportBatch, result: Pick<EnrichedInsertResult, 'inserted'>): Promise<void> {
  if (result.inserted === 0) return;
  const distinct = new Set([...batch.enriched.map((item) => item.id), ...batch.failed.map((item) => item.verbatim.id)]).size;
  let inserted: InsertedIds = 'all';
  if (result.inserted !== distinct) {
    const logged = await newestLoggedIds(db);
    // Another writer's entry (it bumped after this batch): the feed cannot tell this batch's ids, and `seal` would refuse anyway.
    if (logged.length !== result.inserted) feed.spoil('the ids a batch inserted could not be told');
    inserted = new Set(logged);
  }
  await feed.stored(batch, inserted);
}

/** The verbatim ids of the change log's newest entry. */
async function newestLoggedIds(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ ids: string | null }>`
    select array_to_json(c.verbatim_ids)::text as ids
    from data_changes c
    where c.seq = (select changes from data_version)`.execute(db);
  return JSON.parse(rows[0]?.ids ?? '[]') as string[];
}
