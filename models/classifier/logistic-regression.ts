/** A trained binary model: sparse feature weights and a bias. */
export interface BinaryModel {
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
}

export interface TrainingOptions {
  /** Passes over the data. */
  readonly epochs?: number;
  /** AdaGrad base step. */
  readonly learningRate?: number;
  /** L2 penalty per update; keeps rare words from dominating small training sets. */
  readonly l2?: number;
}

/**
 * Binary logistic regression on sparse 0/1 features, trained with AdaGrad.
 * Training order is fixed (no shuffling by Math.random), so the same labels
 * always give the same model.
 */
export function trainLogisticRegression(examples: readonly { readonly features: readonly string[]; readonly label: boolean }[], options: TrainingOptions = {}): BinaryModel {
  const epochs = options.epochs ?? 30;
  const learningRate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  const weights = new Map<string, number>();
  const squaredGradients = new Map<string, number>();
  const positives = examples.filter((example) => example.label).length;
  // Start from the base rate so rare themes are not predicted everywhere early on.
  let bias = Math.log((positives + 0.5) / (examples.length - positives + 0.5));
  let biasSquared = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const example of examples) {
      const error = sigmoid(bias + dot(weights, example.features)) - (example.label ? 1 : 0);
      biasSquared += error * error;
      bias -= (learningRate * error) / Math.sqrt(biasSquared + 1e-8);
      for (const feature of example.features) {
        const weight = weights.get(feature) ?? 0;
        const gradient = error + l2 * weight;
        const accumulated = (squaredGradients.get(feature) ?? 0) + gradient * gradient;
        squaredGradients.set(feature, accumulated);
        weights.set(feature, weight - (learningRate * gradient) / Math.sqrt(accumulated + 1e-8));
      }
    }
  }
  const kept: Record<string, number> = {};
  // Weights this small change no decision but would multiply the file size.
  for (const [feature, weight] of weights) if (Math.abs(weight) >= 0.1) kept[feature] = round(weight);
  return { bias: round(bias), weights: kept };
}

/** P(label | features). */
export function probability(model: BinaryModel, features: readonly string[]): number {
  let sum = model.bias;
  for (const feature of features) sum += model.weights[feature] ?? 0;
  return sigmoid(sum);
}

function dot(weights: ReadonlyMap<string, number>, features: readonly string[]): number {
  let sum = 0;
  for (const feature of features) sum += weights.get(feature) ?? 0;
  return sum;
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Each feature's weight for every label, in `labels` order (0 where a label's model does not weigh it). */
export function denseRows(models: Readonly<Record<string, BinaryModel>>, labels: readonly string[]): Map<string, Float64Array> {
  const dense = new Map<string, Float64Array>();
  labels.forEach((label, index) => {
    for (const [feature, weight] of Object.entries(models[label]?.weights ?? {})) {
      let row = dense.get(feature);
      if (row === undefined) dense.set(feature, (row = new Float64Array(labels.length)));
      row[index] = weight;
    }
  });
  return dense;
}

/**
 * One-vs-rest models compiled for scoring: an index from feature to the labels whose models weigh
 * it (sparse: most features matter to a few labels only), so a text's features are looked up once
 * for all labels. Skipping the labels a feature does not weigh adds nothing but zeros: the sums
 * are the same numbers, added in the same order.
 */
export class CompiledModels {
  readonly labels: readonly string[];
  readonly #bias: Float64Array;
  readonly #weights = new Map<string, SparseRow>();

  constructor(models: Readonly<Record<string, BinaryModel>>) {
    this.labels = Object.keys(models);
    this.#bias = Float64Array.from(this.labels, (label) => models[label]?.bias ?? 0);
    for (const [feature, row] of denseRows(models, this.labels)) {
      const labels: number[] = [];
      row.forEach((weight, index) => {
        if (weight !== 0) labels.push(index);
      });
      this.#weights.set(feature, { labels: Int32Array.from(labels), weights: Float64Array.from(labels, (index) => row[index] as number) });
    }
  }

  /** P(label | features) for every label, in `labels` order. */
  probabilities(features: readonly string[]): Float64Array {
    const sums = this.#bias.slice();
    for (const feature of features) {
      const row = this.#weights.get(feature);
      if (row === undefined) continue;
      const { labels, weights } = row;
      for (let k = 0; k < labels.length; k++) {
        const i = labels[k] as number;
        sums[i] = (sums[i] as number) + (weights[k] as number);
      }
    }
    for (let i = 0; i < sums.length; i++) sums[i] = sigmoid(sums[i] as number);
    return sums;
  }
}

/** The labels a feature carries a weight for, and those weights. */
interface SparseRow {
  readonly labels: Int32Array;
  readonly weights: Float64Array;
}
