import { describe, expect, it } from 'vitest';
import { createFastModels } from '../../../models/fast-tier.js';

const TEXTS = [
  'Bad service', 'Très bien', 'RAS', 'ok', 'Le conseiller était charmant mais les frais sont abusifs.', 'Great app, but the fees are crazy!',
  'Service client nul, jamais de réponse.', 'Top', 'Not bad at all', 'Pas mal du tout', 'The advisor was great', 'Rien à dire',
];

describe('the combined model’s memo of recent texts', () => {
  it('answers a repeated text, in either language, as a model that never saw it', async () => {
    const [seen, fresh] = await Promise.all([createFastModels({ sentiment: 'combined' }), createFastModels({ sentiment: 'combined' })]);
    // `seen` reads every text in French, then in English, then all again; `fresh` reads each once in English.
    const first = TEXTS.map((text) => [seen.sentiment.analyze(text, 'fr'), seen.sentiment.analyze(text, 'en')] as const);
    const again = TEXTS.map((text) => [seen.sentiment.analyze(text, 'fr'), seen.sentiment.analyze(text, 'en')] as const);
    const english = TEXTS.map((text) => fresh.sentiment.analyze(text, 'en'));
    expect(again).toEqual(first);
    expect(first.map(([, en]) => en)).toEqual(english);
    // The languages do answer differently on some of these texts, so a memo keyed by text alone would fail above.
    expect(first.some(([fr, en]) => JSON.stringify(fr) !== JSON.stringify(en))).toBe(true);
  });
});
