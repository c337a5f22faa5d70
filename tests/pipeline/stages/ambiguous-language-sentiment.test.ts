import { describe, expect, it } from 'vitest';
import type { Verbatim } from '../../../core/verbatim.js';
import type { LanguageDetector, SentimentAnalysis, SentimentModel } from '../../../models/types.js';
import { detectLanguageStage, scoreSentimentStage } from '../../../pipeline/stages/model-stages.js';
import type { WorkItem } from '../../../pipeline/stage.js';

const ctx = { signal: new AbortController().signal, now: () => new Date() };

function item(id: string, text: string): WorkItem {
  const verbatim: Verbatim = { id, externalId: null, source: 'feed', text, createdAt: null, nps: null, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null };
  return { verbatim, text, enrichment: {} };
}

/** French and English candidates for every text. */
const ambiguous: LanguageDetector = { version: 'test', detect: () => ({ lang: 'und', confidence: 0.3, candidates: ['en', 'fr'] }) };

/** Negative in both languages, except "terrible" alone, which French reads as praise here. */
const sentiment: SentimentModel = {
  version: 'test',
  languages: ['fr', 'en'],
  analyze: (text, lang): SentimentAnalysis => {
    if (lang !== 'fr' && lang !== 'en') return { supported: false, label: 'neutral', score: 0, clauses: [] };
    const score = text === 'terrible' && lang === 'fr' ? 0.8 : -0.8;
    const label = score > 0 ? 'positive' : 'negative';
    return { supported: true, label, score, clauses: [{ start: 0, end: text.length, text, score, label }] };
  },
};

async function enrich(texts: readonly string[]): Promise<WorkItem[]> {
  const items = await detectLanguageStage({ language: ambiguous }).run(texts.map((text, i) => item(String(i), text)), ctx);
  return scoreSentimentStage({ sentiment }).run(items, ctx);
}

describe('sentiment of a text whose language is French or English, undecided', () => {
  it('is scored when both languages agree, the language staying und', async () => {
    const [out] = await enrich(['bad service']);
    expect(out?.enrichment).toMatchObject({ lang: 'und', sentiment: 'negative', sentimentScore: -0.8, sentimentSupported: true });
  });

  it('is left unscored when they disagree', async () => {
    const [out] = await enrich(['terrible']);
    expect(out?.enrichment).toMatchObject({ lang: 'und', sentiment: 'neutral', sentimentSupported: false });
  });
});
