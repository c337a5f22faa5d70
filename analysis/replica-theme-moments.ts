import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';
import { momentsFromHistogram, type ThemeMoments } from './theme-moments.js';

const Y = `case v.nps_category when 'promoter' then 100 when 'detractor' then -100 else 0 end`;

/**
 * `queryThemeMoments` on the replica, for up to 62 themes: each scored, commented
 * verbatim's themes as a bitmask (bit j = `themes[j]`), then the histogram of masks with
 * Σy and Σy², folded by the same `momentsFromHistogram`.
 */
export async function replicaThemeMoments(connection: DuckDBConnection, filters: ReportFilters, themes: readonly string[]): Promise<ThemeMoments> {
  const params = new ReplicaParams();
  const masks =
    themes.length === 0
      ? ''
      : // Each theme's bit from a joined list: a CASE on the ENUM column would compare text a row.
        `left join (
          select t.row_id, bit_or(b.bit) as mask
          from verbatim_themes t join (
            select unnest([${themes.map((theme) => params.add(theme)).join(', ')}]) as theme, unnest([${themes.map((_, j) => `${String(2n ** BigInt(j))}::bigint`).join(', ')}]) as bit
          ) b on b.theme = t.theme
          group by t.row_id) m on m.row_id = v.row_id`;
  const mask = themes.length === 0 ? '0::bigint' : 'coalesce(m.mask, 0)';
  const rows = await readReplicaRows(connection, {
    // The mask as text: a bigint beyond 2^53 would not survive a JavaScript number.
    text: `select ${mask}::varchar as mask, count(*) as n, sum(${Y}) as sum_y, sum((${Y}) * (${Y})) as sum_y2
      from verbatims v ${masks}
      where ${replicaWhere(filters, params)} and v.nps_category is not null and v.commented
      group by ${mask}`,
    params: params.values,
  });
  return momentsFromHistogram(
    rows.map((row) => ({ mask: BigInt(String(row['mask'])), n: Number(row['n']), sumY: Number(row['sum_y']), sumY2: Number(row['sum_y2']) })),
    themes,
  );
}
