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
 * without its build time, and the row-id integrity counts (unique, no orphan theme row).
 */
export async function replicaContents(replica: AnalyticsReplica): Promise<Record<string, unknown>> {
  return {
    verbatims: await rows(replica, 'select i.id, v.* exclude (row_id) from verbatims v join verbatim_ids i using (row_id) order by i.id'),
    themes: await rows(replica, 'select i.id, t.* exclude (row_id) from verbatim_themes t join verbatim_ids i using (row_id) order by i.id, t.theme'),
    state: await rows(replica, 'select layout, source_version, verbatims, theme_rows from replica_state'),
    integrity: await rows(replica, `select
      (select count(*) from verbatims) as verbatims, (select count(distinct row_id) from verbatims) as row_ids,
      (select count(*) from verbatim_ids) as ids, (select count(distinct id) from verbatim_ids) as distinct_ids,
      (select count(*) from verbatim_themes t where t.row_id not in (select row_id from verbatims)) as orphan_themes`),
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
