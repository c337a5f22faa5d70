import type { EnrichedVerbatim } from '../core/verbatim.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS } from '../core/vocabulary.js';

/**
 * `count` new verbatims as one import would bring them, already enriched the way the
 * pipeline's output looks (the bench stores them with the writers, not bulk SQL, so the
 * data version moves on as after a real import and the replica syncs incrementally).
 * Ids start with `round` so every round adds new rows.
 */
export function importBatch(round: number, count: number, day: Date): EnrichedVerbatim[] {
  return Array.from({ length: count }, (_, index) => {
    const nps = (index * 7 + round) % 11;
    const sentiment = nps <= 6 ? 'negative' : nps >= 9 ? 'positive' : 'neutral';
    const theme = DEFAULT_THEME_IDS[(index + round) % DEFAULT_THEME_IDS.length] ?? 'fees_pricing';
    return {
      id: `i${String(round).padStart(3, '0')}-${String(index).padStart(6, '0')}`,
      externalId: `import-${round}-${index}`,
      source: 'nps-survey',
      text: index % 2 === 0 ? 'Les frais sont trop élevés et personne ne les explique' : 'Great advisor, quick answers, very helpful',
      createdAt: new Date(day.getTime() + index * 1000).toISOString(),
      nps,
      rating: null,
      respondent: 'customer',
      authorKey: `a_import_${index % 500}`,
      segments: { branch: index % 2 === 0 ? 'Lyon' : 'Paris', channel: 'app', country: 'FR' },
      journeyHint: null,
      enrichment: {
        lang: index % 2 === 0 ? 'fr' : 'en',
        langConfidence: 0.95,
        sentimentSupported: true,
        sentiment,
        sentimentScore: (nps - 6) / 6,
        themes: [{ theme, sentiment, score: (nps - 6) / 6, confidence: 0.8, evidence: 'frais' }],
        journey: JOURNEY_STEPS[index % JOURNEY_STEPS.length] ?? null,
        npsCategory: nps <= 6 ? 'detractor' : nps <= 8 ? 'passive' : 'promoter',
        modelVersions: { bench: 'web' },
      },
    };
  });
}
