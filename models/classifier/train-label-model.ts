import { fitTemperature } from '../learned/calibration.js';
import type { SparseVector } from '../learned/features.js';
import { seededRandom, shuffled } from '../learned/hashing.js';
import { logitsInto, type SoftmaxWeights } from '../learned/softmax-regression.js';
import { fitSigmoidTemperature } from './calibration.js';
import { calibrate, toRows, type LabelModel, type ModelKind } from './label-model.js';
import { dequantise, quantise } from './quantise.js';
import { chooseThresholds, type ChosenThresholds, type ThresholdChoice } from './thresholds.js';
import { trainLinear, type MultiLabelExample } from './train-linear.js';

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
}

export interface TrainedLabelModel {
  readonly model: LabelModel;
  /** Out-of-fold scores of the chosen thresholds; null when there were too few texts to cross-validate. */
  readonly crossValidation: ChosenThresholds | null;
}

/** Below this many texts there is no cross-validation: temperature 1, the fixed threshold or 0.5, no floor. */
const MIN_FOR_CV = 10;

/**
 * Trains a label model on hashed feature vectors: k-fold cross-validation first
 * (each fold's held-out texts fit a calibration temperature; their out-of-fold
 * probabilities choose the thresholds and the top-1 floor), then the model on every
 * text, blended with the fold models and quantised. Deterministic for a seed.
 *
 * @example const { model, crossValidation } = trainLabelModel(examples, ['fees', 'app'], { threshold: 'auto' })
 */
export function trainLabelModel(examples: readonly MultiLabelExample[], labels: readonly string[], options: LabelModelOptions): TrainedLabelModel {
  // Vocabulary and IDF from every text, held-out folds included: they use no label.
  const { rowOf, idf } = vocabulary(examples, options.minCount ?? 1);
  const compact = examples.map((example) => ({ features: toRows(example.features, rowOf, idf), labels: example.labels }));
  const kind: ModelKind = labels.length >= 2 && compact.every((example) => example.labels.length === 1) ? 'softmax' : 'one-vs-rest';
  const fit = (subset: readonly MultiLabelExample[]): SoftmaxWeights => fitWeights(kind, subset, labels.length, rowOf.size, options);
  const folds = Math.min(options.folds ?? 3, Math.floor(compact.length / 2));
  const fixed = options.threshold === 'auto' ? 0.5 : options.threshold;
  let temperature = 1;
  const foldModels: SoftmaxWeights[] = [];
  let crossValidation: ChosenThresholds | null = null;
  if (labels.length > 0 && compact.length >= MIN_FOR_CV && folds >= 2) {
    const foldOf = new Int32Array(compact.length);
    shuffled([...compact.keys()], seededRandom(options.seed ?? 1)).forEach((index, position) => (foldOf[index] = position % folds));
    const logits: Float64Array[] = new Array<Float64Array>(compact.length);
    const temperatures: number[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const heldOut = compact.filter((_, index) => foldOf[index] === fold);
      const weights = fit(compact.filter((_, index) => foldOf[index] !== fold));
      temperatures.push(fitTemperatureOf(kind, weights, heldOut));
      foldModels.push(weights);
      compact.forEach((example, index) => {
        if (foldOf[index] === fold) logits[index] = logitsInto(weights, example.features, new Float64Array(labels.length));
      });
    }
    temperature = Math.round((temperatures.reduce((sum, t) => sum + t, 0) / temperatures.length) * 100) / 100;
    const outOfFold = logits.map((row) => calibrate(kind, Float64Array.from(row), temperature));
    crossValidation = chooseThresholds(outOfFold, compact.map((example) => example.labels), options.threshold);
  }
  const weights = labels.length === 0 ? { classes: 0, dimensions: 0, weights: new Float32Array(0), bias: new Float32Array(0) } : blend(fit(compact), foldModels);
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

/**
 * Half the model trained on every text, half the mean of the fold models. Scores are
 * linear in the weights, so this is a bagged ensemble at no extra training or file
 * cost (about half a point of accuracy on a validation split of BANKING77's train split).
 */
function blend(full: SoftmaxWeights, folds: readonly SoftmaxWeights[]): SoftmaxWeights {
  if (folds.length === 0) return full;
  const mix = (own: Float32Array, of: (model: SoftmaxWeights) => Float32Array): Float32Array =>
    own.map((value, i) => value / 2 + folds.reduce((sum, model) => sum + (of(model)[i] as number), 0) / (2 * folds.length));
  return { ...full, weights: mix(full.weights, (model) => model.weights), bias: mix(full.bias, (model) => model.bias) };
}

function fitWeights(kind: ModelKind, examples: readonly MultiLabelExample[], classes: number, dimensions: number, options: LabelModelOptions): SoftmaxWeights {
  const loss = kind === 'softmax' ? 'softmax' : 'sigmoid';
  return trainLinear(examples, { loss, classes, dimensions, seed: options.seed ?? 1, epochs: options.epochs ?? 10, learningRate: options.learningRate ?? 0.2, l2: options.l2 ?? 1e-6 });
}

function fitTemperatureOf(kind: ModelKind, weights: SoftmaxWeights, heldOut: readonly { readonly features: SparseVector; readonly labels: readonly number[] }[]): number {
  if (kind === 'softmax') return fitTemperature(weights, heldOut.map((example) => ({ features: example.features, label: example.labels[0] ?? 0 })));
  return fitSigmoidTemperature(heldOut.map((example) => logitsInto(weights, example.features, new Float64Array(weights.classes))), heldOut.map((example) => example.labels));
}

/** The buckets in at least `minCount` texts, numbered in bucket order (the file's order), with their smoothed IDF. */
function vocabulary(examples: readonly MultiLabelExample[], minCount: number): { rowOf: Map<number, number>; idf: Float32Array } {
  const counts = new Map<number, number>();
  for (const example of examples) for (const bucket of new Set(example.features.indices)) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const kept = [...counts].filter(([, count]) => count >= minCount).sort((a, b) => a[0] - b[0]);
  const rowOf = new Map(kept.map(([bucket], row) => [bucket, row]));
  return { rowOf, idf: Float32Array.from(kept, ([, count]) => Math.log((1 + examples.length) / (1 + count)) + 1) };
}
