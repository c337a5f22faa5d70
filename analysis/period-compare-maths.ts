/**
 * The shift-share decomposition of an NPS change into theme contributions, from
 * per-group moments (pure: `period-compare-queries.ts` reads the moments in SQL).
 *
 * Each scored answer i has y ∈ {+1 promoter, 0 passive, −1 detractor}; NPS = 100·ȳ.
 * Several themes on one answer: the answer is split equally over its k top-level
 * themes (weight a = 1/k in each; an untagged answer weighs 1 in "other"), so the
 * weights of an answer sum to 1 and the groups partition the answers additively:
 *   w_g = Σ a_ig / N (the group's share),  S_g = Σ a_ig·y_i / N,  m_g = S_g / w_g (its NPS / 100),
 *   NPS/100 = Σ_g S_g = Σ_g w_g·m_g.
 * Between the reference period A and the current period B, with the centre
 * c = (ȳ_A + ȳ_B)/2, w̄ = (w_A + w_B)/2, m̄ = (m_A + m_B)/2, Δ = B − A:
 *   volume_g = Δw_g·(m̄_g − c)   (more answers on a theme whose NPS is below the mean lowers NPS)
 *   rate_g   = w̄_g·Δm_g         (the theme's own NPS better or worse, at its mean share)
 *   volume_g + rate_g = Δ(w_g·m_g) − c·Δw_g = ΔS_g − c·Δw_g,
 * and since Σ_g Δw_g = 0 the centring cancels: Σ_g (volume_g + rate_g) = Σ_g ΔS_g = Δȳ,
 * exactly, with no interaction term (the midpoint form). A group absent from one
 * period takes the other period's mean there: all its change is volume, rate 0.
 *
 * Intervals: the delta method. Each figure is a smooth function of the three means
 * (w, S, ȳ) of each period; the periods are independent samples of answers, so
 * Var = Σ_P ∇_Pᵀ·Cov_P·∇_P / N_P with Cov_P the per-answer covariance of (a, a·y, y),
 * all from the sums of a, a·y, a², a²·y, a²·y², a·y² per group.
 */

/** The 97.5 % quantile of the standard normal. */
const Z95 = 1.959963984540054;

/** Sums over the scored answers of one period for one group (a: the answer's weight in the group). */
export interface GroupMoments {
  /** A top-level theme, or null for "other" (untagged answers and themes not shown). */
  readonly key: string | null;
  readonly sumA: number;
  readonly sumAY: number;
  readonly sumA2: number;
  readonly sumA2Y: number;
  readonly sumA2Y2: number;
  readonly sumAY2: number;
}

/** One figure in NPS points with its standard error. */
export interface Estimate {
  readonly value: number;
  readonly se: number;
}

/** A group's contribution to the change, unrounded, in NPS points. */
export interface Contribution {
  readonly key: string | null;
  readonly volume: Estimate;
  readonly rate: Estimate;
  readonly total: Estimate;
  /** The group's weight share of scored answers in each period, 0..1. */
  readonly shareA: number;
  readonly shareB: number;
  /** The group's (weighted) NPS in each period, null when it had no answer then. */
  readonly npsA: number | null;
  readonly npsB: number | null;
}

export interface Decomposition {
  /** NPS_B − NPS_A in points. */
  readonly change: Estimate;
  readonly contributions: readonly Contribution[];
}

interface Period {
  readonly n: number;
  readonly meanY: number;
  readonly meanY2: number;
  readonly groups: ReadonlyMap<string | null, GroupMoments>;
}

type Gradient = readonly [w: number, s: number, y: number];

function period(groups: readonly GroupMoments[]): Period {
  const n = groups.reduce((sum, group) => sum + group.sumA, 0);
  const sumY = groups.reduce((sum, group) => sum + group.sumAY, 0);
  const sumY2 = groups.reduce((sum, group) => sum + group.sumAY2, 0);
  return { n, meanY: n === 0 ? 0 : sumY / n, meanY2: n === 0 ? 0 : sumY2 / n, groups: new Map(groups.map((group) => [group.key, group])) };
}

const EMPTY = (key: string | null): GroupMoments => ({ key, sumA: 0, sumAY: 0, sumA2: 0, sumA2Y: 0, sumA2Y2: 0, sumAY2: 0 });

