import { beforeAll, expect, it } from 'vitest';
import { buildReport } from '../../analysis/report.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const fees = (score: number): ThemeMention => ({ theme: 'fees_pricing', sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 1, evidence: 'fees' });
const advisor: ThemeMention = { theme: 'advisor_quality', sentiment: 'positive', score: 0.8, confidence: 1, evidence: 'advisor' };

/**
 * Ten scored answers, by hand: scores 10 10 9 9 9 | 8 7 8 | 2 0 → 5 P, 3 N, 2 D → NPS 30.
 * fees on answers 6, 9, 10 (8, 2, 0): with 0 P 1 N 2 D → −66.7; without 5 P 2 N 0 D → 71.4; impact −41.4.
 * advisor on 1, 2, 3 (10, 10, 9) → with 100; without 2 P 3 N 2 D → 0; impact +30.
 * One score-only answer (no text, no NPS effect on themes) and one employee answer (out of scope).
 */
const answers = [
  { n: 1, nps: 10, themes: [advisor], journey: 'support_contact' },
  { n: 2, nps: 10, themes: [advisor], journey: 'support_contact' },
  { n: 3, nps: 9, themes: [advisor], journey: 'support_contact' },
  { n: 4, nps: 9, themes: [], journey: null },
  { n: 5, nps: 9, themes: [], journey: null },
  { n: 6, nps: 8, themes: [fees(-0.2)], journey: 'billing_statements' },
  { n: 7, nps: 7, themes: [], journey: null },
  { n: 8, nps: 8, themes: [], journey: null },
  { n: 9, nps: 2, themes: [fees(-0.6)], journey: 'billing_statements' },
  { n: 10, nps: 0, themes: [fees(-1)], journey: 'billing_statements' },
] as const;

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    const verbatims = answers.map((answer) => surveyAnswer(answer.n, { nps: answer.nps, segments: { branch: answer.n <= 5 ? 'Lyon' : 'Paris' } }));
    const scoreOnly = surveyAnswer(11, { nps: 9, text: '' });
    const employee = surveyAnswer(12, { nps: 0, respondent: 'employee' });
    await insertVerbatims(db, [...verbatims, scoreOnly, employee]);
    await saveEnrichments(db, [
      ...verbatims.map((verbatim, index) => enriched(verbatim, { themes: answers[index]?.themes ?? [], journey: answers[index]?.journey ?? null })),
      enriched(scoreOnly, { themes: [], journey: null }),
      enriched(employee, { themes: [fees(-1)], journey: null }),
    ]);
  });

  it('computes NPS, drivers and journey exactly as by hand', async () => {
    const report = await buildReport(database().db, {}, new Date('2026-11-24T00:00:00Z'), { minCount: 1 });
    // 11 customer answers: 6 P (incl. the score-only 9), 3 N, 2 D → (6 − 2)/11 = 36.4
    expect(report.nps).toMatchObject({ score: 36.4, n: 11, promoters: 6, passives: 3, detractors: 2 });
    const fees = report.drivers.find((driver) => driver.theme === 'fees_pricing');
    // fees with: −66.7; without: 6 P 2 N 0 D → 75; impact 36.4 − 75 = −38.6; share 3 of 10 commented
    expect(fees).toMatchObject({ count: 3, share: 0.3, sentiment_score: -0.6, nps_with: -66.7, nps_without: 75, impact: -38.6, significant: true });
    const advisorRow = report.drivers.find((driver) => driver.theme === 'advisor_quality');
    // advisor with: 100; without: 3 P 3 N 2 D → 12.5; impact 36.4 − 12.5 = 23.9
    expect(advisorRow).toMatchObject({ count: 3, nps_with: 100, nps_without: 12.5, impact: 23.9 });
    expect(report.journey.map((step) => [step.step, step.n, step.nps])).toEqual([
      ['billing_statements', 3, -66.7],
      ['support_contact', 3, 100],
    ]);
    // A theme in every verbatim of its step: no NPS without it, so no impact.
    expect(report.journey[0]?.themes).toEqual([{ theme: 'fees_pricing', label: 'fees_pricing', count: 3, impact: null, ci95: null, significant: false }]);
  });

  it('filters by segment (Lyon: answers 1–5, all promoters)', async () => {
    const report = await buildReport(database().db, { segments: { branch: 'Lyon' } }, new Date(), { minCount: 1 });
    expect(report.nps).toMatchObject({ score: 100, n: 5, detractors: 0 });
    // advisor on 1, 2, 3: 100 with and without (4, 5) → impact 0. Score intervals (z² = 3.841459): with 3 P
    // [(3 − z²)/(3 + z²), 1] = [−0.122994, 1]; without 2 P [−1.841459/5.841459, 1] = [−0.315241, 1]; s = 3/5
    // L = 0 − 60·√(1.122994² + 0²) = −67.4; U = 0 + 60·√(0² + 1.315241²) = 78.9
    expect(report.drivers).toEqual([expect.objectContaining({ theme: 'advisor_quality', impact: 0, ci95: [-67.4, 78.9], significant: false })]);
  });

  it('reports eNPS on employee answers only, withheld below the anonymity floor (one answer is one person)', async () => {
    const report = await buildReport(database().db, { respondent: 'employee' }, new Date(), { minCount: 1 });
    expect(report.nps).toMatchObject({ score: null, n: 1, withheld: 'fewer than 5 answers' });
    expect(report.drivers).toEqual([expect.objectContaining({ theme: 'fees_pricing', nps_with: null, nps_without: null, impact: null })]);
  });

  it('leaves out themes below the minimum count', async () => {
    const report = await buildReport(database().db, {}, new Date(), { minCount: 4 });
    expect(report.drivers).toEqual([]);
  });
});
