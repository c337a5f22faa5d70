import { errorFunction } from 'simple-statistics';

/** A 2×2 contingency test: how often something occurs in a target group against a reference group. */
export interface ContingencyTest {
  /** Dunning's log-likelihood ratio G² (χ² with 1 degree of freedom under the null). */
  readonly g2: number;
  /** Two-sided p-value of G² on χ²(1). */
  readonly p_value: number;
  /** Share in the target over share in the reference (Infinity when the reference never has it). */
  readonly ratio: number;
}

/**
 * G² of a 2×2 table: `k1` of `n1` target documents carry the item, `k2` of `n2`
 * reference documents do. G² = 2 Σ O·ln(O/E) over the four cells (a cell with O = 0
 * adds nothing). Rarer items in the target give the same G² as frequent ones: read
 * `ratio` for the direction.
 *
 * @example contingencyTest(30, 100, 10, 100).g2 // 12.97
 */
export function contingencyTest(k1: number, n1: number, k2: number, n2: number): ContingencyTest {
  checkCounts(k1, n1, 'k1', 'n1');
  checkCounts(k2, n2, 'k2', 'n2');
  const n = n1 + n2;
  const withItem = k1 + k2;
  const cells: readonly [number, number][] = [
    [k1, (n1 * withItem) / n],
    [n1 - k1, (n1 * (n - withItem)) / n],
    [k2, (n2 * withItem) / n],
    [n2 - k2, (n2 * (n - withItem)) / n],
  ];
  let g2 = 0;
  for (const [observed, expected] of cells) if (observed > 0 && expected > 0) g2 += observed * Math.log(observed / expected);
  g2 = Math.max(0, 2 * g2);
  const share1 = n1 === 0 ? 0 : k1 / n1;
  const share2 = n2 === 0 ? 0 : k2 / n2;
  return { g2, p_value: chiSquare1PValue(g2), ratio: share2 === 0 ? (share1 === 0 ? 1 : Infinity) : share1 / share2 };
}

/** P(χ²₁ ≥ x) = erfc(√(x/2)). */
export function chiSquare1PValue(x: number): number {
  if (!(x > 0)) return 1;
  return Math.min(1, Math.max(0, 1 - errorFunction(Math.sqrt(x / 2))));
}

function checkCounts(k: number, n: number, kName: string, nName: string): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`Expected \`${kName}\` and \`${nName}\` to be integers with 0 ≤ ${kName} ≤ ${nName}, got ${k} and ${n}`);
  }
}
