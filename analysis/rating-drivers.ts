import { parentTheme } from '../db/theme-hierarchy.js';
import { belowFloor } from './anonymity-floor.js';
import { round } from './nps.js';
import type { ThemeRatingAggregate } from './rating-queries.js';
import { studentT975 } from './rating-student-t.js';
import { meanOf, subtractMoments, varianceOf, type RatingMoments } from './rating-summary.js';

/** How a theme moves the mean rating: the driver maths of NPS on stars. */
export interface RatingImpact {
  readonly rating_with: number | null;
  readonly rating_without: number | null;
  /** Mean rating with the theme − mean rating without it; null when a side has no rating. */
  readonly impact: number | null;
  /** Welch 95 % interval of the difference; null when a side has fewer than 2 ratings or no spread at all. */
  readonly ci95: readonly [number, number] | null;
  /** The unrounded interval excludes 0. */
  readonly significant: boolean;
}

/** One rating driver row of the report (`rating_drivers`). */
export interface RatingDriverRow extends RatingImpact {
  readonly theme: string;
  readonly parent: string | null;
  /** Rated verbatims that carry the theme. */
  readonly count: number;
  /** Share of the rated verbatims that carry it, 0..1. */
  readonly share: number;
}

const NO_IMPACT: RatingImpact = { rating_with: null, rating_without: null, impact: null, ci95: null, significant: false };

/**
 * Impact of a theme on the mean rating, from aggregates: Δ = mean(with) − mean(without),
 * 95 % interval Δ ± t₀.₉₇₅,ν · √(s²w/nw + s²wo/nwo), ν by Welch–Satterthwaite (the two
 * sides need not share a variance). No interval when every rating on both sides is
 * the same (no spread: ν is undefined, and 2 fives against 2 ones are no evidence).
 * `minGroup` (employee groups): every figure null when a side has 1 to minGroup − 1 ratings.
 *
 * @example ratingImpact(all, withTheme).impact // e.g. −1.4: a star and a half below the others
 */
export function ratingImpact(all: RatingMoments, withTheme: RatingMoments, minGroup?: number): RatingImpact {
  const without = subtractMoments(all, withTheme);
  if (minGroup !== undefined && (belowFloor(withTheme.n, minGroup) || belowFloor(without.n, minGroup))) return NO_IMPACT;
  const meanWith = meanOf(withTheme);
  const meanWithout = meanOf(without);
  if (meanWith === null || meanWithout === null) {
    return { ...NO_IMPACT, rating_with: meanWith === null ? null : round(meanWith, 2), rating_without: meanWithout === null ? null : round(meanWithout, 2) };
  }
  const impact = meanWith - meanWithout;
  const shown = { rating_with: round(meanWith, 2), rating_without: round(meanWithout, 2), impact: round(impact, 2) };
  const [varianceWith, varianceWithout] = [varianceOf(withTheme), varianceOf(without)];
  if (varianceWith === null || varianceWithout === null) return { ...shown, ci95: null, significant: false };
  const [a, b] = [varianceWith / withTheme.n, varianceWithout / without.n];
  const standardError = Math.sqrt(a + b);
  if (standardError === 0) return { ...shown, ci95: null, significant: false };
  const df = (a + b) ** 2 / (a ** 2 / (withTheme.n - 1) + b ** 2 / (without.n - 1));
  const margin = studentT975(df) * standardError;
  const [lower, upper] = [impact - margin, impact + margin];
  // judged before rounding, as the NPS drivers
  return { ...shown, ci95: [round(lower, 2), round(upper, 2)], significant: lower > 0 || upper < 0 };
}

/** Rating driver rows of the themes with at least `minCount` rated verbatims, by volume; `minGroup` (employee groups): no figure for a side below it. */
export function ratingDriverRows(all: RatingMoments, themes: readonly ThemeRatingAggregate[], minCount: number, minGroup?: number): RatingDriverRow[] {
  return themes
    .filter((theme) => theme.n >= minCount)
    .sort((a, b) => b.n - a.n || a.theme.localeCompare(b.theme))
    .map((theme) => ({
      theme: theme.theme,
      parent: parentTheme(theme.theme),
      count: theme.n,
      share: all.n === 0 ? 0 : round(theme.n / all.n, 4),
      ...ratingImpact(all, theme, minGroup),
    }));
}
