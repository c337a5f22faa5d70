/** Counts of NPS answers by category. */
export interface NpsCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

export interface NpsSummary extends NpsCounts {
  /** −100..100, or null when nobody answered. */
  readonly score: number | null;
  readonly n: number;
  /** 95 % interval, or null when n = 0. */
  readonly ci95: readonly [number, number] | null;
}

const Z95 = 1.959963984540054;

export function total(counts: NpsCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

/**
 * NPS = %promoters − %detractors, with the normal-approximation 95 % interval of
 * the estimator: Var = ((p + d) − (p − d)²) / n on proportions, scaled by 100.
 *
 * @example npsOf({ promoters: 5, passives: 3, detractors: 2 }).score // 30
 */
export function npsOf(counts: NpsCounts): NpsSummary {
  const n = total(counts);
  if (n === 0) return { ...counts, n, score: null, ci95: null };
  const score = npsScore(counts) as number;
  const half = Z95 * Math.sqrt(npsVariance(counts));
  return { ...counts, n, score: round(score), ci95: [round(Math.max(-100, score - half)), round(Math.min(100, score + half))] };
}

/** The point estimate alone, null when n = 0. */
export function npsScore(counts: NpsCounts): number | null {
  const n = total(counts);
  return n === 0 ? null : ((counts.promoters - counts.detractors) / n) * 100;
}

/** Variance of the NPS estimator on the −100..100 scale; 0 when n = 0. */
export function npsVariance(counts: NpsCounts): number {
  const n = total(counts);
  if (n === 0) return 0;
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  return (10_000 * (p + d - (p - d) ** 2)) / n;
}

export function subtract(a: NpsCounts, b: NpsCounts): NpsCounts {
  return { promoters: a.promoters - b.promoters, passives: a.passives - b.passives, detractors: a.detractors - b.detractors };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
