import { beforeAll, expect, it } from 'vitest';
import { buildReport, type Report } from '../../analysis/report.js';
import { buildRootCause } from '../../analysis/root-cause.js';
import { queryThemeMoments } from '../../analysis/theme-moments.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import type { JourneyStep } from '../../core/vocabulary.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const mention = (theme: string, score: number, evidence: string): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence });

/**
 * `fees` stored directly on some verbatims and as `fees.card` on others (and both on 1):
 *
 * | n | NPS | cat | stored tags              | fees (rolled up) | journey            | branch | date  |
 * |---|-----|-----|--------------------------|------------------|--------------------|--------|-------|
 * | 1 | 10  | P   | fees (−0.2), fees.card   | yes, −0.2 (own)  | billing_statements | Lyon   | 02-10 |
 * | 2 |  0  | D   | fees.card (−0.6)         | yes, −0.6        | billing_statements | Lyon   | 03-05 |
 * | 3 |  2  | D   | fees (−0.8)              | yes, −0.8        | billing_statements | Paris  | 03-06 |
 * | 4 |  9  | P   | app (+0.5)               | —                | support_contact    | Paris  | 02-11 |
 * | 5 |  8  | N   | —                        | —                | support_contact    | Paris  | 03-07 |
 */
const ANSWERS: readonly { n: number; nps: number; text: string; themes: ThemeMention[]; journey: JourneyStep; branch: string; date: string }[] = [
  { n: 1, nps: 10, text: 'Fees fine, card fee high', themes: [mention('fees', -0.2, 'Fees fine'), mention('fees.card', -0.4, 'card fee high')], journey: 'billing_statements', branch: 'Lyon', date: '2026-02-10T09:30:00Z' },
  { n: 2, nps: 0, text: 'The card fee doubled', themes: [mention('fees.card', -0.6, 'card fee doubled')], journey: 'billing_statements', branch: 'Lyon', date: '2026-03-05T09:30:00Z' },
  { n: 3, nps: 2, text: 'Fees everywhere', themes: [mention('fees', -0.8, 'Fees everywhere')], journey: 'billing_statements', branch: 'Paris', date: '2026-03-06T09:30:00Z' },
  { n: 4, nps: 9, text: 'Nice app', themes: [mention('app', 0.5, 'Nice app')], journey: 'support_contact', branch: 'Paris', date: '2026-02-11T09:30:00Z' },
  { n: 5, nps: 8, text: 'Nothing to add', themes: [], journey: 'support_contact', branch: 'Paris', date: '2026-03-07T09:30:00Z' },
];

