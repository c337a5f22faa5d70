import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import type { LabelScorer } from '../classifier/label-scorer.js';
import type { SentimentModel } from '../types.js';
import { loadCombinedSentiment } from './combined-file.js';
import { CombinedSentimentModel } from './combined-sentiment-model.js';
import { loadLearnedSentimentModel } from './default-sentiment.js';

/** The shipped combined sentiment model (`npm run train:models` rebuilds it with the learned model). */
export const DEFAULT_COMBINED_MODEL_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'sentiment-combined.json');

/** Candidate weights of a labelled CX verbatim against one public text, chosen among by cross-validation. */
export const COMBINED_CX_WEIGHTS: readonly number[] = [50, 100, 150, 200, 300, 450, 600];

/**
 * The combined sentiment (French, English) over the shipped learned model, the given
 * lexicon-and-rules model and the bundled CX classifier (`undefined`: none; its features read 0).
 *
 * @example const sentiment = await loadCombinedSentimentModel(rules, scorers.sentiment)
 */
export async function loadCombinedSentimentModel(rules: SentimentModel, classifier: LabelScorer | undefined, file = DEFAULT_COMBINED_MODEL_PATH): Promise<CombinedSentimentModel> {
  const [learned, meta] = await Promise.all([loadLearnedSentimentModel(), loadCombinedSentiment(file)]);
  return new CombinedSentimentModel({ learned, rules, classifier }, meta, `sentiment-combined-w${meta.training.cxWeight}+${learned.version}`);
}
