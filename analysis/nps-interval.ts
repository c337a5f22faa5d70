import type { NpsCounts } from './nps.js';

/** The 97.5 % quantile of the standard normal. */
const Z95 = 1.959963984540054;

/**
 * Score interval of one group's NPS (Rocks 2016, "Interval estimation for the Net
 * Promoter Score", the iterative score method), on the −1..1 scale: the δ where
 * n·(δ̂ − δ)² = z²·(p̃ + d̃ − δ²), p̃ and d̃ being the category shares that fit the
 * counts best under NPS = δ. Unlike the Wald interval it is never zero width for a
 * finite group (4 promoters of 4 give [0.020, 1], not [1, 1]) and stays inside −1..1;
 * with no passives it is the Wilson interval of promoters against detractors.
 * Null when nobody answered.
 *
 * @example npsScoreInterval({ promoters: 4, passives: 0, detractors: 0 }) // [(4 − z²)/(4 + z²), 1] = [0.0202, 1]
 */
export function npsScoreInterval(counts: NpsCounts, z = Z95): readonly [number, number] | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return null;
  const estimate = (counts.promoters - counts.detractors) / n;
  const outside = (delta: number): boolean => n * (estimate - delta) ** 2 > z * z * constrainedVariance(counts, n, delta);
  return [limit(estimate, -1, outside), limit(estimate, 1, outside)];
}

/**
 * p̃ + d̃ − δ² at the maximum-likelihood shares under p − d = δ. Setting the
 * derivative of P·ln p + N·ln(1 − 2p + δ) + D·ln(p − δ) to 0 gives
 * 2n·p² − B·p + P·δ(1 + δ) = 0 with B = P(1 + 3δ) + D(1 + δ) + 2Nδ, whose larger
 * root is the feasible one; d̃ = p̃ − δ.
 */
function constrainedVariance(counts: NpsCounts, n: number, delta: number): number {
  const b = counts.promoters * (1 + 3 * delta) + counts.detractors * (1 + delta) + 2 * counts.passives * delta;
  const discriminant = Math.max(0, b * b - 8 * n * counts.promoters * delta * (1 + delta));
  const root = (b + Math.sqrt(discriminant)) / (4 * n);
  const p = Math.min((1 + delta) / 2, Math.max(0, delta, root));
  const d = p - delta;
  return Math.max(0, p + d - delta * delta);
}

/** The score limit between the estimate and `bound` (±1), by bisection: the statistic grows away from the estimate. */
function limit(estimate: number, bound: number, outside: (delta: number) => boolean): number {
  if (estimate === bound || !outside(bound)) return bound;
  let inner = estimate;
  let outer = bound;
  for (let step = 0; step < 60; step += 1) {
    const middle = (inner + outer) / 2;
    if (outside(middle)) outer = middle;
    else inner = middle;
  }
  return (inner + outer) / 2;
}
