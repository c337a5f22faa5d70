import { chiSquare1PValue } from './log-likelihood.js';
import { round } from './nps.js';

/** A share in two periods and its change, by the pooled two-proportion z-test. */
export interface ProportionChange {
  /** 0..1, null when the period has no base. */
  readonly previous: number | null;
  readonly current: number | null;
  /** current − previous in percentage points; null when a side has no base. */
  readonly change: number | null;
  readonly z: number | null;
  readonly p_value: number | null;
  /** p < 0.05 two-sided. */
  readonly significant: boolean;
  readonly direction: 'up' | 'down' | null;
}

/**
 * Compares x_A/n_A with x_B/n_B: z = (p_B − p_A) / √(p̂(1 − p̂)(1/n_A + 1/n_B)), p̂ pooled.
 * Not significant when a base is empty or the pooled share is 0 or 1 (no variation).
 *
 * @example twoProportions(10, 100, 25, 100).direction // 'up' (z = 2.80)
 */
export function twoProportions(xA: number, nA: number, xB: number, nB: number): ProportionChange {
  const previous = nA === 0 ? null : xA / nA;
  const current = nB === 0 ? null : xB / nB;
  if (previous === null || current === null) {
    return { previous: share(previous), current: share(current), change: null, z: null, p_value: null, significant: false, direction: null };
  }
  const pooled = (xA + xB) / (nA + nB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const change = round(100 * (current - previous));
  if (!(se > 0)) return { previous: share(previous), current: share(current), change, z: null, p_value: null, significant: false, direction: null };
  const z = (current - previous) / se;
  const pValue = chiSquare1PValue(z * z);
  const significant = pValue < 0.05;
  return { previous: share(previous), current: share(current), change, z: round(z, 2), p_value: round(pValue, 4), significant, direction: significant ? (z > 0 ? 'up' : 'down') : null };
}

function share(value: number | null): number | null {
  return value === null ? null : round(value, 4);
}
