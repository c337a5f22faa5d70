import type { ThemeMention } from '../../core/verbatim.js';
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
