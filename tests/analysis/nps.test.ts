import { describe, expect, it } from 'vitest';
import { driverImpact } from '../../analysis/driver-impact.js';
import { npsOf } from '../../analysis/nps.js';

describe('npsOf', () => {
  it('computes NPS and its interval by hand', () => {
    // p = 0.5, d = 0.2 → NPS 30; Var = (0.7 − 0.09)/10 = 0.061 → SE 24.698 → ±48.41
    const summary = npsOf({ promoters: 5, passives: 3, detractors: 2 });
    expect(summary.score).toBe(30);
    expect(summary.n).toBe(10);
    expect(summary.ci95).toEqual([-18.4, 78.4]);
  });

  it.each([
    ['nobody answered', { promoters: 0, passives: 0, detractors: 0 }, null, null],
    ['all promoters', { promoters: 4, passives: 0, detractors: 0 }, 100, [100, 100]],
    ['a single detractor', { promoters: 0, passives: 0, detractors: 1 }, -100, [-100, -100]],
    ['no detractors', { promoters: 1, passives: 1, detractors: 0 }, 50, [-19.3, 100]],
  ] as const)('%s', (_name, counts, score, ci) => {
    const summary = npsOf(counts);
    expect(summary.score).toBe(score);
    expect(summary.ci95).toEqual(ci);
  });
});

describe('driverImpact', () => {
  it('is NPS(all) − NPS(all without the theme)', () => {
    // all: 5 P, 3 N, 2 D → 30. With theme: 0 P, 1 N, 2 D → −66.7. Without: 5 P, 2 N, 0 D → 71.4. Impact 30 − 71.4 = −41.4.
    const impact = driverImpact({ promoters: 5, passives: 3, detractors: 2 }, { promoters: 0, passives: 1, detractors: 2 });
    expect(impact.nps_with).toBe(-66.7);
    expect(impact.nps_without).toBe(71.4);
    expect(impact.impact).toBe(-41.4);
    // s = 0.3; Var_with = 10000·(0.6667 − 0.4444)/3 = 740.7; Var_without = 10000·(0.7143 − 0.5102)/7 = 291.5
    // half = 1.96 · 0.3 · sqrt(1032.3) = 18.9
    expect(impact.ci95).toEqual([-60.3, -22.5]);
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
