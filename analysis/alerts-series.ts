import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PeriodBounds } from './alerts-periods.js';
import { EVERY_THEME } from './alerts-rules.js';
import { periodExpression, type PeriodGranularity } from './periods.js';
import { countsColumns, toCounts } from './report-queries.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';
import type { NpsCounts } from './nps.js';

/** The aggregates of one subject (a theme, or everything in scope) in one period. */
export interface PeriodAggregate extends NpsCounts {
  /** Verbatims of the subject (tagged with the theme, or all in scope). */
  readonly count: number;
  /** Commented verbatims in scope that period: the base of a theme's share. */
  readonly commented: number;
  /** Mean sentiment score (theme tag score, or the verbatim's), null without any. */
  readonly sentiment: number | null;
  readonly sentimentN: number;
  readonly rating: number | null;
  readonly rated: number;
}

/** Aggregates by subject (`''` for the whole scope, else the theme id), then by period label. */
export type Series = ReadonlyMap<string, ReadonlyMap<string, PeriodAggregate>>;

export interface SeriesQuery {
  readonly filters: ReportFilters;
  readonly granularity: PeriodGranularity;
  readonly periods: readonly PeriodBounds[];
  /** A theme id, `*` (each theme), or undefined (the whole scope). */
  readonly theme: string | undefined;
}

const num = (value: string | number | null | undefined): number => Number(value ?? 0);
const mean = (value: string | number | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Two GROUP BYs over the periods asked (one read of `verbatims`, one of `themeTags`):
 * per period the scope's totals, and per (period, theme) the theme's, sub-themes rolled up.
 *
 * @example (await querySeries(db, { filters: {}, granularity: 'week', periods, theme: '*' })).get('fees')?.get('2026-W24')?.count
 */
export async function querySeries(db: Kysely<Database>, query: SeriesQuery): Promise<Series> {
  const first = query.periods[0];
  const last = query.periods.at(-1);
  if (first === undefined || last === undefined) return new Map();
  const filters: ReportFilters = { ...query.filters, from: first.from.toISOString(), to: last.to.toISOString() };
  const label = periodExpression(query.granularity);
  const totals = await db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .groupBy(label)
    .select([
      label.as('period'),
      ...countsColumns,
      sql<string>`count(*)`.as('count'),
      sql<string>`count(*) filter (where v.text <> '')`.as('commented'),
      sql<string | null>`avg(v.sentiment_score)`.as('sentiment'),
      sql<string>`count(v.sentiment_score)`.as('sentiment_n'),
      sql<string | null>`avg(v.rating)`.as('rating'),
      sql<string>`count(v.rating)`.as('rated'),
    ])
    .execute();
  const commented = new Map(totals.map((row) => [row.period ?? '', num(row.commented)]));
  const series = new Map<string, Map<string, PeriodAggregate>>();
  const put = (subject: string, period: string, aggregate: PeriodAggregate): void => {
    const periods = series.get(subject) ?? new Map<string, PeriodAggregate>();
    periods.set(period, aggregate);
    series.set(subject, periods);
  };
  if (query.theme === undefined) {
    for (const row of totals) {
      put('', row.period ?? '', {
        ...toCounts(row),
        count: num(row.count),
        commented: num(row.commented),
        sentiment: mean(row.sentiment),
        sentimentN: num(row.sentiment_n),
        rating: mean(row.rating),
        rated: num(row.rated),
      });
    }
    return series;
  }
  let themes = db
    .selectFrom(themeTags('t'))
    .innerJoin('verbatims as v', 'v.id', 't.verbatim_id')
    .where(whereFilters(filters))
    .groupBy([label, 't.theme'])
    .select([
      label.as('period'),
      't.theme',
      ...countsColumns,
      sql<string>`count(*)`.as('count'),
      sql<string | null>`avg(t.score)`.as('sentiment'),
      sql<string | null>`avg(v.rating)`.as('rating'),
      sql<string>`count(v.rating)`.as('rated'),
    ]);
  if (query.theme !== EVERY_THEME) themes = themes.where('t.theme', '=', query.theme);
  for (const row of await themes.execute()) {
    const period = row.period ?? '';
    put(row.theme, period, {
      ...toCounts(row),
      count: num(row.count),
      commented: commented.get(period) ?? 0,
      sentiment: mean(row.sentiment),
      sentimentN: num(row.count),
      rating: mean(row.rating),
      rated: num(row.rated),
    });
  }
  if (query.theme !== EVERY_THEME && !series.has(query.theme)) series.set(query.theme, new Map());
  // Periods where the scope had verbatims but the theme none: a real zero, not missing data.
  for (const periods of series.values()) {
    for (const [period, total] of commented) if (!periods.has(period)) periods.set(period, emptyAggregate(total));
  }
  return series;
}

/** A period with verbatims in scope but none of the subject's. */
function emptyAggregate(commented: number): PeriodAggregate {
  return { promoters: 0, passives: 0, detractors: 0, count: 0, commented, sentiment: null, sentimentN: 0, rating: null, rated: 0 };
}
