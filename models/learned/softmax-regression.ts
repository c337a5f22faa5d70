import type { SparseVector } from './features.js';
import { seededRandom, shuffled } from './hashing.js';

/** Multinomial logistic regression weights: `weights[feature * classes + class]`, one bias per class. */
export interface SoftmaxWeights {
  readonly classes: number;
  readonly dimensions: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface SoftmaxTrainingOptions {
  readonly classes: number;
  /** Hash buckets plus dense features. */
  readonly dimensions: number;
  readonly epochs?: number;
  /** AdaGrad base step. */
  readonly learningRate?: number;
  /** L2 penalty, applied to the weights an example touches. */
  readonly l2?: number;
  /** Shuffle seed: the same seed and data give the same weights. */
  readonly seed?: number;
  /** Weigh each class by the inverse of its frequency, so a small class is not drowned out. */
  readonly balanced?: boolean;
}

export interface TrainingExample {
  readonly features: SparseVector;
  /** Class index, 0..classes−1. */
  readonly label: number;
  /** Example weight (default 1). */
  readonly weight?: number;
}

/**
 * Trains a multinomial logistic regression by stochastic gradient descent with
 * AdaGrad steps and L2, over seeded shuffles: deterministic for a seed.
 *
 * @example const model = trainSoftmax(examples, { classes: 3, dimensions: 1 << 18, seed: 1 })
 */
export function trainSoftmax(examples: readonly TrainingExample[], options: SoftmaxTrainingOptions): SoftmaxWeights {
  const { classes, dimensions } = options;
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`Expected \`classes\` to be an integer from 2 and up, got \`${classes}\``);
  const epochs = options.epochs ?? 6;
  const rate = options.learningRate ?? 0.2;
  const l2 = options.l2 ?? 1e-6;
  const weights = new Float32Array(dimensions * classes);
  const squared = new Float32Array(dimensions * classes);
  const bias = new Float32Array(classes);
  const biasSquared = new Float64Array(classes);
  const classWeight = balancedWeights(examples, classes, options.balanced ?? false);
  const random = seededRandom(options.seed ?? 1);
  const probabilities = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      if (example.label < 0 || example.label >= classes) throw new RangeError(`Expected a label from 0 to ${classes - 1}, got \`${example.label}\``);
      scoreInto({ classes, dimensions, weights, bias }, example.features, probabilities);
      const scale = (example.weight ?? 1) * (classWeight[example.label] as number);
      const { indices, values } = example.features;
      for (let c = 0; c < classes; c++) {
        const error = ((probabilities[c] as number) - (c === example.label ? 1 : 0)) * scale;
        biasSquared[c] = (biasSquared[c] as number) + error * error;
        bias[c] = (bias[c] as number) - (rate * error) / Math.sqrt((biasSquared[c] as number) + 1e-8);
        for (let k = 0; k < indices.length; k++) {
          const at = (indices[k] as number) * classes + c;
          const w = weights[at] as number;
          const gradient = error * (values[k] as number) + l2 * w;
          if (gradient === 0) continue;
          const g = (squared[at] as number) + gradient * gradient;
          squared[at] = g;
          weights[at] = w - (rate * gradient) / Math.sqrt(g + 1e-8);
        }
      }
    }
  }
  return { classes, dimensions, weights, bias };
}

/** Class probabilities of a feature vector at a temperature (1 = as trained), written into `out`. */
export function scoreInto(model: SoftmaxWeights, features: SparseVector, out: Float64Array, temperature = 1): Float64Array {
  return softmaxInPlace(logitsInto(model, features, out), temperature);
}

/** Raw class scores (before softmax) of a feature vector, written into `out`; features past the model's dimensions are ignored. */
export function logitsInto(model: SoftmaxWeights, features: SparseVector, out: Float64Array): Float64Array {
  const { classes, weights, bias, dimensions } = model;
  if (classes === 3) return threeLogitsInto(model, features, out);
  for (let c = 0; c < classes; c++) out[c] = bias[c] as number;
  const { indices, values } = features;
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k] as number;
    if (index >= dimensions) continue;
    const base = index * classes;
    const value = values[k] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + (weights[base + c] as number) * value;
  }
  return out;
}

/**
 * `logitsInto` for three classes (the sentiment models): the same sums in the same order, kept in
 * locals instead of written back to `out` after every feature, so the loop is loads and adds only.
 */
function threeLogitsInto(model: SoftmaxWeights, features: SparseVector, out: Float64Array): Float64Array {
  const { weights, bias, dimensions } = model;
  let first = bias[0] as number;
  let second = bias[1] as number;
  let third = bias[2] as number;
  const { indices, values } = features;
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k] as number;
    if (index >= dimensions) continue;
    const base = index * 3;
    const value = values[k] as number;
    first += (weights[base] as number) * value;
    second += (weights[base + 1] as number) * value;
    third += (weights[base + 2] as number) * value;
  }
  out[0] = first;
  out[1] = second;
  out[2] = third;
  return out;
}

/** Softmax of logits divided by a temperature, in place. */
export function softmaxInPlace(logits: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value / temperature);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c] as number) / temperature - max);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c] = (logits[c] as number) / sum;
  return logits;
}

function balancedWeights(examples: readonly TrainingExample[], classes: number, balanced: boolean): Float64Array {
  const weights = new Float64Array(classes).fill(1);
  if (!balanced) return weights;
  const counts = new Float64Array(classes);
  for (const example of examples) counts[example.label] = (counts[example.label] ?? 0) + 1;
  for (let c = 0; c < classes; c++) {
    const count = counts[c] as number;
    weights[c] = count === 0 ? 1 : examples.length / (classes * count);
  }
  return weights;
}
