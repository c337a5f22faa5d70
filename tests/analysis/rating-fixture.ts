import type { Kysely } from 'kysely';
import type { ThemeMention } from '../../core/verbatim.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';

const tag = (theme: string): ThemeMention => ({ theme, sentiment: 'neutral', score: 0, confidence: 0.9, evidence: theme });

/** After every fixture date. */
export const RATING_NOW = new Date('2026-03-20T00:00:00Z');

/**
 * Eight reviews (source `reviews`, stars, no NPS):
 *
 * | n | stars | themes       |
 * |---|-------|--------------|
 * | 1 | 5     | staff        |
 * | 2 | 4     | staff        |
 * | 3 | 5     | staff, app   |
 * | 4 | 2     | fees         |
 * | 5 | 1     | fees, app    |
 * | 6 | 3     | —            |
 * | 7 | 4     | app          |
 * | 8 | 2     | fees         |
 *
 * All: n 8, Σ 26, Σx² 100 → mean 3.25, s² = (100 − 26²/8)/7 = 15.5/7 = 2.2143, s/√8 = 0.5261;
 * t₀.₉₇₅,₇ = 2.3646 → 3.25 ± 1.2440 = [2.006, 4.494] → [2.01, 4.49].
 * Distribution 1★ 1, 2★ 2, 3★ 1, 4★ 2, 5★ 2.
 *
 * Welch on (with − without), se² = s²w/nw + s²wo/nwo, ν = se⁴ / Σ (s²/n)²/(n − 1):
 * - staff: with 5, 4, 5 → 4.667 (s² 1/3); without 2, 1, 3, 4, 2 → 2.4 (s² 1.3). Δ = 2.267,
 *   se² = 0.1111 + 0.26 = 0.3711 (se 0.6092), ν = 0.13772 / (0.006173 + 0.0169) = 5.969, t = 2.4500
 *   → 2.267 ± 1.4925 = [0.774, 3.759]: significant.
 * - fees: with 2, 1, 2 → 1.667 (s² 1/3); without 5, 4, 5, 3, 4 → 4.2 (s² 0.7). Δ = −2.533,
 *   se² = 0.1111 + 0.14 = 0.2511 (se 0.5011), ν = 0.063057 / (0.006173 + 0.0049) = 5.695, t = 2.4791
 *   → −2.533 ± 1.2423 = [−3.776, −1.291]: significant.
 * - app: with 5, 1, 4 → 3.333 (s² 4.333); without 5, 4, 2, 3, 2 → 3.2 (s² 1.7). Δ = 0.133,
 *   se² = 1.4444 + 0.34 = 1.7844 (se 1.3358), ν = 3.18424 / (1.04321 + 0.0289) = 2.970, t = 3.2007
 *   → 0.133 ± 4.2755 = [−4.142, 4.409]: not significant.
 */
export const REVIEWS: readonly (readonly [stars: number, themes: readonly string[]])[] = [
  [5, ['staff']],
  [4, ['staff']],
  [5, ['staff', 'app']],
  [2, ['fees']],
  [1, ['fees', 'app']],
  [3, []],
  [4, ['app']],
  [2, ['fees']],
];

/** Four survey answers (source `survey`, NPS, no stars): 10 and 9 on staff, 3 on fees, 7 none → 2 P 1 N 1 D, NPS 25. */
export const ANSWERS: readonly (readonly [nps: number, themes: readonly string[]])[] = [
  [10, ['staff']],
  [9, ['staff']],
  [3, ['fees']],
  [7, []],
];

/** Two employee reviews: a group below the anonymity floor (5). */
export const STAFF_REVIEWS: readonly number[] = [5, 1];

/** The report's `rating` for the 8 reviews (hand computation above). */
export const EXPECTED_RATING = { n: 8, mean: 3.25, ci95: [2.01, 4.49], distribution: { 1: 1, 2: 2, 3: 1, 4: 2, 5: 2 } };
/** The report's `rating_drivers` for the 8 reviews with `minCount: 3` (hand computation above). */
export const EXPECTED_DRIVERS = [
  { theme: 'app', parent: null, count: 3, share: 0.375, rating_with: 3.33, rating_without: 3.2, impact: 0.13, ci95: [-4.14, 4.41], significant: false },
  { theme: 'fees', parent: null, count: 3, share: 0.375, rating_with: 1.67, rating_without: 4.2, impact: -2.53, ci95: [-3.78, -1.29], significant: true },
  { theme: 'staff', parent: null, count: 3, share: 0.375, rating_with: 4.67, rating_without: 2.4, impact: 2.27, ci95: [0.77, 3.76], significant: true },
];

/** Stores the reviews (source `reviews`), the survey answers (source `survey`) and the employee reviews, enriched with their themes. */
export async function seedRatingData(db: Kysely<Database>): Promise<void> {
  let n = 0;
  const row = (overrides: Parameters<typeof surveyAnswer>[1], themes: readonly string[]) => {
    n += 1;
    return enriched(surveyAnswer(n, { createdAt: `2026-03-${String(n).padStart(2, '0')}T09:00:00.000Z`, ...overrides }), { themes: themes.map(tag) });
  };
  const rows = [
    ...REVIEWS.map(([stars, themes]) => row({ source: 'reviews', nps: null, rating: stars, text: `review ${themes.join(' ')}` }, themes)),
    ...ANSWERS.map(([nps, themes]) => row({ source: 'survey', nps, rating: null, text: `answer ${themes.join(' ')}` }, themes)),
    ...STAFF_REVIEWS.map((stars) => row({ source: 'reviews', respondent: 'employee', nps: null, rating: stars, text: 'staff review' }, ['staff'])),
  ];
  await insertVerbatims(db, rows);
  await saveEnrichments(db, rows);
}
