import { seededRandom, shuffled } from '../learned/hashing.js';
import { logitsInto, type SoftmaxWeights } from '../learned/softmax-regression.js';
import { fitSigmoidTemperature, fitSoftmaxTemperature } from './calibration.js';
import { calibrate, toRows, type LabelModel, type ModelKind } from './label-model.js';
import { dequantise, quantise } from './quantise.js';
import { chooseThresholds, type ChosenThresholds, type ThresholdChoice } from './thresholds.js';
import { packExamples, unpackExamples } from './packed-examples.js';
import { createTrainingPool, type TrainingPool } from './training-pool.js';
import type { LinearTrainingOptions, MultiLabelExample } from './train-linear.js';

export interface LabelModelOptions {
  readonly threshold: ThresholdChoice;
  /** k of the k-fold cross-validation that fits the temperature and chooses the thresholds (default 3). */
  readonly folds?: number;
  readonly seed?: number;
  readonly epochs?: number;
  /** AdaGrad base step. */
  readonly learningRate?: number;
  readonly l2?: number;
  /** Buckets in fewer training texts are left out (default 1: every bucket seen; 2 halves the rows for a point of accuracy). */
  readonly minCount?: number;
  /** Where the fold and full models are fitted (default: this thread). The caller closes it. */
  readonly pool?: TrainingPool;
}

export interface TrainedLabelModel {
  readonly model: LabelModel;
  /** Out-of-fold scores of the chosen thresholds; null when there were too few texts to cross-validate. */
  readonly crossValidation: ChosenThresholds | null;
}

/**
 * Chosen by 3-fold cross-validation on BANKING77's train split only (micro-F1 0.8993 at
 * 10 epochs / step 0.2; 0.9024 here; 20 epochs no better; steps 0.05, 0.15, 0.4 worse).
 */
const EPOCHS = 15;
const LEARNING_RATE = 0.1;

/** Below this many texts there is no cross-validation: temperature 1, the fixed threshold or 0.5, no floor. */
const MIN_FOR_CV = 10;

/**
 * Trains a label model on hashed feature vectors: k-fold cross-validation first
 * (each fold's held-out texts fit a calibration temperature; their out-of-fold
 * probabilities choose the thresholds and the top-1 floor), then the model on every
 * text, blended with the fold models and quantised. Deterministic for a seed.
 *
 * @example const { model, crossValidation } = await trainLabelModel(examples, ['fees', 'app'], { threshold: 'auto' })
 */
export async function trainLabelModel(examples: readonly MultiLabelExample[], labels: readonly string[], options: LabelModelOptions): Promise<TrainedLabelModel> {
  // Vocabulary and IDF from every text, held-out folds included: they use no label.
  const { rowOf, idf } = vocabulary(examples, options.minCount ?? 1);
  const packed = packExamples(examples.map((example) => ({ features: toRows(example.features, rowOf, idf), labels: example.labels })));
  const compact = unpackExamples(packed, null);
  const kind: ModelKind = labels.length >= 2 && compact.every((example) => example.labels.length === 1) ? 'softmax' : 'one-vs-rest';
  const pool = options.pool ?? createTrainingPool(1);
  const fit = (subset: Int32Array | null): Promise<SoftmaxWeights> => pool.train({ examples: packed, subset, options: linearOptions(kind, labels.length, rowOf.size, options) });
  const folds = Math.min(options.folds ?? 3, Math.floor(compact.length / 2));
  const fixed = options.threshold === 'auto' ? 0.5 : options.threshold;
  const crossValidate = labels.length > 0 && compact.length >= MIN_FOR_CV && folds >= 2;
  const foldOf = new Int32Array(compact.length);
  if (crossValidate) shuffled([...compact.keys()], seededRandom(options.seed ?? 1)).forEach((index, position) => (foldOf[index] = position % folds));
  const inFold = (fold: number, held: boolean): Int32Array => Int32Array.from(compact.keys()).filter((index) => (foldOf[index] === fold) === held);
  // Every fit is queued at once (the full model first: it is the longest); the pool runs them on its threads.
  const [full, ...foldModels] = await Promise.all([
    labels.length === 0 ? Promise.resolve(emptyWeights()) : fit(null),
    ...(crossValidate ? Array.from({ length: folds }, (_, fold) => fit(inFold(fold, false))) : []),
  ]);
  let temperature = 1;
  let crossValidation: ChosenThresholds | null = null;
  if (crossValidate) {
    const logits: Float64Array[] = new Array<Float64Array>(compact.length);
    const temperatures = foldModels.map((weights, fold) => {
      const heldOut = inFold(fold, true);
      for (const index of heldOut) logits[index] = logitsInto(weights, (compact[index] as MultiLabelExample).features, new Float64Array(labels.length));
      return fitTemperatureOf(kind, Array.from(heldOut, (index) => logits[index] as Float64Array), Array.from(heldOut, (index) => (compact[index] as MultiLabelExample).labels));
    });
    temperature = Math.round((temperatures.reduce((sum, t) => sum + t, 0) / temperatures.length) * 100) / 100;
    const outOfFold = logits.map((row) => calibrate(kind, Float64Array.from(row), temperature));
    crossValidation = chooseThresholds(outOfFold, compact.map((example) => example.labels), options.threshold);
  }
  const weights = blend(full, foldModels);
  const quantised = quantise(weights);
  return {
    model: {
      kind,
      labels,
      weights: dequantise(quantised, weights.bias),
      quantum: quantised.scale,
      rowOf,
      idf,
      temperature,
      thresholds: crossValidation?.thresholds ?? labels.map(() => fixed),
      floor: crossValidation?.floor ?? 1.01,
    },
    crossValidation,
  };
}

