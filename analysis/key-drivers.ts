import { EigenvalueDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import { round } from './nps.js';
import type { ThemeMoments } from './theme-moments.js';

/** One theme in the key-driver regression. */
export interface KeyDriverRow {
  readonly theme: string;
  readonly count: number;
  /** OLS coefficient: NPS points a verbatim's score moves with the theme, the other themes held fixed. */
  readonly coefficient: number;
  /** Standardised coefficient (β). */
  readonly beta: number;
  /** Johnson's relative weight: the part of R² due to the theme (the weights sum to R²). */
  readonly relative_weight: number;
  /** relative_weight / R², 0..1: the theme's share of what themes explain. */
  readonly importance: number;
}

/** The second view of drivers: NPS points regressed on theme indicators. */
export interface KeyDrivers {
  readonly method: 'johnson_relative_weights';
  /** y: +100 promoter, 0 passive, −100 detractor (its mean is the NPS); x: one 0/1 indicator a theme. */
  readonly outcome: 'nps_points';
  /** Scored verbatims with a comment (the regression's rows). */
  readonly n: number;
  readonly r2: number | null;
  readonly intercept: number | null;
  /** Themes left out and why (no variance: in every or in no verbatim). */
  readonly excluded: readonly { readonly theme: string; readonly reason: string }[];
  readonly themes: readonly KeyDriverRow[];
}

/** Eigenvalues below this (relative to the largest) count as zero: collinear themes share their weight. */
const EIGEN_TOLERANCE = 1e-10;

/**
 * Johnson's (2000) relative weights from the theme moments: R_xx = VΛV′, the
 * orthogonal counterparts Z of the indicators have Λ_xz = VΛ^½V′; regressing y on Z
 * gives β_z = Λ_xz⁻¹ r_xy, and theme j's weight is Σ_k Λ_xz[j,k]² β_z[k]². The weights
 * add up to the R² of the full regression and are close to the Shapley (LMG) share.
 *
 * @example keyDrivers(await queryThemeMoments(db, filters, themes)).themes[0] // { theme: 'fees_pricing', importance: 0.41, … }
 */
export function keyDrivers(moments: ThemeMoments): KeyDrivers {
  const { n } = moments;
  const empty = (excluded: KeyDrivers['excluded']): KeyDrivers => ({ method: 'johnson_relative_weights', outcome: 'nps_points', n, r2: null, intercept: null, excluded, themes: [] });
  const excluded: { theme: string; reason: string }[] = [];
  const themes: string[] = [];
  for (const [theme, { count }] of [...moments.themes].sort(([a], [b]) => a.localeCompare(b))) {
    if (count === 0 || count === n) excluded.push({ theme, reason: count === n ? 'in every verbatim' : 'in no verbatim' });
    else themes.push(theme);
  }
  if (n < 3 || themes.length === 0) return empty(excluded);
  const meanY = moments.sumY / n;
  const varY = (moments.sumY2 - n * meanY * meanY) / (n - 1);
  if (!(varY > 0)) return empty([...excluded, ...themes.map((theme) => ({ theme, reason: 'every answer in the same NPS category' }))]);
  const p = themes.length;
  const count = themes.map((theme) => moments.themes.get(theme)?.count ?? 0);
  const sumXY = themes.map((theme) => moments.themes.get(theme)?.sumY ?? 0);
  const meanX = count.map((c) => c / n);
  const pairCount = new Map(moments.pairs.map((pair) => [`${pair.a}\u0000${pair.b}`, pair.count]));
  const both = (j: number, k: number): number => {
    if (j === k) return count[j] ?? 0;
    const [a, b] = [themes[j] ?? '', themes[k] ?? ''].sort();
    return pairCount.get(`${a}\u0000${b}`) ?? 0;
  };
  const covXX = Matrix.zeros(p, p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) covXX.set(j, k, (both(j, k) - n * (meanX[j] ?? 0) * (meanX[k] ?? 0)) / (n - 1));
  const covXY = Matrix.columnVector(sumXY.map((s, j) => (s - n * (meanX[j] ?? 0) * meanY) / (n - 1)));
  const sdX = themes.map((_, j) => Math.sqrt(covXX.get(j, j)));
  const sdY = Math.sqrt(varY);
  const corrXX = new Matrix(p, p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) corrXX.set(j, k, covXX.get(j, k) / ((sdX[j] ?? 1) * (sdX[k] ?? 1)));
  const corrXY = Matrix.columnVector(themes.map((_, j) => covXY.get(j, 0) / ((sdX[j] ?? 1) * sdY)));

  const eigen = new EigenvalueDecomposition(corrXX, { assumeSymmetric: true });
  const vectors = eigen.eigenvectorMatrix;
  const values = eigen.realEigenvalues;
  const largest = Math.max(...values);
  const sqrtValues = values.map((value) => (value > EIGEN_TOLERANCE * largest ? Math.sqrt(value) : 0));
  const lambda = vectors.mmul(Matrix.diag(sqrtValues)).mmul(vectors.transpose());
  const lambdaInverse = vectors.mmul(Matrix.diag(sqrtValues.map((s) => (s === 0 ? 0 : 1 / s)))).mmul(vectors.transpose());
  const betaZ = lambdaInverse.mmul(corrXY);
  const weights = themes.map((_, j) => {
    let weight = 0;
    for (let k = 0; k < p; k++) weight += lambda.get(j, k) ** 2 * betaZ.get(k, 0) ** 2;
    return weight;
  });
  const r2 = weights.reduce((sum, weight) => sum + weight, 0);
  const coefficients = pseudoInverse(covXX).mmul(covXY);
  const intercept = meanY - themes.reduce((sum, _, j) => sum + coefficients.get(j, 0) * (meanX[j] ?? 0), 0);
  const rows: KeyDriverRow[] = themes.map((theme, j) => ({
    theme,
    count: count[j] ?? 0,
    coefficient: round(coefficients.get(j, 0), 1),
    beta: round((coefficients.get(j, 0) * (sdX[j] ?? 0)) / sdY, 3),
    relative_weight: round(weights[j] ?? 0, 4),
    importance: r2 > 0 ? round((weights[j] ?? 0) / r2, 3) : 0,
  }));
  rows.sort((a, b) => b.relative_weight - a.relative_weight || a.theme.localeCompare(b.theme));
  return { method: 'johnson_relative_weights', outcome: 'nps_points', n, r2: round(r2, 4), intercept: round(intercept, 1), excluded, themes: rows };
}
