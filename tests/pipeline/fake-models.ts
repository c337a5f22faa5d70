import type { ThemeMention } from '../../core/verbatim.js';
import type { ModelSet } from '../../models/types.js';

/** Tiny deterministic models: language by a marker word, sentiment by "good"/"bad", a theme per keyword. */
export function fakeModels(): ModelSet {
  return {
    language: { version: 'fake-lang', detect: (text) => (/\ble\b|\bla\b/.test(text) ? { lang: 'fr', confidence: 0.9 } : { lang: 'en', confidence: 0.8 }) },
    sentiment: {
      version: 'fake-sentiment',
      languages: ['en', 'fr'],
      analyze: (text) => {
        const score = (text.match(/good/g)?.length ?? 0) - (text.match(/bad/g)?.length ?? 0);
        const label = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
        return { supported: true, label, score: Math.max(-1, Math.min(1, score)), clauses: [{ start: 0, end: text.length, text, score, label }] };
      },
    },
    themes: {
      version: 'fake-themes',
      tag: (text, _lang, sentiment): ThemeMention[] =>
        text.includes('fees') ? [{ theme: 'fees_pricing', sentiment: sentiment.label, score: sentiment.score, confidence: 1, evidence: 'fees' }] : [],
    },
    journey: { version: 'fake-journey', link: ({ hint }) => (hint === 'complaint' ? 'complaint' : null) },
  };
}
