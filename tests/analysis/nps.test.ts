import { describe, expect, it } from 'vitest';
import { driverImpact } from '../../analysis/driver-impact.js';
import { npsOf } from '../../analysis/nps.js';

// z² = 1.959964² = 3.841459. Score limits (Rocks 2016) solve n(δ̂ − δ)² = z²(p̃ + d̃ − δ²), δ on −1..1.
// With no passives that is Wilson's interval on the promoter share μ = (1 + δ)/2; with one
// category it has the closed forms (n − z²)/(n + z²) (all promoters) and ±z²/(n + z²) (all passives).
describe('npsOf', () => {
  it('computes NPS and its score interval by hand', () => {
    // δ̂ = 0.3. p̃ = larger root of 20p² − Bp + 5δ(1 + δ), B = 5(1 + 3δ) + 2(1 + δ) + 6δ. The roots, checked:
    // δ = −0.21659: B = 2.01838, p̃ = (2.01838 + √(4.07386 + 67.9744))/40 = 0.26264, d̃ = 0.47923,
    //   var = 0.74187 − 0.04691 = 0.69470; 10·0.51659² = 2.66867 = 3.841459·0.69470 ✓
    // δ = 0.67528: B = 22.53139, p̃ = (22.53139 + √(507.663 − 452.505))/40 = 0.74895, d̃ = 0.07367,
    //   var = 0.82262 − 0.45600 = 0.36661; 10·0.37528² = 1.40833 = 3.841459·0.36661 ✓
    const summary = npsOf({ promoters: 5, passives: 3, detractors: 2 });
    expect(summary.score).toBe(30);
    expect(summary.n).toBe(10);
    expect(summary.ci95).toEqual([-21.7, 67.5]);
  });

  it.each([
    ['nobody answered', { promoters: 0, passives: 0, detractors: 0 }, null, null],
    // (4 − 3.841459)/(4 + 3.841459) = 0.158541/7.841459 = 0.0202 → never the zero-width [100, 100]
    ['all promoters', { promoters: 4, passives: 0, detractors: 0 }, 100, [2, 100]],
    // mirror of one promoter: (1 − 3.841459)/(1 + 3.841459) = −0.5869 → upper 58.7
    ['a single detractor', { promoters: 0, passives: 0, detractors: 1 }, -100, [-100, 58.7]],
    // upper: Wilson on 1 of 2, (2 + z²)δ² − (2 + z²)δ + 0.5 = 0 → δ = (1 + √(1 − 2/5.841459))/2 = 0.90547;
    // lower (below P/(2n − P) = 1/3 the best fit has d̃ > 0): p̃ = (1 + δ)/4, d̃ = (1 − 3δ)/4, var = (1 − δ)/2 − δ²,
    // 2(0.5 − δ)² = z²·var → 5.841459δ² − 0.079271δ − 1.420730 = 0 → δ = (0.079271 − 5.762347)/11.682918 = −0.48644
    ['no detractors', { promoters: 1, passives: 1, detractors: 0 }, 50, [-48.6, 90.5]],
    // ±3.841459/(2 + 3.841459) = ±0.65762
    ['two passives', { promoters: 0, passives: 2, detractors: 0 }, 0, [-65.8, 65.8]],
  ] as const)('%s', (_name, counts, score, ci) => {
    const summary = npsOf(counts);
    expect(summary.score).toBe(score);
    expect(summary.ci95).toEqual(ci);
  });
});

