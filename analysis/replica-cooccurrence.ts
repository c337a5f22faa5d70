import type { DuckDBConnection } from '@duckdb/node-api';
import { THEME_SEPARATOR } from '../db/theme-hierarchy.js';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';
import type { ThemePair } from './theme-cooccurrence.js';

/** `queryCooccurrence` on the replica (theme rows there already hold the rolled-up parents, as `themeTags` reads them). */
export async function replicaCooccurrence(connection: DuckDBConnection, filters: ReportFilters, theme: string): Promise<ThemePair[]> {
  const params = new ReplicaParams();
  const studied = params.add(theme);
  const separator = params.add(THEME_SEPARATOR);
  const rows = await readReplicaRows(connection, {
    text: `select b.theme, count(*) as count
      from verbatim_themes a
      join verbatim_themes b on b.row_id = a.row_id and b.theme <> a.theme
      join verbatims v on v.row_id = a.row_id
      where ${replicaWhere(filters, params)} and a.theme = ${studied}
        and not (starts_with(b.theme, ${studied} || ${separator}) or starts_with(${studied}, b.theme || ${separator}))
      group by b.theme`,
    params: params.values,
  });
  return rows.map((row) => ({ theme: String(row['theme']), count: Number(row['count']) }));
}
