import { SENTIMENT_LABELS } from '../../core/vocabulary.js';
import type { SparseVector } from '../learned/features.js';
import type { TaggerFeatureSettings } from './hashed-features.js';
import { featurize, TAGGER_FEATURES } from './hashed-features.js';
import type { LabelModel } from './label-model.js';
import { TermPriors, type LabelTerms } from './term-priors.js';
import type { ChosenThresholds, ThresholdChoice } from './thresholds.js';
import { trainLabelModel } from './train-label-model.js';
import { createTrainingPool, defaultTrainingThreads } from './training-pool.js';
import type { LabelledExample } from './train-classifiers.js';

export const HASHED_CLASSIFIERS_FORMAT = 'verbatim-classifiers/3';

/** What `verbatim train` writes: hashed-feature linear models for sentiment, themes and journey steps. */
export interface HashedClassifiers {
  readonly format: typeof HASHED_CLASSIFIERS_FORMAT;
  readonly trainedAt: string;
  readonly examples: number;
  readonly features: TaggerFeatureSettings;
  /** The taxonomy's terms and phrases per theme: each hit is a feature (`prior:<theme>`). */
  readonly terms: Readonly<Record<string, LabelTerms>>;
  readonly sentiment: LabelModel;
  readonly themes: LabelModel;
  readonly journey: LabelModel;
}

export interface HashedTrainOptions {
  readonly themeIds: readonly string[];
  readonly journeySteps: readonly string[];
  readonly now: Date;
  readonly terms?: Readonly<Record<string, LabelTerms>>;
  /** Themes' and steps' thresholds (default `auto`: chosen per label by cross-validation). */
  readonly threshold?: ThresholdChoice;
  /** The classifier's sentiment replaces the lexicon's from this probability (it corrects a model, so it must be sure). */
  readonly sentimentThreshold?: number;
  readonly folds?: number;
  readonly seed?: number;
  /** Threads that fit the fold and full models (default: one per core). The file is the same bytes whatever the count. */
  readonly threads?: number;
}

export interface HashedTraining {
  readonly classifiers: HashedClassifiers;
  /** Out-of-fold scores per model (null: too few labelled texts to cross-validate). */
  readonly crossValidation: { readonly themes: ChosenThresholds | null; readonly journey: ChosenThresholds | null; readonly sentiment: ChosenThresholds | null };
}

/**
 * Side features of a text: its taxonomy term hits and, for the journey, the themes found.
 * Shared by training and scoring so both see the same vector.
 */
export function sideFeatures(priors: TermPriors, text: string, lang: string, themes?: readonly string[]): string[] {
  const side = priors.labelsIn(text, lang).map((theme) => `prior:${theme}`);
  if (themes !== undefined) for (const theme of themes) side.push(`t:${theme}`);
  return side;
}

/**
 * Trains the three models from labelled verbatims. Themes: one-vs-rest (a text has
 * any number), or softmax when every text has exactly one; steps and sentiment:
 * softmax over the texts that have one. Labels with no example are left out.
 *
 * @example const { classifiers, crossValidation } = await trainHashedClassifiers(examples, { themeIds, journeySteps: JOURNEY_STEPS, now: new Date() })
 */
export async function trainHashedClassifiers(examples: readonly LabelledExample[], options: HashedTrainOptions): Promise<HashedTraining> {
  const terms = options.terms ?? {};
  const priors = new TermPriors(terms);
  const settings = TAGGER_FEATURES;
  const pool = createTrainingPool(options.threads ?? defaultTrainingThreads());
  const common = { ...(options.folds === undefined ? {} : { folds: options.folds }), seed: options.seed ?? 16, pool };
  const vector = (example: LabelledExample, themes?: readonly string[]): SparseVector =>
    featurize(example.text, example.lang, settings, sideFeatures(priors, example.text, example.lang, themes));
  const textVectors = examples.map((example) => vector(example));

  const themeIds = options.themeIds.filter((id) => examples.some((example) => example.themes.includes(id)));
  // The three models share the pool: their fits interleave on its threads.
  const themes = trainLabelModel(
    examples.map((example, index) => ({ features: textVectors[index] as SparseVector, labels: example.themes.map((theme) => themeIds.indexOf(theme)).filter((i) => i >= 0) })),
    themeIds,
    { ...common, threshold: options.threshold ?? 'auto' },
  );

  const withStep = examples.filter((example) => example.journey !== null);
  const steps = options.journeySteps.filter((step) => withStep.some((example) => example.journey === step));
  const journey = trainLabelModel(
    withStep.map((example) => ({ features: vector(example, example.themes), labels: [steps.indexOf(example.journey ?? '')].filter((i) => i >= 0) })),
    steps,
    { ...common, threshold: options.threshold ?? 'auto' },
  );

  const withSentiment = examples.map((example, index) => ({ example, index })).filter(({ example }) => example.sentiment !== null);
  const moods = SENTIMENT_LABELS.filter((label) => withSentiment.some(({ example }) => example.sentiment === label));
  const sentiment = trainLabelModel(
    withSentiment.map(({ example, index }) => ({ features: textVectors[index] as SparseVector, labels: [moods.indexOf(example.sentiment ?? 'neutral')] })),
    moods,
    { ...common, threshold: options.sentimentThreshold ?? 0.8 },
  );
  const [themeModel, journeyModel, sentimentModel] = await Promise.all([themes, journey, sentiment]).finally(() => pool.close());

  return {
    classifiers: {
      format: HASHED_CLASSIFIERS_FORMAT,
      trainedAt: options.now.toISOString(),
      examples: examples.length,
      features: settings,
      terms,
      sentiment: sentimentModel.model,
      themes: themeModel.model,
      journey: journeyModel.model,
    },
    crossValidation: { themes: themeModel.crossValidation, journey: journeyModel.crossValidation, sentiment: sentimentModel.crossValidation },
  };
}
