import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import type { RatingMoments, StarCounts } from './rating-summary.js';
import { themeTags } from './theme-tags.js';

/** Every star rating in scope: its moments and how many at each whole star. */
export interface RatingTotals extends RatingMoments {
  readonly distribution: StarCounts;
}

/** The ratings of the verbatims that carry one theme (sub-themes rolled up, as `queryThemes`). */
export interface ThemeRatingAggregate extends RatingMoments {
  readonly theme: string;
}

// `rating` is a `real`: sums in double precision, or 4-byte floats would round them.
const momentColumns = [
  sql<string>`count(v.rating)`.as('n'),
  sql<string | null>`sum(v.rating::float8)`.as('sum'),
  sql<string | null>`sum(v.rating::float8 * v.rating::float8)`.as('sum_squares'),
] as const;

interface MomentsRow {
  n: string | number;
  sum: string | number | null;
  sum_squares: string | number | null;
}

function toMoments(row: MomentsRow | undefined): RatingMoments {
  return { n: Number(row?.n ?? 0), sum: Number(row?.sum ?? 0), sumSquares: Number(row?.sum_squares ?? 0) };
}

/**
 * Columns of the scope's one totals row (`queryTotals` selects them beside the NPS
 * counts, so ratings cost no scan of their own): count, sum and sum of squares of the
 * ratings, and the count at each whole star (a half star counts under the star below it: 4.5 → 4).
 */
export const ratingTotalsColumns = [
  sql<string>`count(v.rating)`.as('rating_n'),
  sql<string | null>`sum(v.rating::float8)`.as('rating_sum'),
  sql<string | null>`sum(v.rating::float8 * v.rating::float8)`.as('rating_sum_squares'),
  sql<string>`count(*) filter (where floor(v.rating) = 1)`.as('s1'),
  sql<string>`count(*) filter (where floor(v.rating) = 2)`.as('s2'),
  sql<string>`count(*) filter (where floor(v.rating) = 3)`.as('s3'),
  sql<string>`count(*) filter (where floor(v.rating) = 4)`.as('s4'),
  sql<string>`count(*) filter (where v.rating = 5)`.as('s5'),
] as const;

type RatingTotalsRow = Readonly<Record<'rating_n' | 'rating_sum' | 'rating_sum_squares' | 's1' | 's2' | 's3' | 's4' | 's5', string | number | null>>;

/** The {@link ratingTotalsColumns} of a totals row as `RatingTotals`. */
export function toRatingTotals(row: RatingTotalsRow | undefined): RatingTotals {
  const count = (value: string | number | null | undefined): number => Number(value ?? 0);
  return {
    n: count(row?.rating_n),
    sum: count(row?.rating_sum),
    sumSquares: count(row?.rating_sum_squares),
    distribution: { 1: count(row?.s1), 2: count(row?.s2), 3: count(row?.s3), 4: count(row?.s4), 5: count(row?.s5) },
  };
}

/** One GROUP BY over theme tags (`themeTags`, as `queryThemes`): count, sum and sum of squares of the ratings per theme; rated verbatims only. */
export async function queryRatingThemes(db: Kysely<Database>, filters: ReportFilters): Promise<ThemeRatingAggregate[]> {
  const rows = await db
    .selectFrom(themeTags('t'))
    .innerJoin('verbatims as v', 'v.id', 't.verbatim_id')
    .where(whereFilters(filters))
    .where('v.rating', 'is not', null)
    .groupBy('t.theme')
    .select(['t.theme', ...momentColumns])
    .orderBy('t.theme')
    .execute();
  return rows.map((row) => ({ theme: row.theme, ...toMoments(row) }));
}
