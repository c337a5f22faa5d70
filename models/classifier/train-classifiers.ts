import { SENTIMENT_LABELS, type JourneyStep, type SentimentLabel } from '../../core/vocabulary.js';
import { trainLogisticRegression, type BinaryModel } from './logistic-regression.js';
import { textFeatures } from './text-features.js';
import type { LabelModels, TrainedClassifiers } from './trained-classifiers.js';

/** A labelled verbatim: the text, its language, its overall sentiment, the themes it mentions and its journey step. */
export interface LabelledExample {
  readonly text: string;
  readonly lang: string;
  /** Null when the labeller gave none: the example then teaches themes and journey only. */
  readonly sentiment: SentimentLabel | null;
  readonly themes: readonly string[];
  readonly journey: JourneyStep | null;
}

export interface TrainOptions {
  readonly themeIds: readonly string[];
  readonly journeySteps: readonly string[];
  readonly now: Date;
  /** Probability from which the classifier adds a theme the rules missed. */
  readonly themeThreshold?: number;
  /** Probability from which the classifier's step is taken when the rules found none. */
  readonly journeyThreshold?: number;
  /** Probability from which the classifier's sentiment label replaces the lexicon's. */
  readonly sentimentThreshold?: number;
}

/** Themes' features plus the theme ids found, for the journey classifier (a complaint theme points at a step). */
export function journeyFeatures(text: string, lang: string, themes: readonly string[]): string[] {
  return [...textFeatures(text, lang), ...themes.map((theme) => `t:${theme}`)];
}

/**
 * Trains one-vs-rest logistic regressions for every theme and every journey step
 * with at least one positive example.
 *
 * @example const classifiers = trainClassifiers(examples, { themeIds, journeySteps: JOURNEY_STEPS, now: new Date() });
 */
export function trainClassifiers(examples: readonly LabelledExample[], options: TrainOptions): TrainedClassifiers {
  const themeInputs = examples.map((example) => textFeatures(example.text, example.lang));
  const journeyInputs = examples.map((example) => journeyFeatures(example.text, example.lang, example.themes));
  const withStep = examples.map((example, index) => ({ example, features: journeyInputs[index] ?? [] })).filter((item) => item.example.journey !== null);
  return {
    format: 'verbatim-classifiers/2',
    trainedAt: options.now.toISOString(),
    examples: examples.length,
    // The lexicon is right most of the time; the classifier overrides it only when quite sure (tuned on our own labelled sets).
    sentiment: oneVsRest(SENTIMENT_LABELS, options.sentimentThreshold ?? 0.8, (label) =>
      examples.flatMap((example, index) => (example.sentiment === null ? [] : [{ features: themeInputs[index] ?? [], label: example.sentiment === label }])),
    ),
    themes: oneVsRest(options.themeIds, options.themeThreshold ?? 0.8, (label) =>
      examples.map((example, index) => ({ features: themeInputs[index] ?? [], label: example.themes.includes(label) })),
    ),
    // Steps are learnt from the examples that have one: "no step" is left to the rules and the threshold.
    journey: oneVsRest(options.journeySteps, options.journeyThreshold ?? 0.8, (label) =>
      withStep.map((item) => ({ features: item.features, label: item.example.journey === label })),
    ),
  };
}

function oneVsRest(labels: readonly string[], threshold: number, examplesOf: (label: string) => { features: readonly string[]; label: boolean }[]): LabelModels {
  const models: Record<string, BinaryModel> = {};
  for (const label of labels) {
    const examples = examplesOf(label);
    if (examples.some((example) => example.label)) models[label] = trainLogisticRegression(examples);
  }
  return { threshold, models };
}