/** Var(∇·(a, a·y, y)) / N for one period and group. */
function variance(p: Period, g: GroupMoments, [gw, gs, gy]: Gradient): number {
  if (p.n === 0) return 0;
  const ev = g.sumA / p.n;
  const eu = g.sumAY / p.n;
  const ey = p.meanY;
  const cvv = g.sumA2 / p.n - ev * ev;
  const cuu = g.sumA2Y2 / p.n - eu * eu;
  const cyy = p.meanY2 - ey * ey;
  const cvu = g.sumA2Y / p.n - ev * eu;
  const cvy = g.sumAY / p.n - ev * ey; // a·y = u
  const cuy = g.sumAY2 / p.n - eu * ey;
  const v = gw * gw * cvv + gs * gs * cuu + gy * gy * cyy + 2 * (gw * gs * cvu + gw * gy * cvy + gs * gy * cuy);
  return Math.max(0, v) / p.n;
}

/**
 * Decomposes NPS_B − NPS_A over the groups (null when a period has no scored answer).
 * The contributions' totals sum to the change exactly (up to floating point).
 *
 * @example decompose(previousGroups, currentGroups)?.contributions.reduce((s, c) => s + c.total.value, 0) // = change.value
 */
export function decompose(previous: readonly GroupMoments[], current: readonly GroupMoments[]): Decomposition | null {
  const a = period(previous);
  const b = period(current);
  if (a.n === 0 || b.n === 0) return null;
  const c = (a.meanY + b.meanY) / 2;
  const keys = [...new Set([...a.groups.keys(), ...b.groups.keys()])];
  const contributions = keys.map((key): Contribution => {
    const ga = a.groups.get(key) ?? EMPTY(key);
    const gb = b.groups.get(key) ?? EMPTY(key);
    const [wA, wB] = [ga.sumA / a.n, gb.sumA / b.n];
    const [sA, sB] = [ga.sumAY / a.n, gb.sumAY / b.n];
    const dw = wB - wA;
    const totalValue = sB - sA - c * dw;
    const totalGradients: [Gradient, Gradient] = [[c, -1, -dw / 2], [-c, 1, -dw / 2]];
    const se = (gradients: readonly [Gradient, Gradient]): number => 100 * Math.sqrt(variance(a, ga, gradients[0]) + variance(b, gb, gradients[1]));
    const total: Estimate = { value: 100 * totalValue, se: se(totalGradients) };
    const npsA = wA > 0 ? (100 * sA) / wA : null;
    const npsB = wB > 0 ? (100 * sB) / wB : null;
    const shares = { shareA: wA, shareB: wB, npsA, npsB };
    if (wA === 0 || wB === 0) return { key, volume: total, rate: { value: 0, se: 0 }, total, ...shares };
    const [mA, mB] = [sA / wA, sB / wB];
    const [mMean, wMean, dm] = [(mA + mB) / 2, (wA + wB) / 2, mB - mA];
    const volumeGradients: [Gradient, Gradient] = [
      [-(mMean - c) - (dw * mA) / (2 * wA), dw / (2 * wA), -dw / 2],
      [mMean - c - (dw * mB) / (2 * wB), dw / (2 * wB), -dw / 2],
    ];
    const rateGradients: [Gradient, Gradient] = [
      [dm / 2 + (wMean * mA) / wA, -wMean / wA, 0],
      [dm / 2 - (wMean * mB) / wB, wMean / wB, 0],
    ];
    return {
      key,
      volume: { value: 100 * dw * (mMean - c), se: se(volumeGradients) },
      rate: { value: 100 * wMean * dm, se: se(rateGradients) },
      total,
      ...shares,
    };
  });
  // Δȳ has influence y in each period: Var = Var_A(y)/N_A + Var_B(y)/N_B.
  const changeSe = 100 * Math.sqrt((a.meanY2 - a.meanY ** 2) / a.n + (b.meanY2 - b.meanY ** 2) / b.n);
  return { change: { value: 100 * (b.meanY - a.meanY), se: changeSe }, contributions };
}

/** The 95 % interval of an estimate. */
export function interval95(estimate: Estimate): readonly [number, number] {
  return [estimate.value - Z95 * estimate.se, estimate.value + Z95 * estimate.se];
}

/** ▲/▼ when the 95 % interval excludes 0 (never for a zero-width interval: that is no evidence). */
export function direction(estimate: Estimate): 'up' | 'down' | null {
  if (!(estimate.se > 0)) return null;
  const [lo, hi] = interval95(estimate);
  return lo > 0 ? 'up' : hi < 0 ? 'down' : null;
}
