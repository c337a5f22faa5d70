import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';
import type { UntaggedSample } from './untagged-clusters.js';

/**
 * `queryUntaggedSample` on the replica: the commented verbatims in scope with no theme
 * row, counted, and the first `maxSample` of their source ids (`verbatim_ids`) by md5 of
 * the id — DuckDB's `md5` is PostgreSQL's, so the sample is the source's, id for id.
 */
export async function replicaUntaggedSample(connection: DuckDBConnection, filters: ReportFilters, maxSample: number): Promise<UntaggedSample> {
  const params = new ReplicaParams();
  // One pass: an anti join on the theme rows, the total counted by a window before the limit.
  const rows = await readReplicaRows(connection, {
    text: `select i.id, count(*) over () as untagged
      from verbatims v anti join verbatim_themes t on t.row_id = v.row_id join verbatim_ids i on i.row_id = v.row_id
      where ${replicaWhere(filters, params)} and v.commented
      order by md5(i.id) limit ${Math.max(1, Math.floor(maxSample))}`,
    params: params.values,
  });
  // At least one row is read, so a sample of none still has the count; no row: nothing untagged.
  return { untagged: Number(rows[0]?.['untagged'] ?? 0), ids: rows.slice(0, Math.max(0, maxSample)).map((row) => String(row['id'])) };
}
