import type { Kysely } from 'kysely';
import type { ThemeMention } from '../../core/verbatim.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';

const mention = (theme: string, score: number): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence: theme });

/**
 * Two periods of 6 answers (A = February, B = March; y = +1 P, 0 N, −1 D). An answer
 * with two themes counts ½ in each; `fees.card` rolls up into `fees`.
 *
 * | A  | NPS | y  | themes         |   | B  | NPS | y  | themes         |
 * |----|-----|----|----------------|---|----|-----|----|----------------|
 * | a1 | 10  | +1 | fees           |   | b1 |  0  | −1 | fees           |
 * | a2 |  0  | −1 | fees.card      |   | b2 |  3  | −1 | fees           |
 * | a3 |  9  | +1 | app            |   | b3 |  7  |  0 | fees           |
 * | a4 |  2  | −1 | fees, app      |   | b4 |  9  | +1 | fees, app      |
 * | a5 |  8  |  0 | —              |   | b5 |  1  | −1 | —              |
 * | a6 | 10  | +1 | app            |   | b6 |  9  | +1 | app            |
 *
 * NPS_A = 100·(1/6) = 16.7, NPS_B = 100·(−1/6) = −16.7, change = −33.3; c = (1/6 − 1/6)/2 = 0.
 * Weights (Σa / 6) and means m = Σa·y / Σa:
 *   fees  A: (1 + 1 + ½)/6 = 2.5/6, m = (1 − 1 − ½)/2.5 = −0.2     B: 3.5/6, m = (−1 − 1 + 0 + ½)/3.5 = −3/7
 *   app   A: 2.5/6, m = (1 − ½ + 1)/2.5 = 0.6                        B: 1.5/6, m = (½ + 1)/1.5 = 1
 *   other A: 1/6, m = 0                                             B: 1/6, m = −1
 * volume = Δw·(m̄ − c), rate = w̄·Δm (points = ×100):
 *   fees  volume = (1/6)·(−11/35) = −5.238, rate = (1/2)·(−8/35) = −11.429, total = −16.667
 *   app   volume = (−1/6)·0.8 = −13.333,    rate = (1/3)·0.4 = +13.333,     total = 0
 *   other volume = 0,                        rate = (1/6)·(−1) = −16.667,   total = −16.667
 *   sum of totals = −33.333 = change.
 * Shown (0.1 point, rate = total − volume, other = change − the themes' totals):
 *   fees −5.2 / −11.5 / −16.7, app −13.3 / +13.3 / 0, other 0 / −16.6 / −16.6; sum −33.3.
 */
export const COMPARE_ANSWERS = [
  ['2026-02-03', 10, [mention('fees', 0.2)]],
  ['2026-02-04', 0, [mention('fees.card', -0.6)]],
  ['2026-02-05', 9, [mention('app', 0.5)]],
  ['2026-02-06', 2, [mention('fees', -0.5), mention('app', -0.3)]],
  ['2026-02-07', 8, []],
  ['2026-02-08', 10, [mention('app', 0.6)]],
  ['2026-03-03', 0, [mention('fees', -0.8)]],
  ['2026-03-04', 3, [mention('fees', -0.7)]],
  ['2026-03-05', 7, [mention('fees', -0.2)]],
  ['2026-03-06', 9, [mention('fees', -0.3), mention('app', 0.7)]],
  ['2026-03-07', 1, []],
  ['2026-03-08', 9, [mention('app', 0.8)]],
] as const satisfies readonly (readonly [string, number, readonly ThemeMention[]])[];

/** The two periods of the fixture: March against February. */
export const COMPARE_PERIODS = { current: { from: '2026-03-01', to: '2026-04-01' }, previous: { from: '2026-02-01', to: '2026-03-01' } } as const;

/** Stores the 12 answers of the table above (segment branch Lyon). */
export async function seedCompareData(db: Kysely<Database>): Promise<void> {
  const verbatims = COMPARE_ANSWERS.map(([date, nps], index) => surveyAnswer(index + 1, { nps, text: `answer ${index + 1}`, createdAt: `${date}T09:00:00.000Z`, segments: { branch: 'Lyon' } }));
  await insertVerbatims(db, verbatims);
  await saveEnrichments(db, verbatims.map((verbatim, index) => enriched(verbatim, { themes: [...(COMPARE_ANSWERS[index]?.[2] ?? [])] })));
}

/** The rows worked out above: theme, volume, rate, total. */
export const EXPECTED_CONTRIBUTIONS = [
  ['fees', -5.2, -11.5, -16.7],
  ['app', -13.3, 13.3, 0],
  ['other', 0, -16.6, -16.6],
] as const;
