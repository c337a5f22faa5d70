import { npsScore, npsVariance, round, subtract, total, type NpsCounts } from './nps.js';

export interface DriverImpact {
  readonly nps_with: number | null;
  readonly nps_without: number | null;
  /** NPS(all) − NPS(all without the theme's verbatims); null when either side has no answer. */
  readonly impact: number | null;
  readonly ci95: readonly [number, number] | null;
  /** The 95 % interval excludes 0. */
  readonly significant: boolean;
}

const Z95 = 1.959963984540054;

/**
 * Driver impact of a theme from aggregated counts. Since NPS(all) is the
 * share-weighted mean of the two groups, impact = s·(NPS_with − NPS_without) with
 * s = n_with / n_all; its 95 % interval uses the delta method with s fixed:
 * Var = s²·(Var(NPS_with) + Var(NPS_without)), the two groups being disjoint.
 *
 * @example driverImpact(all, withTheme).impact // e.g. −6.2: NPS would be 6.2 points higher without it
 */
export function driverImpact(all: NpsCounts, withTheme: NpsCounts): DriverImpact {
  const without = subtract(all, withTheme);
  const npsWith = npsScore(withTheme);
  const npsWithout = npsScore(without);
  const npsAll = npsScore(all);
  if (npsAll === null || npsWithout === null || npsWith === null) {
    return { nps_with: npsWith === null ? null : round(npsWith), nps_without: npsWithout === null ? null : round(npsWithout), impact: null, ci95: null, significant: false };
  }
  const impact = npsAll - npsWithout;
  const share = total(withTheme) / total(all);
  const half = Z95 * share * Math.sqrt(npsVariance(withTheme) + npsVariance(without));
  const ci95: [number, number] = [round(impact - half), round(impact + half)];
  return {
    nps_with: round(npsWith),
    nps_without: round(npsWithout),
    impact: round(impact),
    ci95,
    significant: half > 0 ? ci95[0] > 0 || ci95[1] < 0 : impact !== 0,
  };
}
