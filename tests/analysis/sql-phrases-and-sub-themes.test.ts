import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { queryPhraseCounts } from '../../analysis/phrase-counts.js';
import { buildReport } from '../../analysis/report.js';
import { phrasesOf } from '../../core/text-phrases.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const mention = (theme: string, score: number): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 1, evidence: theme });
const TEXTS = ["Frais d'attente élevés, frais cachés", 'Les frais de tenue de compte', 'Application très lente', "L'application plante"] as const;

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    // 1: fees.overdraft + fees.card (P) · 2: fees.card (D) · 3: app (D) · 4: app (N)
    const verbatims = TEXTS.map((text, index) => surveyAnswer(index + 1, { text, nps: [10, 0, 3, 7][index] ?? null }));
    const themes = [[mention('fees.overdraft', -0.4), mention('fees.card', -0.2)], [mention('fees.card', -0.6)], [mention('app', -0.5)], [mention('app', -0.1)]];
    await insertVerbatims(db, verbatims);
    await saveEnrichments(db, verbatims.map((verbatim, index) => enriched(verbatim, { themes: themes[index] ?? [] })));
  });

  it('counts phrases in SQL exactly as the JavaScript tokeniser reads them', async () => {
    const counts = await queryPhraseCounts(database().db, { filters: {}, target: sql<boolean>`v.text ilike '%frais%'`, reference: sql<boolean>`true`, minTargetDocs: 1 });
    expect([counts.target_docs, counts.reference_docs, counts.sampled]).toEqual([2, 2, false]);
    const expected = new Map<string, { target: number; reference: number }>();
    TEXTS.forEach((text, index) => {
      for (const phrase of phrasesOf(text)) {
        const row = expected.get(phrase) ?? { target: 0, reference: 0 };
        if (index < 2) row.target += 1;
        else row.reference += 1;
        expected.set(phrase, row);
      }
    });
    const targetPhrases = [...expected].filter(([, row]) => row.target > 0);
    expect(Object.fromEntries(counts.phrases.map((row) => [row.phrase, { target: row.target, reference: row.reference }]))).toEqual(Object.fromEntries(targetPhrases));
    expect(counts.phrases[0]).toEqual({ phrase: 'frais', target: 2, reference: 0 });
  });

  it('samples a side larger than maxDocs by a hash of the id', async () => {
    const counts = await queryPhraseCounts(database().db, { filters: {}, target: sql<boolean>`true`, reference: sql<boolean>`false`, maxDocs: 2, minTargetDocs: 1 });
    expect(counts.target_scope).toBe(4);
    expect(counts.sampled).toBe(true);
    expect(counts.target_docs).toBeLessThanOrEqual(4);
  });

  it('rolls sub-themes up into their parent, once per verbatim', async () => {
    const report = await buildReport(database().db, {}, new Date('2026-04-01T00:00:00Z'), { minCount: 1 });
    // NPS: 1 P, 1 N, 2 D → −25. fees = verbatims 1 and 2 (1 P, 1 D) → 0; without (3, 4: 1 N, 1 D) → −50; impact −25 + 50 = +25.
    // Sentiment: one value a verbatim (the mean of its sub-themes): ((−0.4 − 0.2)/2 − 0.6)/2 = −0.45
    const fees = report.drivers.find((row) => row.theme === 'fees');
    expect(fees).toMatchObject({ parent: null, count: 2, nps_with: 0, nps_without: -50, impact: 25, sentiment_score: -0.45 });
    expect(report.drivers.find((row) => row.theme === 'fees.card')).toMatchObject({ parent: 'fees', count: 2 });
    expect(report.drivers.find((row) => row.theme === 'fees.overdraft')).toMatchObject({ parent: 'fees', count: 1, nps_with: 100 });
  });
});
