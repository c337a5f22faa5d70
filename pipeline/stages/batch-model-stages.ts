import type { BatchSentimentModel, BatchThemeTagger } from '../../models/transformer/batch-models.js';
import type { SentimentAnalysis } from '../../models/types.js';
import type { Stage } from '../stage.js';

const UNSCORED: SentimentAnalysis = { supported: false, label: 'neutral', score: 0, clauses: [] };

/** Overall sentiment and clauses for a batch, in one asynchronous call (same fields as the per-record stage). */
export function batchSentimentStage(model: BatchSentimentModel): Stage {
  return {
    name: 'score-sentiment',
    run: async (items, ctx) => {
      const analyses = await model.analyzeBatch(
        items.map((item) => ({ text: item.text, lang: item.enrichment.lang ?? 'und' })),
        ctx.signal,
      );
      items.forEach((item, index) => {
        const analysis = analyses[index] ?? UNSCORED;
        item.sentimentAnalysis = analysis;
        item.enrichment.sentimentSupported = analysis.supported;
        item.enrichment.sentiment = analysis.label;
        item.enrichment.sentimentScore = analysis.score;
      });
      return items;
    },
  };
}

/** Themes for a batch, in one asynchronous call; empty texts get none (as in the per-record stage). */
export function batchThemesStage(tagger: BatchThemeTagger): Stage {
  return {
    name: 'tag-themes',
    run: async (items, ctx) => {
      const withText = items.filter((item) => item.text !== '');
      const mentions = await tagger.tagBatch(
        withText.map((item) => ({ text: item.text, lang: item.enrichment.lang ?? 'und', sentiment: item.sentimentAnalysis ?? UNSCORED })),
        ctx.signal,
      );
      for (const item of items) item.enrichment.themes = [];
      withText.forEach((item, index) => (item.enrichment.themes = mentions[index] ?? []));
      return items;
    },
  };
}