// Impact intervals: MOVER (Newcombe's hybrid score) on the groups' score intervals [l, u]:
// L = Δ − 100·s·√((θw − lw)² + (uwo − θwo)²), U = Δ + 100·s·√((uw − θw)² + (θwo − lwo)²), s = n_with/n_all.
describe('driverImpact', () => {
  it('is NPS(all) − NPS(all without the theme)', () => {
    // all: 5 P, 3 N, 2 D → 30. With theme: 0 P, 1 N, 2 D → −66.7. Without: 5 P, 2 N, 0 D → 71.4. Impact 30 − 71.4286 = −41.4286.
    const impact = driverImpact({ promoters: 5, passives: 3, detractors: 2 }, { promoters: 0, passives: 1, detractors: 2 });
    expect(impact.nps_with).toBe(-66.7);
    expect(impact.nps_without).toBe(71.4);
    expect(impact.impact).toBe(-41.4);
    // with (n 3, θ −0.666667): lower = −Wilson upper of 2 D in 3 = −(2 + 1.920729 + 1.959964·√(2/3 + 0.960365))/6.841459 = −0.93851;
    //   upper (p̃ = (1 + 2δ)/3, var = (2 + δ)/3 − δ²): 6.841459δ² + 2.719514δ − 1.227640 = 0 → δ = 0.26916
    // without (n 7, θ 0.714286): upper = Wilson upper of 5 in 7 = (6.920729 + 1.959964·√(10/7 + 0.960365))/10.841459 = 0.91778;
    //   lower (under 5/9: p̃ = 5(1 + δ)/14, var = (5 − 2δ)/7 − δ²): 75.890213δ² − 62.317082δ + 5.792705 = 0 → δ = 0.10686
    // L = −41.4286 − 30·√(0.271843² + 0.203496²) = −41.4286 − 10.1872 = −51.62
    // U = −41.4286 + 30·√(0.935827² + 0.607426²) = −41.4286 + 33.4703 = −7.96
    expect(impact.ci95).toEqual([-51.6, -8]);
    expect(impact.significant).toBe(true);
  });

  it.each([
    // with: 3 P → [(3 − z²)/(3 + z²), 1] = [−0.12299, 1]; without: 2 N → ±0.65762; s = 0.6, Δ = 100
    // L = 60 − 60·√(1.12299² + 0.65762²) = 60 − 60·1.30138 = −18.08; U = 60 + 60·√(0 + 0.65762²) = 99.46
    ['3 P against 2 N (the plain Wald interval read [60, 60], significant)', { promoters: 3, passives: 2, detractors: 0 }, { promoters: 3, passives: 0, detractors: 0 }, 60, [-18.1, 99.5]],
    // with: 1 P → [−0.58690, 1]; without: 1 D → [−1, 0.58690]; s = 0.5, Δ = 200
    // L = 100 − 50·√(1.58690² + 1.58690²) = 100 − 50·2.24420 = −12.21; U = 100 + 50·0 = 100
    ['one promoter against one detractor (n = 2)', { promoters: 1, passives: 0, detractors: 1 }, { promoters: 1, passives: 0, detractors: 0 }, 100, [-12.2, 100]],
  ] as const)('small one-category groups are not significant: %s', (_name, all, withTheme, impact, ci95) => {
    expect(driverImpact(all, withTheme)).toMatchObject({ impact, ci95, significant: false });
  });

  it('judges significance on the unrounded interval', () => {
    // all 3 P 9 D → −50; with 6 D → −100; without 3 P 3 D → 0; impact −50, s = 1/2.
    // with: [−1, −(6 − z²)/(6 + z²)] = [−1, −0.219331]; without: Wilson on 3 of 6 → μ = (4.920729 ± 3.074312)/9.841459
    //   = 0.187616..0.812384 → δ = 2μ − 1 = ±0.624768
    // U = −50 + 50·√(0.780669² + 0.624768²) = −50 + 50·0.999890 = −0.0055: shown as 0.0, yet the interval excludes 0
    const impact = driverImpact({ promoters: 3, passives: 0, detractors: 9 }, { promoters: 0, passives: 0, detractors: 6 });
    expect(impact.impact).toBe(-50);
    expect(impact.ci95?.[0]).toBe(-81.2); // −50 − 50·0.624768
    expect(impact.ci95?.[1]).toBeCloseTo(0, 5);
    expect(impact.significant).toBe(true);
  });

  it('has no NPS without the theme when the theme is in every verbatim', () => {
    const all = { promoters: 2, passives: 1, detractors: 1 };
    expect(driverImpact(all, all)).toEqual({ nps_with: 25, nps_without: null, impact: null, ci95: null, significant: false });
  });

  it('is not significant when the interval spans 0', () => {
    const impact = driverImpact({ promoters: 10, passives: 10, detractors: 10 }, { promoters: 1, passives: 1, detractors: 1 });
    expect(impact.impact).toBe(0);
    expect(impact.significant).toBe(false);
  });
});
