import { npsScore, round, subtract, total, type NpsCounts } from './nps.js';
import { npsScoreInterval } from './nps-interval.js';

export interface DriverImpact {
  readonly nps_with: number | null;
  readonly nps_without: number | null;
  /** NPS(all) − NPS(all without the theme's verbatims); null when either side has no answer. */
  readonly impact: number | null;
  readonly ci95: readonly [number, number] | null;
  /** The unrounded 95 % interval excludes 0. */
  readonly significant: boolean;
}

/**
 * Driver impact of a theme from aggregated counts. Since NPS(all) is the
 * share-weighted mean of the two groups, impact = s·(NPS_with − NPS_without) with
 * s = n_with / n_all. Its 95 % interval is Newcombe's hybrid score interval (MOVER,
 * Zou & Donner 2008) built from the score interval of each group's NPS
 * (`npsScoreInterval`), with s fixed and the two groups disjoint:
 *   L = s·(Δ − √((θw − lw)² + (uwo − θwo)²)),  U = s·(Δ + √((uw − θw)² + (θwo − lwo)²)),
 * Δ = θw − θwo. Never zero width, and a handful of one-category answers is not
 * "significant" for free: 3 promoters against 2 passives give 60 [−18.1, 99.5].
 *
 * `minGroup` (employee groups): every figure null when a side has some answers but fewer than it.
 *
 * @example driverImpact(all, withTheme).impact // e.g. −6.2: NPS would be 6.2 points higher without it
 */
export function driverImpact(all: NpsCounts, withTheme: NpsCounts, minGroup?: number): DriverImpact {
  const without = subtract(all, withTheme);
  // An employee side of 1 to minGroup − 1 answers shows no figure (with 1 answer, nps_with is that person's score;
  // NPS(all) and nps_with would give nps_without away too). An empty side tells nothing: nps_with is then NPS(all).
  const small = (counts: NpsCounts): boolean => total(counts) > 0 && total(counts) < (minGroup ?? 0);
  if (minGroup !== undefined && (small(withTheme) || small(without))) {
    return { nps_with: null, nps_without: null, impact: null, ci95: null, significant: false };
  }
  const npsWith = npsScore(withTheme);
  const npsWithout = npsScore(without);
  const npsAll = npsScore(all);
  if (npsAll === null || npsWithout === null || npsWith === null) {
    return { nps_with: npsWith === null ? null : round(npsWith), nps_without: npsWithout === null ? null : round(npsWithout), impact: null, ci95: null, significant: false };
  }
  const impact = npsAll - npsWithout;
  const share = total(withTheme) / total(all);
  const [lw, uw] = npsScoreInterval(withTheme) as readonly [number, number];
  const [lwo, uwo] = npsScoreInterval(without) as readonly [number, number];
  const [thetaWith, thetaWithout] = [npsWith / 100, npsWithout / 100];
  const lower = impact - 100 * share * Math.hypot(thetaWith - lw, uwo - thetaWithout);
  const upper = impact + 100 * share * Math.hypot(uw - thetaWith, thetaWithout - lwo);
  return {
    nps_with: round(npsWith),
    nps_without: round(npsWithout),
    impact: round(impact),
    ci95: [round(lower), round(upper)],
    // judged before rounding: [0.04, 9.1] rounds to [0, 9.1] yet excludes 0
    significant: lower > 0 || upper < 0,
  };
}
