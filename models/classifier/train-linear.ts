import type { SparseVector } from '../learned/features.js';
import { seededRandom, shuffled } from '../learned/hashing.js';
import { logitsInto, softmaxInPlace, type SoftmaxWeights } from '../learned/softmax-regression.js';

export interface MultiLabelExample {
  readonly features: SparseVector;
  /** Label indices, 0..classes−1: exactly one for a softmax model; none, one or several for one-vs-rest. */
  readonly labels: readonly number[];
}

export interface LinearTrainingOptions {
  /** `softmax`: the labels compete (one a text); `sigmoid`: one binary model per label (one-vs-rest). */
  readonly loss: 'softmax' | 'sigmoid';
  readonly classes: number;
  readonly dimensions: number;
  readonly epochs?: number;
  /** AdaGrad base step. */
  readonly learningRate?: number;
  /** L2 penalty, applied to the weights an example touches. */
  readonly l2?: number;
  readonly seed?: number;
}

/** A label whose error is under this changes by nothing worth a square root per feature: skipped. */
const NEGLIGIBLE = 1e-3;

/**
 * Multinomial or one-vs-rest logistic regression by SGD with AdaGrad steps and L2
 * over seeded shuffles, in the learned sentiment model's weight layout (it scores
 * with `logitsInto`). Unlike `trainSoftmax`, labels an example is already sure about
 * are not updated: with tens of labels that is most of them after one epoch, which
 * makes training several times faster for the same model within rounding.
 *
 * @example const weights = trainLinear(examples, { loss: 'softmax', classes: 77, dimensions: rows, seed: 1 })
 */
export function trainLinear(examples: readonly MultiLabelExample[], options: LinearTrainingOptions): SoftmaxWeights {
  const { classes, dimensions } = options;
  const rate = options.learningRate ?? 0.2;
  const l2 = options.l2 ?? 1e-6;
  const weights = new Float32Array(dimensions * classes);
  const squared = new Float32Array(dimensions * classes);
  const bias = new Float32Array(classes);
  const biasSquared = new Float64Array(classes);
  const model = { classes, dimensions, weights, bias };
  if (options.loss === 'sigmoid') startAtBaseRates(examples, bias);
  const random = seededRandom(options.seed ?? 1);
  const scores = new Float64Array(classes);
  const activeClass = new Int32Array(classes);
  const activeError = new Float64Array(classes);
  const epochs = options.epochs ?? 10;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      logitsInto(model, example.features, scores);
      if (options.loss === 'softmax') softmaxInPlace(scores);
      else for (let c = 0; c < classes; c++) scores[c] = 1 / (1 + Math.exp(-(scores[c] as number)));
      // The labels worth updating, then one pass over the features: each feature's row is contiguous in memory.
      let active = 0;
      for (let c = 0; c < classes; c++) {
        const error = (scores[c] as number) - (example.labels.includes(c) ? 1 : 0);
        if (Math.abs(error) < NEGLIGIBLE) continue;
        activeClass[active] = c;
        activeError[active++] = error;
        biasSquared[c] = (biasSquared[c] as number) + error * error;
        bias[c] = (bias[c] as number) - (rate * error) / Math.sqrt((biasSquared[c] as number) + 1e-8);
      }
      const { indices, values } = example.features;
      for (let k = 0; k < indices.length; k++) {
        const base = (indices[k] as number) * classes;
        const value = values[k] as number;
        for (let a = 0; a < active; a++) {
          const at = base + (activeClass[a] as number);
          const w = weights[at] as number;
          const gradient = (activeError[a] as number) * value + l2 * w;
          const g = (squared[at] as number) + gradient * gradient;
          squared[at] = g;
          weights[at] = w - (rate * gradient) / Math.sqrt(g + 1e-8);
        }
      }
    }
  }
  return model;
}

/** Each label starts at its base rate, so a rare theme is not predicted everywhere in the first epoch. */
function startAtBaseRates(examples: readonly MultiLabelExample[], bias: Float32Array): void {
  const positives = new Float64Array(bias.length);
  for (const example of examples) for (const label of example.labels) positives[label] = (positives[label] as number) + 1;
  for (let c = 0; c < bias.length; c++) bias[c] = Math.log(((positives[c] as number) + 0.5) / (examples.length - (positives[c] as number) + 0.5));
}
