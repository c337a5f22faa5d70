import { fitTemperature } from './calibration.js';
import { DENSE_FEATURES, extractFeatures, type FeatureSettings, type SparseVector } from './features.js';
import { seededRandom, shuffled } from './hashing.js';
import { CompiledLexicons, type Lexicons } from './lexicon-features.js';
import { SENTIMENT_MODEL_FORMAT, type LearnedSentimentFile } from './model-file.js';
import { logitsInto, trainSoftmax, type SoftmaxWeights } from './softmax-regression.js';
import { POLARITY_LABELS, type PolarityExample } from './training-corpora.js';

/** The shipped model's features: 2^18 buckets, words (negation-marked), bigrams, 3–5 character n-grams, lexicons, the rule score. */
export const DEFAULT_FEATURES: FeatureSettings = {
  buckets: 1 << 18,
  charNgrams: { min: 3, max: 5 },
  wordBigrams: true,
  negation: true,
  ruleScore: true,
};

export interface SentimentTrainingOptions {
  readonly lexicons: Lexicons | null;
  readonly features?: FeatureSettings;
  readonly seed?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** k of the k-fold cross-validation (0: none, temperature 1). */
  readonly folds?: number;
  /** Called with progress lines (fold scores). */
  readonly log?: (line: string) => void;
  /** Called with each cross-validation fold's model: the basis of out-of-fold predictions (stacking). */
  readonly onFold?: (fold: FoldModel) => void;
}

/** One cross-validation fold: its model (calibrated on its held-out texts) and which examples it never saw. */
export interface FoldModel {
  readonly fold: number;
  readonly file: LearnedSentimentFile;
  /** Indices into the training examples held out of this fold's model. */
  readonly heldOut: readonly number[];
}

interface Featurized {
  readonly features: SparseVector;
  readonly label: number;
  readonly corpus: string;
  readonly weight: number;
  readonly index: number;
}

/**
 * Trains the learned sentiment model: k-fold cross-validation first (scores per
 * corpus, and a calibration temperature fitted on each held-out fold, averaged),
 * then the final model on every example. Deterministic for a seed.
 *
 * @example const file = trainSentiment(examples, { lexicons: await buildLexicons(), folds: 5 })
 */
export function trainSentiment(examples: readonly PolarityExample[], options: SentimentTrainingOptions): LearnedSentimentFile {
  const settings = options.features ?? DEFAULT_FEATURES;
  const seed = options.seed ?? 16;
  const epochs = options.epochs ?? 5;
  const compiled = options.lexicons === null ? null : new CompiledLexicons(options.lexicons);
  const data: Featurized[] = examples.map((example, index) => ({
    features: extractFeatures(example.text, example.lang, settings, compiled),
    label: POLARITY_LABELS.indexOf(example.label),
    corpus: example.corpus,
    weight: example.weight ?? 1,
    index,
  }));
  const dimensions = settings.buckets + (compiled === null ? 0 : DENSE_FEATURES.length);
  const fit = (items: readonly Featurized[]): SoftmaxWeights =>
    trainSoftmax(items, {
      classes: POLARITY_LABELS.length,
      dimensions,
      epochs,
      seed,
      balanced: true,
      ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
      ...(options.l2 === undefined ? {} : { l2: options.l2 }),
    });
  const crossValidation: Record<string, number> = {};
  const counts = new Map<string, number>();
  for (const example of examples) counts.set(example.corpus, (counts.get(example.corpus) ?? 0) + 1);
  const fileOf = (model: SoftmaxWeights, t: number): LearnedSentimentFile => ({
    format: SENTIMENT_MODEL_FORMAT,
    labels: POLARITY_LABELS,
    features: settings,
    temperature: t,
    model,
    lexicons: options.lexicons ?? { afinn: {}, vader: {}, frenchStems: {} },
    training: { corpora: [...counts].map(([name, texts]) => ({ name, texts })), seed, epochs, crossValidation },
  });
  const folds = options.folds ?? 5;
  const temperatures: number[] = [];
  if (folds >= 2) {
    const order = shuffled(data, seededRandom(seed + 1));
    const predictions: { label: number; guess: number; corpus: string }[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const train = order.filter((_, index) => index % folds !== fold);
      const heldOut = order.filter((_, index) => index % folds === fold);
      const model = fit(train);
      temperatures.push(fitTemperature(model, heldOut));
      options.onFold?.({ fold, file: fileOf(model, temperatures.at(-1) ?? 1), heldOut: heldOut.map((item) => item.index) });
      for (const item of heldOut) predictions.push({ label: item.label, guess: argmax(logitsInto(model, item.features, new Float64Array(POLARITY_LABELS.length))), corpus: item.corpus });
      options.log?.(`fold ${fold + 1}/${folds}: temperature ${temperatures.at(-1)}`);
    }
    Object.assign(crossValidation, scoresByCorpus(predictions));
  }
  const temperature = temperatures.length === 0 ? 1 : Math.round((temperatures.reduce((a, b) => a + b, 0) / temperatures.length) * 100) / 100;
  return fileOf(fit(data), temperature);
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Accuracy and macro-F1 (over the classes present in gold) overall and per corpus. */
export function scoresByCorpus(predictions: readonly { label: number; guess: number; corpus: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  const groups = new Map<string, { label: number; guess: number }[]>([['all', [...predictions]]]);
  for (const item of predictions) groups.set(item.corpus, [...(groups.get(item.corpus) ?? []), item]);
  for (const [name, items] of groups) {
    out[`${name}.accuracy`] = round(items.filter((item) => item.label === item.guess).length / items.length);
    out[`${name}.macro_f1`] = round(macroF1(items));
  }
  return out;
}

/** Macro-F1 over the classes that occur in the gold labels. */
export function macroF1(items: readonly { readonly label: number; readonly guess: number }[]): number {
  const classes = [...new Set(items.map((item) => item.label))];
  if (classes.length === 0) return 0;
  let sum = 0;
  for (const c of classes) {
    const tp = items.filter((item) => item.label === c && item.guess === c).length;
    const fp = items.filter((item) => item.label !== c && item.guess === c).length;
    const fn = items.filter((item) => item.label === c && item.guess !== c).length;
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / classes.length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
