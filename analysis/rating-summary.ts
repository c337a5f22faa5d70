import { belowFloor, withheldNote } from './anonymity-floor.js';
import { round } from './nps.js';
import { studentT975 } from './rating-student-t.js';

/** The whole stars of a review rating. */
export const STARS = [1, 2, 3, 4, 5] as const;
export type Star = (typeof STARS)[number];

/** Ratings at each whole star (JSON keys "1".."5"). */
export type StarCounts = Readonly<Record<Star, number>>;

/** What the SQL aggregates give of a set of ratings: enough for a mean, a variance and a Welch interval. */
export interface RatingMoments {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

/** The report's star-rating headline (`rating` of the report JSON). */
export interface RatingSummary {
  /** Verbatims with a rating. */
  readonly n: number;
  /** Mean rating, 1..5 (2 decimals), or null when withheld. */
  readonly mean: number | null;
  /** 95 % t interval of the mean, kept within 1..5; null with fewer than 2 ratings or when withheld. */
  readonly ci95: readonly [number, number] | null;
  readonly distribution: StarCounts;
  /** Set when withheld (an employee group below the anonymity floor): what to show instead. */
  readonly withheld?: string;
}

const NO_STARS: StarCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };

/** The mean, or null when there is no rating. */
export function meanOf(moments: RatingMoments): number | null {
  return moments.n === 0 ? null : moments.sum / moments.n;
}

/** The sample variance (n − 1), or null below 2 ratings; never negative (float cancellation). */
export function varianceOf(moments: RatingMoments): number | null {
  if (moments.n < 2) return null;
  return Math.max(0, (moments.sumSquares - (moments.sum * moments.sum) / moments.n) / (moments.n - 1));
}

/** The ratings outside a group: both are sums, so they subtract. */
export function subtractMoments(all: RatingMoments, part: RatingMoments): RatingMoments {
  return { n: all.n - part.n, sum: all.sum - part.sum, sumSquares: all.sumSquares - part.sumSquares };
}

/**
 * Mean rating with its 95 % t interval (mean ± t₀.₉₇₅,ₙ₋₁ · s/√n, clipped to 1..5) and
 * the distribution; null when nothing in scope has a rating. `minGroup` (employee
 * groups): below it, only n and `withheld` (the mean of 2 ratings tells each one).
 *
 * @example ratingSummary({ n: 4, sum: 16, sumSquares: 66, distribution }).mean // 4
 */
export function ratingSummary(totals: RatingMoments & { readonly distribution: StarCounts }, minGroup?: number): RatingSummary | null {
  if (totals.n === 0) return null;
  if (minGroup !== undefined && belowFloor(totals.n, minGroup)) return { n: totals.n, mean: null, ci95: null, distribution: NO_STARS, withheld: withheldNote(minGroup) };
  const mean = meanOf(totals) as number;
  const variance = varianceOf(totals);
  const ci95 = variance === null ? null : meanInterval(mean, Math.sqrt(variance / totals.n), totals.n - 1);
  return { n: totals.n, mean: round(mean, 2), ci95, distribution: { ...totals.distribution } };
}

function meanInterval(mean: number, standardError: number, df: number): readonly [number, number] {
  const margin = studentT975(df) * standardError;
  return [round(Math.max(1, mean - margin), 2), round(Math.min(5, mean + margin), 2)];
}
