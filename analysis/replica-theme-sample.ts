import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';

/**
 * `queryThemeSample` on the replica: the first `limit` source ids (`verbatim_ids`) of the
 * verbatims in scope tagged with `theme` (the replica's theme rows hold the rolled-up
 * parents, as `themeTags` reads them), by md5 of the id — DuckDB's `md5` is PostgreSQL's,
 * and equal-length hex strings sort alike under any collation, so the sample is the
 * source's, id for id, without the source joining the theme's rows to its whole table.
 */
export async function replicaThemeSample(connection: DuckDBConnection, filters: ReportFilters, theme: string, limit: number): Promise<string[]> {
  const params = new ReplicaParams();
  const rows = await readReplicaRows(connection, {
    text: `select i.id
      from verbatim_themes t join verbatims v on v.row_id = t.row_id join verbatim_ids i on i.row_id = t.row_id
      where ${replicaWhere(filters, params)} and t.theme = ${params.add(theme)}
      order by md5(i.id) limit ${Math.max(0, Math.floor(limit))}`,
    params: params.values,
  });
  return rows.map((row) => String(row['id']));
}