forEachDatabase((database) => {
  let report: Report;
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    const verbatims = ANSWERS.map((answer) => surveyAnswer(answer.n, { nps: answer.nps, text: answer.text, createdAt: answer.date, segments: { branch: answer.branch } }));
    await insertVerbatims(db, verbatims);
    await saveEnrichments(db, verbatims.map((verbatim, index) => enriched(verbatim, { themes: ANSWERS[index]?.themes ?? [], journey: ANSWERS[index]?.journey ?? null })));
    report = await buildReport(db, {}, new Date('2026-03-08T00:00:00Z'), { minCount: 1, granularity: 'month', segmentKeys: ['branch'], emerging: { recentDays: 20, baselineDays: 30 } });
  });

  it('drivers: fees on 1, 2, 3 once each', () => {
    // NPS: 2 P 1 N 2 D → 0. fees with 1 P 2 D → −33.3; without (4 P, 5 N) → 50; impact 0 − 50 = −50.
    // sentiment: (−0.2 − 0.6 − 0.8)/3 = −0.533 (1 keeps its own fees tag, 2 takes its sub-theme's)
    expect(report.drivers.find((d) => d.theme === 'fees')).toMatchObject({ parent: null, count: 3, share: 0.6, sentiment_score: -0.533, nps_with: -33.3, nps_without: 50, impact: -50 });
    // fees.card on 1, 2: 1 P 1 D → 0; without (3 D, 4 P, 5 N) → 0
    expect(report.drivers.find((d) => d.theme === 'fees.card')).toMatchObject({ parent: 'fees', count: 2, nps_with: 0, nps_without: 0, impact: 0 });
  });

  it('key drivers: the regression sums see the rolled-up parent', async () => {
    // y: 1 +100, 2 −100, 3 −100, 4 +100, 5 0 → Σy = 0, Σy² = 4·10⁴; fees Σx = 3, Σxy = 100 − 100 − 100 = −100; app 1, +100
    const moments = await queryThemeMoments(database().db, {}, ['fees', 'app']);
    expect([moments.n, moments.sumY, moments.sumY2]).toEqual([5, 0, 40_000]);
    expect(Object.fromEntries(moments.themes)).toEqual({ fees: { count: 3, sumY: -100 }, app: { count: 1, sumY: 100 } });
    expect(moments.pairs).toEqual([]);
    expect(report.key_drivers.themes.find((t) => t.theme === 'fees')?.count).toBe(3);
  });

  it('breakdowns: fees in Lyon (1, 2) and Paris (3)', () => {
    const branch = report.breakdowns.find((b) => b.dimension === 'branch');
    // Paris 3 D, 4 P, 5 N → 0; fees with (3) −100, without (4, 5) 50 → impact −50. Lyon: fees on both, no impact.
    expect(branch?.groups.map((g) => [g.value, g.drivers.filter((d) => d.theme === 'fees').map((d) => [d.count, d.impact])])).toEqual([
      ['Paris', [[1, -50]]],
      ['Lyon', [[2, null]]],
    ]);
  });

  it('trends: Feb 1 of 2 (1, 4), Mar 2 of 3 (2, 3, 5)', () => {
    // Feb: 100 with and without (1 P | 4 P) → 0. Mar: 2 D 1 N → −66.7; with (2, 3) −100, without (5) 0 → −66.7
    expect(report.trends.themes.find((t) => t.theme === 'fees')?.points.map((p) => [p.period, p.count, p.share, p.impact])).toEqual([
      ['2026-02', 1, 0.5, 0],
      ['2026-03', 2, 0.6667, -66.7],
    ]);
  });

  it('journey: non-null impacts of themes at a step', () => {
    // billing_statements (1 P, 2 D, 3 D) → −33.3: fees in all three (no impact); fees.card (1, 2) 0, without (3) −100 → −33.3 + 100 = 66.7
    // support_contact (4 P, 5 N) → 50: app (4) 100, without (5) 0 → 50 − 0 = 50
    // toMatchObject: the rows also carry labels and intervals (tests/analysis/journey-cells.test.ts).
    expect(report.journey).toMatchObject([
      { step: 'billing_statements', n: 3, nps: -33.3, themes: [{ theme: 'fees', count: 3, impact: null }, { theme: 'fees.card', count: 2, impact: 66.7 }] },
      { step: 'support_contact', n: 2, nps: 50, themes: [{ theme: 'app', count: 1, impact: 50 }] },
    ]);
  });

  it('emerging: recent window (2, 3, 5) against the baseline (1, 4)', () => {
    // last answer 7 March 09:30: recent = after 15 Feb 09:30, baseline = the 30 days before
    expect(report.emerging.themes.find((t) => t.theme === 'fees')).toMatchObject({ recent_count: 2, baseline_count: 1, recent_share: 0.6667, baseline_share: 0.5 });
  });

  it('root cause --theme fees: the same three verbatims, its sub-theme not a co-occurring theme', async () => {
    const rootCause = await buildRootCause(database().db, {}, 'fees', new Date('2026-03-08T00:00:00Z'), { granularity: 'month', segmentKeys: ['branch'] });
    expect(rootCause.driver).toMatchObject({ count: 3, impact: -50 });
    expect(rootCause.cooccurring).toEqual([]);
    expect(rootCause.verbatims.map((v) => [v.text, v.score, v.evidence]).sort()).toEqual([
      ['Fees everywhere', -0.8, 'Fees everywhere'],
      ['Fees fine, card fee high', -0.2, 'Fees fine'],
      ['The card fee doubled', -0.6, 'card fee doubled'],
    ]);
    expect(rootCause.trend.themes[0]?.points.map((p) => p.count)).toEqual([1, 2]);
  });
});
