import { sql, type Kysely } from 'kysely';
import { npsOf, type NpsSummary } from '../../analysis/nps.js';
import { whereFilters, type ReportFilters } from '../../analysis/report-filters.js';
import type { Database } from '../../db/schema.js';

export const TREND_GRAINS = ['month', 'week'] as const;
export type TrendGrain = (typeof TREND_GRAINS)[number];

/** NPS and volume of one period. */
export interface TrendPoint {
  /** First day of the period, `YYYY-MM-DD` (UTC). */
  readonly period: string;
  /** Every verbatim of the period, scored or not. */
  readonly verbatims: number;
  readonly nps: NpsSummary;
}

/**
 * NPS with its interval and volume per month (or week), from one GROUP BY.
 * With `theme`: only the verbatims tagged with it.
 *
 * @example await npsTrend(db, { from: '2026-01-01' }) // [{ period: '2026-01-01', verbatims: 812, nps: { score: -21.4, … } }, …]
 */
export async function npsTrend(
  db: Kysely<Database>,
  filters: ReportFilters,
  options: { grain?: TrendGrain; theme?: string | undefined } = {},
): Promise<TrendPoint[]> {
  const grain = options.grain ?? 'month';
  const period = sql<string>`to_char(date_trunc(${grain}, v.created_at at time zone 'UTC'), 'YYYY-MM-DD')`;
  let query = db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .where('v.created_at', 'is not', null)
    .select([
      period.as('period'),
      sql<string>`count(*)`.as('verbatims'),
      sql<string>`count(*) filter (where v.nps_category = 'promoter')`.as('promoters'),
      sql<string>`count(*) filter (where v.nps_category = 'passive')`.as('passives'),
      sql<string>`count(*) filter (where v.nps_category = 'detractor')`.as('detractors'),
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const theme = options.theme;
  if (theme !== undefined) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('verbatim_themes as ft').select('ft.theme').whereRef('ft.verbatim_id', '=', 'v.id').where('ft.theme', '=', theme)),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    period: row.period,
    verbatims: Number(row.verbatims),
    nps: npsOf({ promoters: Number(row.promoters), passives: Number(row.passives), detractors: Number(row.detractors) }),
  }));
}
