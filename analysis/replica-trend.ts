import type { DuckDBConnection } from '@duckdb/node-api';
import type { TrendGrain, TrendRow } from './nps-trend.js';
import type { ReportFilters } from './report-filters.js';
import { NPS_CATEGORY_SPREAD, spreadCategories } from './replica-categories.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';

/**
 * `queryTrend` on the replica: the same periods (`date_trunc` of the UTC time: calendar
 * month, or ISO week from its Monday), counts and order. With `theme`, the verbatims tagged
 * with it or a sub-theme (the replica's theme rows hold the rolled-up parents, as `hasTheme` reads them).
 */
export async function replicaTrend(connection: DuckDBConnection, filters: ReportFilters, grain: TrendGrain, theme: string | undefined): Promise<TrendRow[]> {
  const params = new ReplicaParams();
  const unit = grain === 'week' ? 'week' : 'month';
  const themed = theme === undefined ? '' : `and exists (select 1 from verbatim_themes t where t.row_id = v.row_id and t.theme = ${params.add(theme)})`;
  // Grouped on the NPS category too, spread into counts here (`spreadCategories`); ordered by period.
  const grouped = await readReplicaRows(connection, {
    text: `select strftime(c.period, '%Y-%m-%d') as period, c.nps_category, c.verbatims from (
        select date_trunc('${unit}', v.created_at) as period, v.nps_category, count(*) as verbatims
        from verbatims v where ${replicaWhere(filters, params)} and v.created_at is not null ${themed}
        group by 1, 2) c
      order by c.period`,
    params: params.values,
  });
  const rows = spreadCategories(grouped, { keys: ['period'], count: 'verbatims', spreads: [NPS_CATEGORY_SPREAD] });
  return rows.map((row) => ({
    period: String(row['period']),
    verbatims: Number(row['verbatims']),
    promoters: Number(row['promoters'] ?? 0),
    passives: Number(row['passives'] ?? 0),
    detractors: Number(row['detractors'] ?? 0),
  }));
}
