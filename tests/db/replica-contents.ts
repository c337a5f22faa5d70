import type { Kysely } from 'kysely';
import { syncReplica, type AnalyticsReplica, type SyncOptions } from '../../db/analytics-replica.js';
import type { Database } from '../../db/schema.js';

async function rows(replica: AnalyticsReplica, query: string): Promise<unknown[]> {
  return (await replica.connection.runAndReadAll(query)).getRowObjectsJson();
}

/**
 * What a replica holds, keyed by the source's verbatim ids rather than its own row ids
 * (those number rows in the order they were written, which differs between a file patched
 * over time and one rebuilt at once): every verbatim row, every theme row, the state row
 * without its build time, each verbatim's phrases (by text: phrase ids differ as row ids do), and
 * the integrity counts (unique row ids, no orphan theme or phrase row, a dictionary without
 * duplicates or unused entries).
 */
export async function replicaContents(replica: AnalyticsReplica): Promise<Record<string, unknown>> {
  return {
    verbatims: await rows(replica, 'select i.id, v.* exclude (row_id) from verbatims v join verbatim_ids i using (row_id) order by i.id'),
    themes: await rows(replica, 'select i.id, t.* exclude (row_id) from verbatim_themes t join verbatim_ids i using (row_id) order by i.id, t.theme'),
    phrases: await rows(replica, `select i.id, list(d.phrase order by d.phrase) as phrases
      from verbatim_phrases p join phrases d using (phrase_id) join verbatim_ids i using (row_id) group by i.id order by i.id`),
    state: await rows(replica, 'select layout, source_version, verbatims, theme_rows from replica_state'),
    integrity: await rows(replica, `select
      (select count(*) from verbatims) as verbatims, (select count(distinct row_id) from verbatims) as row_ids,
      (select count(*) from verbatim_ids) as ids, (select count(distinct id) from verbatim_ids) as distinct_ids,
      (select count(*) from verbatim_themes t where t.row_id not in (select row_id from verbatims)) as orphan_themes,
      (select count(*) from verbatim_phrases p where p.row_id not in (select row_id from verbatims)) as orphan_phrase_rows,
      (select count(*) from verbatim_phrases p where p.phrase_id not in (select phrase_id from phrases)) as phrase_rows_without_entry,
      (select count(*) - count(distinct phrase) from phrases) as duplicate_entries,
      (select count(*) from phrases d where d.phrase_id not in (select phrase_id from verbatim_phrases)) as unused_entries`),
  };
}

/**
 * Syncs `file` and rebuilds `fresh` (a path with no file) from ONE repeatable-read
 * snapshot, as a report would, and returns both replicas' contents and how `file` was written.
 */
export async function syncAndRebuild(
  db: Kysely<Database>,
  file: string,
  fresh: string,
  options: SyncOptions = {},
): Promise<{ how: 'rebuilt' | 'applied' | 'kept'; synced: Record<string, unknown>; rebuilt: Record<string, unknown> }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (snapshot) => {
      const synced = await syncReplica(snapshot, file, options);
      const rebuilt = await syncReplica(snapshot, fresh);
      try {
        if (rebuilt.rebuilt === null) throw new Error(`${fresh} existed: expected a path with no replica`);
        const how = synced.rebuilt !== null ? 'rebuilt' : synced.applied !== null ? 'applied' : 'kept';
        return { how, synced: await replicaContents(synced), rebuilt: await replicaContents(rebuilt) };
      } finally {
        synced.close();
        rebuilt.close();
      }
    });
}
