import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { syncReplica, type SyncOptions } from '../../db/analytics-replica.js';
import { rebuildReplica } from '../../db/analytics-replica-rebuild.js';
import { readDataVersionState } from '../../db/data-version.js';
import type { Database } from '../../db/schema.js';

async function rows(connection: DuckDBConnection, query: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(query)).getRowObjectsJson();
}

/**
 * The integrity counts, one simple statement each in a `union all`: the same counts as scalar
 * subqueries of one `select` took DuckDB ~30 ms to plan, at every step of the incremental-sync tests.
 * Columns are never null here, so an anti join counts what `not in (subquery)` would.
 */
const INTEGRITY_COUNTS: Readonly<Record<string, string>> = {
  verbatims: 'select count(*) from verbatims',
  row_ids: 'select count(distinct row_id) from verbatims',
  ids: 'select count(*) from verbatim_ids',
  distinct_ids: 'select count(distinct id) from verbatim_ids',
  orphan_themes: 'select count(*) from verbatim_themes t anti join verbatims v using (row_id)',
  orphan_phrase_rows: 'select count(*) from verbatim_phrases p anti join verbatims v using (row_id)',
  phrase_rows_without_entry: 'select count(*) from verbatim_phrases p anti join phrases d using (phrase_id)',
  duplicate_entries: 'select count(*) - count(distinct phrase) from phrases',
  unused_entries: 'select count(*) from phrases d anti join verbatim_phrases p using (phrase_id)',
};

const INTEGRITY_SQL = Object.entries(INTEGRITY_COUNTS)
  .map(([name, query]) => `select '${name}' as name, (${query}) as n`)
  .join(' union all ');

/** Each verbatim's phrases, sorted, by source id: read as flat rows (a `list(… order by …)` aggregate took 2–3 times as long) and grouped here. */
async function phrasesById(connection: DuckDBConnection): Promise<{ id: string; phrases: string[] }[]> {
  const flat = await rows(connection, `select i.id, d.phrase
    from verbatim_phrases p join phrases d using (phrase_id) join verbatim_ids i using (row_id) order by i.id, d.phrase`);
  const grouped: { id: string; phrases: string[] }[] = [];
  for (const row of flat) {
    const id = String(row['id']);
    const last = grouped.at(-1);
    if (last?.id === id) last.phrases.push(String(row['phrase']));
    else grouped.push({ id, phrases: [String(row['phrase'])] });
  }
  return grouped;
}

/**
 * What a replica holds, keyed by the source's verbatim ids rather than its own row ids
 * (those number rows in the order they were written, which differs between a file patched
 * over time and one rebuilt at once): every verbatim row, every theme row, the state row
 * without its build time, each verbatim's phrases (by text: phrase ids differ as row ids do), and
 * the integrity counts (unique row ids, no orphan theme or phrase row, a dictionary without
 * duplicates or unused entries).
 */
export async function replicaContents(replica: { readonly connection: DuckDBConnection }): Promise<Record<string, unknown>> {
  const { connection } = replica;
  return {
    verbatims: await rows(connection, 'select i.id, v.* exclude (row_id) from verbatims v join verbatim_ids i using (row_id) order by i.id'),
    themes: await rows(connection, 'select i.id, t.* exclude (row_id) from verbatim_themes t join verbatim_ids i using (row_id) order by i.id, t.theme'),
    phrases: await phrasesById(connection),
    state: await rows(connection, 'select layout, source_version, verbatims, theme_rows from replica_state'),
    integrity: Object.fromEntries((await rows(connection, INTEGRITY_SQL)).map((row) => [row['name'], row['n']])),
  };
}

/**
 * What a full rebuild (`rebuildReplica`, as `syncReplica` runs it on a new file) writes from
 * `snapshot`, built in memory: the reference the tests compare a synced file with. In memory,
 * it skips what a file costs (opening a missing path, a writable then a read-only instance, the
 * checkpoint) at each of the incremental-sync tests' many steps; the rows are the same code's.
 */
export async function rebuiltContents(snapshot: Kysely<Database>): Promise<Record<string, unknown>> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      await rebuildReplica(snapshot, connection, await readDataVersionState(snapshot));
      return await replicaContents({ connection });
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * Syncs `file` and rebuilds a replica in memory from ONE repeatable-read snapshot, as a report
 * would, and returns both replicas' contents and how `file` was written.
 */
export async function syncAndRebuild(
  db: Kysely<Database>,
  file: string,
  options: SyncOptions = {},
): Promise<{ how: 'rebuilt' | 'applied' | 'kept'; synced: Record<string, unknown>; rebuilt: Record<string, unknown> }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (snapshot) => {
      const synced = await syncReplica(snapshot, file, options);
      try {
        const how = synced.rebuilt !== null ? 'rebuilt' : synced.applied !== null ? 'applied' : 'kept';
        return { how, synced: await replicaContents(synced), rebuilt: await rebuiltContents(snapshot) };
      } finally {
        synced.close();
      }
    });
}
