import type { DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { copyVerbatims, REPLICA_PAGE_SIZE } from './analytics-replica-pages.js';
import { REPLICA_LAYOUT, REPLICA_TABLES_SQL } from './analytics-replica-schema.js';
import { SYNC_LAYOUT, SYNC_TABLES_SQL } from './analytics-replica-sync-schema.js';
import { formatDataVersion, type DataVersionState } from './data-version.js';
import type { Database } from './schema.js';

export { REPLICA_PAGE_SIZE } from './analytics-replica-pages.js';

/** What a rebuild wrote. */
export interface ReplicaRebuild {
  readonly verbatims: number;
  readonly themeRows: number;
}

/**
 * Creates the replica's tables on `replica` (an empty database) and fills them from
 * `source` in keyset pages of `pageSize` verbatims (by id) with their theme rows. Run it
 * on a snapshot handle so the rows and `version` (read in that snapshot) agree.
 */
export async function rebuildReplica(source: Kysely<Database>, replica: DuckDBConnection, version: DataVersionState, pageSize = REPLICA_PAGE_SIZE): Promise<ReplicaRebuild> {
  await replica.run(REPLICA_TABLES_SQL);
  await replica.run(SYNC_TABLES_SQL);
  const { verbatims, themeRows } = await copyVerbatims(source, replica, { kind: 'all' }, { pageSize, firstRowId: 1 });
  await replica.run('insert into replica_state values ($layout, $version, now()::timestamp, $verbatims, $themes)', {
    layout: REPLICA_LAYOUT,
    version: formatDataVersion(version, 'replica'),
    verbatims,
    themes: themeRows,
  });
  await replica.run('insert into replica_sync values ($layout, $epoch, $seq, 0)', { layout: SYNC_LAYOUT, epoch: version.epoch, seq: version.changes });
  await replica.run('checkpoint');
  return { verbatims, themeRows };
}
