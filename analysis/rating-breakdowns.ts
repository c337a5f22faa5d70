import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { queryDateRange, querySegmentKeys } from './breakdown-queries.js';
import { defaultGranularity, periodExpression, type PeriodGranularity } from './periods.js';
import { ratingTotalsColumns, toRatingTotals } from './rating-queries.js';
import { ratingSummary, type RatingSummary } from './rating-summary.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { inReportSnapshot } from './report-snapshot.js';
import { customerFilters, type ViewerScope } from './viewer-scope.js';

/** The average rating of one group: a period, a source or a segment value. */
export interface RatingGroup {
  readonly value: string;
  readonly rating: RatingSummary;
}

/** Ratings split one way: over time (`period`), by `source`, or by a segment field (`dimension` is its key). */
export interface RatingBreakdown {
  readonly dimension: string;
  readonly kind: 'period' | 'source' | 'segment';
  /** Periods in time order, other groups by value; only groups with a rating. */
  readonly groups: readonly RatingGroup[];
}

/** The rating trend and the rating of each source and segment value of a viewer's scope. */
export interface RatingBreakdowns {
  readonly granularity: PeriodGranularity;
  readonly trend: RatingBreakdown;
  /** `source`, then the segment fields with few values (as the NPS breakdowns choose them). */
  readonly groups: readonly RatingBreakdown[];
}

export interface RatingBreakdownOptions {
  /** Default: months when the scope spans more than 26 weeks, else weeks (as the NPS trend). */
  readonly granularity?: PeriodGranularity;
  /** Anonymity floor of employee groups: below it, a group shows n only (`ratingSummary`). */
  readonly minGroup?: number;
}

/** One GROUP BY over the rated verbatims in scope: each value's rating moments and stars. */
async function ratingsBy(db: Kysely<Database>, filters: ReportFilters, value: RawBuilder<string | null>, minGroup: number | undefined): Promise<RatingGroup[]> {
  const rows = await db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .where('v.rating', 'is not', null)
    .select([value.as('value'), ...ratingTotalsColumns])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.flatMap((row) => {
    const rating = row.value === null ? null : ratingSummary(toRatingTotals(row), minGroup);
    return rating === null || row.value === null ? [] : [{ value: row.value, rating }];
  });
}

/**
 * Star ratings of a viewer's scope over time, by source and by every segment field with
 * few values: the mean with its 95 % t interval and the distribution of each group, read
 * in one snapshot. The floor applies to the groups of an employee view, as in the report.
 *
 * @example const { trend } = await ratingBreakdowns(db, { filters: { source: 'reviews' } }); trend.groups[0] // { value: '2026-03', rating: { mean: 3.25, … } }
 */
export async function ratingBreakdowns(db: Kysely<Database>, scope: ViewerScope, options: RatingBreakdownOptions = {}): Promise<RatingBreakdowns> {
  const filters = customerFilters(scope);
  const floor = filters.respondent === 'employee' ? options.minGroup : undefined;
  return inReportSnapshot(db, async (snapshot) => {
    const range = await queryDateRange(snapshot, filters);
    const granularity = options.granularity ?? defaultGranularity(range.first, range.last);
    const trend = await ratingsBy(snapshot, filters, periodExpression(granularity), floor);
    const keys = await querySegmentKeys(snapshot, filters, trend.reduce((sum, group) => sum + group.rating.n, 0));
    const groups: RatingBreakdown[] = [{ dimension: 'source', kind: 'source', groups: await ratingsBy(snapshot, filters, sql<string | null>`v.source`, floor) }];
    // One after the other: a snapshot is one connection.
    for (const key of keys) groups.push({ dimension: key, kind: 'segment', groups: await ratingsBy(snapshot, filters, sql<string | null>`v.segments ->> ${key}`, floor) });
    return { granularity, trend: { dimension: 'period', kind: 'period', groups: trend }, groups: groups.filter((breakdown) => breakdown.groups.length > 0) };
  });
}
