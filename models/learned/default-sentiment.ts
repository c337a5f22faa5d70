import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { LearnedSentimentModel } from './learned-sentiment-model.js';
import { loadLearnedSentiment } from './model-file.js';
import { SentimentClassifier } from './sentiment-classifier.js';

/** The shipped learned sentiment model (`npm run train:models` rebuilds it). */
/** Chosen by 5-fold cross-validation on the training data (CX folds' macro-F1 train/holdout: weight 1 → 0.51/0.58, 10 → 0.59/0.70, 30 → 0.60/0.76, 100 → 0.61/0.77 with the other corpora dropping). */
const CX_WEIGHT = 30;

export const DEFAULT_SENTIMENT_MODEL_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'sentiment.json.gz');

/** A training file (relative to the package root) and how much each of its texts counts. */
export interface TrainingCorpus {
  readonly file: string;
  readonly weight: number;
}

/**
 * What the shipped model is trained on: the recorded public corpora (models/README.md)
 * and our labelled CX verbatims, which count more since they are the domain we score.
 */
export const TRAINING_CORPORA: readonly TrainingCorpus[] = [
  { file: 'models/training/data/tweeteval-sentiment-en.jsonl', weight: 1 },
  { file: 'models/training/data/xlmt-umsab-tweets-fr-en.jsonl', weight: 1 },
  { file: 'models/training/data/uci-sentiment-sentences-en.jsonl', weight: 1 },
  { file: 'models/training/data/fr-book-reviews.jsonl', weight: 1 },
  { file: 'models/training/data/amazon-cls-reviews-fr.jsonl.gz', weight: 1 },
  { file: 'models/training/data/android-app-reviews-en.jsonl.gz', weight: 1 },
  { file: 'models/training/data/fr-restaurant-reviews.jsonl', weight: 1 },
  { file: 'models/training/data/trustpilot-food-delivery.jsonl', weight: 1 },
  { file: 'models/training/data/fr-shop-reviews-trustpilot.jsonl', weight: 1 },
  { file: 'samples/labels/cx-train.jsonl', weight: CX_WEIGHT },
  { file: 'samples/labels/cx-holdout.jsonl', weight: CX_WEIGHT },
];

const loadedModels = new Map<string, Promise<LearnedSentimentModel>>();

/** Loads a learned sentiment model file as a `SentimentModel` (fr, en); each file is read once per process (the model is immutable). */
export function loadLearnedSentimentModel(file = DEFAULT_SENTIMENT_MODEL_PATH): Promise<LearnedSentimentModel> {
  let model = loadedModels.get(file);
  if (model === undefined) {
    model = loadLearnedSentiment(file).then(
      (loaded) => new LearnedSentimentModel(new SentimentClassifier(loaded), `sentiment-learned-${loaded.format.split('/')[1]}-t${loaded.temperature}`),
    );
    // A failed load is not cached: the next call retries (and reports) it.
    model.catch(() => loadedModels.delete(file));
    loadedModels.set(file, model);
  }
  return model;
}
