import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../analysis/report.js';
import { forEachDatabase } from '../support/databases.js';
import { SLA_NOW, seedViews } from './views-fixture.js';

/** Every figure below is worked out by hand from the table in views-fixture.ts. */
forEachDatabase((database) => {
  let report: Report;
  beforeAll(async () => {
    await seedViews(database().db);
    report = await buildReport(database().db, {}, SLA_NOW, {
      minCount: 1,
      granularity: 'month',
      emerging: { recentDays: 20, baselineDays: 30, alpha: 0.2 },
      momentThresholds: { positive: 0.1, negative: -0.1, minAnswers: 2 },
      minGroup: 3,
    });
  });

  it('drivers: NPS 30 = (5 P − 2 D) / 10; impact = NPS(all) − NPS(all without the theme)', () => {
    expect(report.nps).toMatchObject({ score: 30, n: 10, promoters: 5, passives: 3, detractors: 2 });
    // advisor on 1, 2, 3, 10: 3 P 1 D → 50; without: 2 P 3 N 1 D → 16.7; impact 30 − 16.67 = 13.3
    expect(report.drivers.find((d) => d.theme === 'advisor_quality')).toMatchObject({ count: 4, share: 0.4, parent: null, nps_with: 50, nps_without: 16.7, impact: 13.3 });
    // fees on 6, 9, 10: 0 P 1 N 2 D → −66.7; without: 5 P 2 N → 71.4; impact −41.4
    expect(report.drivers.find((d) => d.theme === 'fees_pricing')).toMatchObject({ count: 3, share: 0.3, sentiment_score: -0.6, nps_with: -66.7, nps_without: 71.4, impact: -41.4 });
  });

  it('key drivers: OLS and relative weights of the two theme indicators', () => {
    // y = +100/0/−100; X′X (intercept, advisor, fees) = [[10,4,3],[4,4,1],[3,1,3]], X′y = [300, 200, −200]
    // → intercept 62, advisor +22, fees −136 (10·62 + 4·22 − 3·136 = 300 …), R² = 0.6754.
    // Johnson: r(adv, fees) = −0.0891, r(adv, y) = 0.2091, r(fees, y) = −0.8103; Λ = [[a,b],[b,a]] with
    // a = (√(1+r) + √(1−r))/2 = 0.99901, b = (√(1+r) − √(1−r))/2 = −0.04459; β = Λ⁻¹ r_xy;
    // ε_adv = a²β₁² + b²β₂² = 0.0313, ε_fees = b²β₁² + a²β₂² = 0.6441 (sum = R²).
    expect(report.key_drivers).toMatchObject({ method: 'johnson_relative_weights', n: 10, r2: 0.6754, intercept: 62, excluded: [] });
    expect(report.key_drivers.themes).toEqual([
      { theme: 'fees_pricing', count: 3, coefficient: -136, beta: -0.798, relative_weight: 0.6441, importance: 0.954 },
      { theme: 'advisor_quality', count: 4, coefficient: 22, beta: 0.138, relative_weight: 0.0313, importance: 0.046 },
    ]);
  });

  it('breakdown by segment, down to a segment of one', () => {
    const branch = report.breakdowns.find((b) => b.dimension === 'branch');
    expect(branch?.kind).toBe('segment');
    expect(branch?.groups.map((g) => [g.value, g.n, g.nps.score])).toEqual([
      ['Lyon', 5, 100],
      ['Paris', 4, -25], // 0 P 3 N 1 D
      ['Nice', 1, -100],
    ]);
    // Paris, fees on 6 and 9: with 1 N 1 D → −50, without (7, 8) → 0; impact −25 − 0 = −25.
    // Score intervals (z² = 3.841459): with (n 2): lower = −Wilson upper of 1 D in 2 = −(2.920729 + 1.959964·√(0.5 + 0.960365))/5.841459
    //   = −0.90547; upper (p̃ = (1 + 3δ)/4, var = (1 + δ)/2 − δ²): 5.841459δ² + 0.079271δ − 1.420730 = 0 → 0.48644.
    // without (2 N): ±3.841459/5.841459 = ±0.65762. MOVER, s = 2/4:
    // L = −25 − 50·√(0.40547² + 0.65762²) = −25 − 38.63 = −63.6; U = −25 + 50·√(0.98644² + 0.65762²) = −25 + 59.28 = 34.3
    expect(branch?.groups[1]?.drivers).toEqual([
      { theme: 'fees_pricing', count: 2, share: 0.5, sentiment_score: -0.4, nps_with: -50, nps_without: 0, impact: -25, ci95: [-63.6, 34.3], significant: false },
    ]);
    // Nice, a segment of one detractor: NPS −100, score interval [−1, (z² − 1)/(z² + 1) = 2.841459/4.841459 = 0.58690]
    // (never zero width); without the theme nobody is left, so no impact and nothing significant.
    expect(branch?.groups[2]?.nps).toMatchObject({ score: -100, n: 1, ci95: [-100, 58.7] });
    expect(branch?.groups[2]?.drivers.every((d) => !d.significant && d.ci95 === null)).toBe(true);
    expect(branch?.groups[2]?.drivers.map((d) => [d.theme, d.nps_with, d.nps_without, d.impact])).toEqual([
      ['advisor_quality', -100, null, null],
      ['fees_pricing', -100, null, null],
    ]);
  });

  it('journey view: NPS per step and non-null theme impacts', () => {
    // billing_statements (6 N, 9 D, 10 D) → −66.7: fees on all three (no impact); advisor on 10: with −100,
    // without (6, 9) −50 → impact −66.67 + 50 = −16.7. support_contact (1, 2, 3): advisor on all → null.
    // (toMatchObject: the rows also carry label, ci95, significant and hidden_themes, tested in journey-cells.test.ts.)
    expect(report.journey).toMatchObject([
      { step: 'billing_statements', n: 3, nps: -66.7, themes: [{ theme: 'fees_pricing', count: 3, impact: null }, { theme: 'advisor_quality', count: 1, impact: -16.7 }] },
      { step: 'support_contact', n: 3, nps: 100, themes: [{ theme: 'advisor_quality', count: 3, impact: null }] },
      { step: 'closure', n: 2, nps: 0, themes: [] },
      { step: 'onboarding', n: 2, nps: 100, themes: [] },
    ]);
  });

  it('journey themes below the minimum count are left out, as in drivers', async () => {
    const strict = await buildReport(database().db, {}, SLA_NOW, { minCount: 2, granularity: 'month' });
    expect(strict.journey[0]?.themes).toEqual([{ theme: 'fees_pricing', label: 'fees_pricing', count: 3, impact: null, ci95: null, significant: false }]);
    // advisor_quality (1 verbatim at the step) is the one left out, and counted as such.
    expect(strict.journey[0]?.hidden_themes).toBe(1);
  });

  it('a report filtered down to a segment of one (Nice: answer 10, a detractor)', async () => {
    const nice = await buildReport(database().db, { segments: { branch: 'Nice' } }, SLA_NOW, { minCount: 1, granularity: 'month' });
    // NPS −100, score interval [−1, (z² − 1)/(z² + 1)] = [−100, 58.7]; both themes on the only answer: no impact, nothing significant
    expect(nice.nps).toMatchObject({ score: -100, n: 1, ci95: [-100, 58.7] });
    expect(nice.drivers.map((d) => [d.theme, d.nps_with, d.nps_without, d.impact, d.ci95, d.significant])).toEqual([
      ['advisor_quality', -100, null, null, null, false],
      ['fees_pricing', -100, null, null, null, false],
    ]);
    expect(nice.trends.periods.map((p) => [p.period, p.n, p.nps.score])).toEqual([['2026-03', 1, -100]]);
  });

  it('breakdown by journey step and by source', () => {
    const journey = report.breakdowns.find((b) => b.dimension === 'journey');
    expect(journey?.groups.map((g) => [g.value, g.n, g.nps.score])).toEqual([
      ['billing_statements', 3, -66.7],
      ['support_contact', 3, 100],
      ['closure', 2, 0],
      ['onboarding', 2, 100],
    ]);
    expect(report.breakdowns.find((b) => b.dimension === 'source')?.groups.map((g) => [g.value, g.n])).toEqual([['nps-test', 10]]);
  });

  it('trends by month: NPS, theme share, sentiment and impact per period', () => {
    // Feb: 1, 2, 7, 8 → 2 P 2 N → 50. Mar: 3, 4, 5, 6, 9, 10 → 3 P 1 N 2 D → 16.7
    expect(report.trends.granularity).toBe('month');
    expect(report.trends.periods.map((p) => [p.period, p.n, p.nps.score])).toEqual([
      ['2026-02', 4, 50],
      ['2026-03', 6, 16.7],
    ]);
    const fees = report.trends.themes.find((t) => t.theme === 'fees_pricing');
    // Mar: 3 of 6, mean sentiment −0.6, with −66.7, without (3, 4, 5) 100 → impact 16.67 − 100 = −83.3
    expect(fees?.points.map((p) => [p.period, p.count, p.share, p.sentiment_score, p.impact])).toEqual([
      ['2026-02', 0, 0, null, null],
      ['2026-03', 3, 0.5, -0.6, -83.3],
    ]);
    const advisor = report.trends.themes.find((t) => t.theme === 'advisor_quality');
    // Feb: 1, 2 of 4 → with 100, without (7, 8) 0 → impact 50. Mar: 3, 10 → with 0, without (4, 5, 6, 9) 25 → −8.3
    expect(advisor?.points.map((p) => [p.period, p.count, p.share, p.impact])).toEqual([
      ['2026-02', 2, 0.5, 50],
      ['2026-03', 2, 0.3333, -8.3],
    ]);
  });

  it('emerging themes and phrases: G² of the recent window against the baseline', () => {
    // last answer 10 March 09:30; recent = the 20 days before (March: 6 commented), baseline = the 30 before that (February: 4)
    expect(report.emerging.windows).toEqual({
      recent: { from: '2026-02-18T09:30:00.000Z', to: '2026-03-10T09:30:00.000Z' },
      baseline: { from: '2026-01-19T09:30:00.000Z', to: '2026-02-18T09:30:00.000Z' },
    });
    expect([report.emerging.recent_docs, report.emerging.baseline_docs]).toEqual([6, 4]);
    // fees 3/6 vs 0/4: E = 1.8, 4.2, 1.2, 2.8 → G² = 2(3 ln(3/1.8) + 3 ln(3/4.2) + 4 ln(4/2.8)) = 3.90, p = 0.048 < 0.2/2
    expect(report.emerging.themes[0]).toMatchObject({ theme: 'fees_pricing', recent_count: 3, recent_share: 0.5, baseline_count: 0, ratio: null, g2: 3.9, emerging: true });
    expect(report.emerging.themes[0]?.p_value).toBeCloseTo(0.0483, 4);
    // advisor 2/6 vs 2/4: falling, G² 0.28
    expect(report.emerging.themes[1]).toMatchObject({ theme: 'advisor_quality', recent_count: 2, baseline_count: 2, ratio: 0.67, g2: 0.28, emerging: false });
    expect(report.emerging.phrases[0]).toMatchObject({ phrase: 'fees', target_docs: 3, reference_docs: 0, g2: 3.9 });
  });

  it('clusters the untagged verbatims (4, 5, 7, 8) into suggested themes with their phrases', () => {
    expect(report.suggested_themes).toMatchObject({ untagged: 4, sample: 4, unclustered: 1 });
    expect(report.suggested_themes.clusters).toEqual([
      {
        id: 'suggested_1',
        seed: 'card arrived',
        sample_size: 3,
        estimated_size: 3,
        top_phrases: [
          { phrase: 'card arrived', docs: 3 },
          { phrase: 'arrived', docs: 3 },
          { phrase: 'card', docs: 3 },
          { phrase: 'arrived quickly', docs: 2 },
          { phrase: 'quickly', docs: 2 },
        ],
        examples: [
          { id: expect.any(String), text: 'Card arrived quickly' },
          { id: expect.any(String), text: 'Card arrived quickly, thanks' },
          { id: expect.any(String), text: 'Card arrived late' },
        ],
      },
    ]);
  });

  it('moment matrix: customer × employee valence per step, thresholds as given', () => {
    expect(report.moments.thresholds).toEqual({ positive: 0.1, negative: -0.1, minAnswers: 2 });
    expect(report.moments.steps.map((s) => [s.step, s.customer.valence, s.customer.signal, s.employee.n, s.employee.valence, s.employee.signal, s.moment])).toEqual([
      // employee sides of 1 or 2 answers are below the anonymity floor (3 here): their valence is withheld, no signal
      ['billing_statements', -1, 'negative', 2, null, 'none', 'cecite'],
      ['closure', -1, 'negative', 0, null, 'none', 'cecite'],
      ['onboarding', 1, 'positive', 1, null, 'none', 'coup_de_chance'],
      ['support_contact', 1, 'positive', 3, -1, 'negative', 'douleur'],
    ]);
  });

  it('eNPS beside the customer report: 4 P 2 N 0 D (no detractors)', () => {
    // (4 − 0)/6 = 66.7. Score interval: upper = Wilson upper of 4 in 6 = (5.920729 + 1.959964·√(8/6 + 0.960365))/9.841459 = 0.90323;
    // lower (below P/(2n − P) = 0.5: p̃ = (1 + δ)/3, var = (2 − δ)/3 − δ²): 6(2/3 − δ)² = z²·var
    // → 29.524377δ² − 20.158541δ + 0.317082 = 0 → δ = (20.158541 − 19.207300)/59.048754 = 0.01611
    expect(report.enps?.nps).toMatchObject({ score: 66.7, n: 6, promoters: 4, passives: 2, detractors: 0, ci95: [1.6, 90.3] });
    // workload is in every employee answer: no NPS without it, so no impact
    expect(report.enps?.drivers).toEqual([expect.objectContaining({ theme: 'workload', count: 6, nps_with: 66.7, nps_without: null, impact: null, significant: false })]);
  });

  it('follow-up SLA: one callback closed in time, one 24 h overdue', () => {
    expect(report.followups).toEqual({
      due_hours: 48,
      total: 2,
      open: 1,
      assigned: 0,
      closed: 1,
      closed_in_time: 1,
      due: 2,
      compliance: 0.5,
      overdue: 1,
      overdue_list: [
        { id: expect.any(Number), verbatim_id: expect.any(String), external_id: 'R-10', source: 'nps-test', nps: 0, status: 'open', assignee: null, due_at: '2026-03-12T09:30:00.000Z', hours_late: 24 },
      ],
    });
  });

  describe('employee report (eNPS, same maths)', () => {
    it('a theme in every verbatim is left out of the regression and has no impact', async () => {
      const employee = await buildReport(database().db, { respondent: 'employee' }, SLA_NOW, { minCount: 1 });
      expect(employee.nps).toMatchObject({ score: 66.7, detractors: 0 });
      expect(employee.key_drivers).toMatchObject({ n: 6, r2: null, excluded: [{ theme: 'workload', reason: 'in every verbatim' }], themes: [] });
      expect(employee.drivers).toEqual([expect.objectContaining({ theme: 'workload', impact: null })]);
      expect(employee.enps).toBeNull();
      expect(employee.followups).toBeNull();
      expect(employee.breakdowns.find((b) => b.dimension === 'team')?.groups.map((g) => [g.value, g.n, g.nps.score])).toEqual([['front office', 6, 66.7]]);
    });
  });
});
