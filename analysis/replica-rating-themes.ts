import type { DuckDBConnection } from '@duckdb/node-api';
import type { ThemeRatingAggregate } from './rating-queries.js';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';

/**
 * `queryRatingThemes` on the replica: count, sum and sum of squares of the ratings per
 * theme (parents already rolled up), rated verbatims only. The replica keeps the
 * source's 4-byte `real`, so the double sums are those of the source.
 */
export async function replicaRatingThemes(connection: DuckDBConnection, filters: ReportFilters): Promise<ThemeRatingAggregate[]> {
  const params = new ReplicaParams();
  const rows = await readReplicaRows(connection, {
    text: `select t.theme, count(v.rating) as n, sum(v.rating::double) as sum, sum(v.rating::double * v.rating::double) as sum_squares
      from verbatim_themes t join verbatims v on v.row_id = t.row_id
      where ${replicaWhere(filters, params)} and v.rating is not null
      group by t.theme order by t.theme`,
    params: params.values,
  });
  return rows.map((row) => ({ theme: String(row['theme']), n: Number(row['n']), sum: Number(row['sum'] ?? 0), sumSquares: Number(row['sum_squares'] ?? 0) }));
}
