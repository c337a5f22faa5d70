import type { ReportCounts } from './report-counts.js';
import type { ReportFilters } from './report-filters.js';
import { ratingDriverRows, type RatingDriverRow } from './rating-drivers.js';
import type { RatingTotals } from './rating-queries.js';
import { ratingSummary, type RatingSummary } from './rating-summary.js';

/** The star-rating fields of the report: `rating` (null when nothing in scope is rated) and `rating_drivers`. */
export interface RatingSection {
  readonly rating: RatingSummary | null;
  readonly rating_drivers: readonly RatingDriverRow[];
}

/**
 * The rating headline and drivers of a scope, from the ratings of its totals row
 * (`ReportCounts.totals`), then, only when something is rated, one GROUP BY over the
 * theme tags (`ReportCounts.ratingThemes`: a survey without stars pays nothing) on
 * whichever engine `counts` is. `minGroup`: the employee anonymity floor.
 *
 * @example const { rating, rating_drivers } = await ratingSection(sourceCounts(snapshot), { source: 'reviews' }, totals.ratings, 5)
 */
export async function ratingSection(
  counts: Pick<ReportCounts, 'ratingThemes'>,
  filters: ReportFilters,
  totals: RatingTotals,
  minCount: number,
  minGroup?: number,
): Promise<RatingSection> {
  if (totals.n === 0) return { rating: null, rating_drivers: [] };
  const rating = ratingSummary(totals, minGroup);
  // A withheld headline withholds its drivers too: the two sides' means would give it back.
  if (rating?.withheld !== undefined) return { rating, rating_drivers: [] };
  return { rating, rating_drivers: ratingDriverRows(totals, await counts.ratingThemes(filters), minCount, minGroup) };
}
