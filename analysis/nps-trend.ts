import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { npsOf, type NpsSummary } from './nps.js';
import { countsColumns, toCounts } from './report-queries.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { hasTheme } from './theme-tags.js';

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

/** The counts of one period, as both engines return them (`ReportCounts.trend`). */
export interface TrendRow {
  readonly period: string;
  readonly verbatims: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/**
 * NPS with its interval and volume per calendar month (or ISO week, labelled by its
 * Monday), from one GROUP BY: the dashboard's "NPS over time" and `/api/trend`. With
 * `theme`: only the verbatims tagged with it or one of its sub-themes, the verbatims
 * the report counts for it (`hasTheme`, `themeTags`). `counts`: where to count
 * (`ReportCounts.trend`; default: `db` itself).
 *
 * @example await npsTrend(db, { from: '2026-01-01' }) // [{ period: '2026-01-01', verbatims: 812, nps: { score: -21.4, … } }, …]
 */
export async function npsTrend(
  db: Kysely<Database>,
  filters: ReportFilters,
  options: { grain?: TrendGrain; theme?: string | undefined } = {},
  counts: (filters: ReportFilters, grain: TrendGrain, theme: string | undefined) => Promise<TrendRow[]> = (asked, grain, theme) => queryTrend(db, asked, grain, theme),
): Promise<TrendPoint[]> {
  const rows = await counts(filters, options.grain ?? 'month', options.theme);
  return rows.map((row) => ({ period: row.period, verbatims: row.verbatims, nps: npsOf(toCounts(row)) }));
}

/** The trend's counts on the system of record: one GROUP BY over the period of `created_at` (UTC). */
export async function queryTrend(db: Kysely<Database>, filters: ReportFilters, grain: TrendGrain, theme: string | undefined): Promise<TrendRow[]> {
  const period = sql<string>`to_char(date_trunc(${grain}, v.created_at at time zone 'UTC'), 'YYYY-MM-DD')`;
  let query = db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .where('v.created_at', 'is not', null)
    .select([
      period.as('period'),
      sql<string>`count(*)`.as('verbatims'),
      ...countsColumns,
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  if (theme !== undefined) query = query.where(hasTheme(theme));
  const rows = await query.execute();
  return rows.map((row) => ({ period: row.period, verbatims: Number(row.verbatims), ...toCounts(row) }));
}
