import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReportFilters } from './report-filters.js';
import { NPS_CATEGORY_SPREAD, spreadCategories } from './replica-categories.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';
import { momentsFromHistogram, type ThemeMoments } from './theme-moments.js';

/**
 * `queryThemeMoments` on the replica, for up to 62 themes: each scored, commented
 * verbatim's themes as a bitmask (bit j = `themes[j]`), then the histogram of masks with
 * Σy and Σy², folded by the same `momentsFromHistogram`. The statement counts each mask's NPS
 * categories (y = 100, 0, −100), and the sums follow here: y from a CASE on the ENUM cost a
 * cast to text a row (`spreadCategories`).
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
  const grouped = await readReplicaRows(connection, {
    // The mask as text: a bigint beyond 2^53 would not survive a JavaScript number.
    text: `select ${mask}::varchar as mask, v.nps_category, count(*) as n
      from verbatims v ${masks}
      where ${replicaWhere(filters, params)} and v.nps_category is not null and v.commented
      group by ${mask}, v.nps_category`,
    params: params.values,
  });
  const rows = spreadCategories(grouped, { keys: ['mask'], count: 'n', spreads: [NPS_CATEGORY_SPREAD] });
  return momentsFromHistogram(
    rows.map((row) => {
      const [promoters, detractors] = [Number(row['promoters']), Number(row['detractors'])];
      return { mask: BigInt(String(row['mask'])), n: Number(row['n']), sumY: 100 * (promoters - detractors), sumY2: 10_000 * (promoters + detractors) };
    }),
    themes,
  );
}
