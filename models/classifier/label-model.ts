import type { SparseVector } from '../learned/features.js';
import { logitsInto, softmaxInPlace, type SoftmaxWeights } from '../learned/softmax-regression.js';

/**
 * `softmax` when every training example had exactly one label (intents, journey
 * steps): the labels compete. `one-vs-rest` otherwise (themes: none, one or several a text).
 */
export type ModelKind = 'softmax' | 'one-vs-rest';

/**
 * A trained linear model over hashed features, ready to score: only the hash
 * buckets seen in training have a row (`rowOf`), the rest weigh nothing.
 */
export interface LabelModel {
  readonly kind: ModelKind;
  readonly labels: readonly string[];
  /** `weights[row * classes + label]`, rows as in `rowOf`. */
  readonly weights: SoftmaxWeights;
  /** The weights are multiples of this step (one signed byte each in the file). */
  readonly quantum: number;
  readonly rowOf: ReadonlyMap<number, number>;
  /** Inverse document frequency of each row's bucket in the training texts: rare n-grams say more. */
  readonly idf: Float32Array;
  /** Logits are divided by it before the softmax / sigmoid (fitted on held-out folds). */
  readonly temperature: number;
  /** Per label, the calibrated probability from which it is predicted. */
  readonly thresholds: readonly number[];
  /** The likeliest label is predicted from this probability even below its threshold (> 1: never). */
  readonly floor: number;
}

/**
 * Buckets mapped to model rows, weighted by their IDF and L2-normalised (TF-IDF);
 * buckets the model never saw are dropped, as a TF-IDF vocabulary drops unknown words.
 */
export function toRows(vector: SparseVector, rowOf: ReadonlyMap<number, number>, idf: Float32Array): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (let k = 0; k < vector.indices.length; k++) {
    const row = rowOf.get(vector.indices[k] as number);
    if (row === undefined) continue;
    const value = (vector.values[k] as number) * (idf[row] as number);
    indices.push(row);
    values.push(value);
    norm += value * value;
  }
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  return { indices: Uint32Array.from(indices), values: Float32Array.from(values, (value) => value * scale) };
}

/** Calibrated probabilities from raw scores (in place): softmax or one sigmoid per label, at a temperature. */
export function calibrate(kind: ModelKind, logits: Float64Array, temperature: number): Float64Array {
  if (kind === 'softmax') return softmaxInPlace(logits, temperature);
  for (let c = 0; c < logits.length; c++) logits[c] = 1 / (1 + Math.exp(-(logits[c] as number) / temperature));
  return logits;
}

/** Calibrated P(label | text) for every label, in `labels` order. */
export function probabilitiesOf(model: LabelModel, vector: SparseVector): Float64Array {
  const out = new Float64Array(model.labels.length);
  if (out.length === 0) return out;
  return calibrate(model.kind, logitsInto(model.weights, toRows(vector, model.rowOf, model.idf), out), model.temperature);
}

/**
 * Indices of the labels to predict: every label at or above its threshold, and the
 * likeliest one when it clears the floor, so a confident text is never left untagged.
 */
export function decide(probabilities: Float64Array, thresholds: readonly number[], floor: number): number[] {
  const out: number[] = [];
  let best = -1;
  for (let c = 0; c < probabilities.length; c++) {
    const p = probabilities[c] as number;
    if (best === -1 || p > (probabilities[best] as number)) best = c;
    if (p >= (thresholds[c] ?? 1)) out.push(c);
  }
  if (best !== -1 && !out.includes(best) && (probabilities[best] as number) >= floor) out.push(best);
  return out;
}
