import type { Stage } from '../../pipeline/stage.js';
import type { ThemeMention } from '../../pipeline/verbatim.js';
import type { SentimentAnalysis, SentimentModel, ThemeTagger } from '../types.js';

export interface SentimentInput {
  readonly text: string;
  readonly lang: string;
}

/**
 * A sentiment model that infers a whole batch at once (the transformer tier).
 * `analyze` stays available for per-record callers and may be less accurate.
 */
export interface BatchSentimentModel extends SentimentModel {
  analyzeBatch(inputs: readonly SentimentInput[], signal: AbortSignal): Promise<SentimentAnalysis[]>;
}

export interface ThemeInput extends SentimentInput {
  readonly sentiment: SentimentAnalysis;
}

/** A theme tagger that embeds a whole batch at once; `tag` stays available per record. */
export interface BatchThemeTagger extends ThemeTagger {
  tagBatch(inputs: readonly ThemeInput[], signal: AbortSignal): Promise<ThemeMention[][]>;
}

export function isBatchSentimentModel(model: SentimentModel): model is BatchSentimentModel {
  return typeof (model as Partial<BatchSentimentModel>).analyzeBatch === 'function';
}

export function isBatchThemeTagger(tagger: ThemeTagger): tagger is BatchThemeTagger {
  return typeof (tagger as Partial<BatchThemeTagger>).tagBatch === 'function';
}

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