function emptyWeights(): SoftmaxWeights {
  return { classes: 0, dimensions: 0, weights: new Float32Array(0), bias: new Float32Array(0) };
}

/**
 * Half the model trained on every text, half the mean of the fold models. Scores are
 * linear in the weights, so this is a bagged ensemble at no extra training or file
 * cost (about half a point of accuracy on a validation split of BANKING77's train split).
 */
/* In place; the folds are summed in fold order, so the bits do not depend on which thread finished first. */
function blend(full: SoftmaxWeights, folds: readonly SoftmaxWeights[]): SoftmaxWeights {
  if (folds.length === 0) return full;
  const mix = (own: Float32Array, of: (model: SoftmaxWeights) => Float32Array): void => {
    const theirs = folds.map(of);
    for (let i = 0; i < own.length; i++) {
      let sum = 0;
      for (const array of theirs) sum += array[i] as number;
      own[i] = (own[i] as number) / 2 + sum / (2 * folds.length);
    }
  };
  mix(full.weights, (model) => model.weights);
  mix(full.bias, (model) => model.bias);
  return full;
}

function linearOptions(kind: ModelKind, classes: number, dimensions: number, options: LabelModelOptions): LinearTrainingOptions {
  const loss = kind === 'softmax' ? 'softmax' : 'sigmoid';
  return { loss, classes, dimensions, seed: options.seed ?? 1, epochs: options.epochs ?? EPOCHS, learningRate: options.learningRate ?? LEARNING_RATE, l2: options.l2 ?? 1e-6 };
}

function fitTemperatureOf(kind: ModelKind, logits: readonly Float64Array[], gold: readonly (readonly number[])[]): number {
  return kind === 'softmax' ? fitSoftmaxTemperature(logits, gold.map((labels) => labels[0] ?? 0)) : fitSigmoidTemperature(logits, gold);
}

/** The buckets in at least `minCount` texts, numbered in bucket order (the file's order), with their smoothed IDF. */
function vocabulary(examples: readonly MultiLabelExample[], minCount: number): { rowOf: Map<number, number>; idf: Float32Array } {
  const counts = new Map<number, number>();
  for (const example of examples) for (const bucket of new Set(example.features.indices)) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const kept = [...counts].filter(([, count]) => count >= minCount).sort((a, b) => a[0] - b[0]);
  const rowOf = new Map(kept.map(([bucket], row) => [bucket, row]));
  return { rowOf, idf: Float32Array.from(kept, ([, count]) => Math.log((1 + examples.length) / (1 + count)) + 1) };
}
