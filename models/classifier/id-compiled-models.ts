import type { FeatureIds } from './feature-ids.js';
import { denseRows, type BinaryModel } from './logistic-regression.js';
import type { LabelModels } from './trained-classifiers.js';

/**
 * One-vs-rest models compiled against a `FeatureIds` vocabulary: `CompiledModels` with
 * rows found by integer id instead of by feature name. Rows are built the same way and
 * read in the same order, so the probabilities are the same numbers.
 */
export class IdCompiledModels {
  readonly labels: readonly string[];
  readonly #bias: Float64Array;
  /** Compressed rows by feature id: the labels that weigh feature `id` and their weights sit at `#start[id]` up to `#start[id + 1]`. */
  readonly #start: Int32Array;
  readonly #labelOf: Int32Array;
  readonly #weight: Float64Array;

  constructor(models: Readonly<Record<string, BinaryModel>>, ids: FeatureIds) {
    this.labels = Object.keys(models);
    this.#bias = Float64Array.from(this.labels, (label) => models[label]?.bias ?? 0);
    const dense = denseRows(models, this.labels);
    const byId: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(ids.size).fill(undefined);
    for (const [feature, row] of dense) {
      const id = ids.idOf(feature);
      if (id === undefined) throw new Error(`feature ${feature} has no id: build the FeatureIds from these models`);
      byId[id] = row;
    }
    const labels: number[] = [];
    const weights: number[] = [];
    this.#start = new Int32Array(ids.size + 1);
    byId.forEach((row, id) => {
      // Weights of 0 add nothing: left out, as CompiledModels does.
      row?.forEach((weight, label) => {
        if (weight === 0) return;
        labels.push(label);
        weights.push(weight);
      });
      this.#start[id + 1] = labels.length;
    });
    this.#labelOf = Int32Array.from(labels);
    this.#weight = Float64Array.from(weights);
  }

  /** P(label | features) for every label, in `labels` order: the text's feature ids, then the extra ones. */
  probabilities(features: readonly number[], extra: readonly number[] = NONE): Float64Array {
    const sums = this.#bias.slice();
    const start = this.#start;
    const labelOf = this.#labelOf;
    const weight = this.#weight;
    const count = features.length + extra.length;
    for (let f = 0; f < count; f++) {
      const id = f < features.length ? (features[f] as number) : (extra[f - features.length] as number);
      const end = start[id + 1] as number;
      for (let k = start[id] as number; k < end; k++) {
        const label = labelOf[k] as number;
        sums[label] = (sums[label] as number) + (weight[k] as number);
      }
    }
    for (let i = 0; i < sums.length; i++) sums[i] = 1 / (1 + Math.exp(-(sums[i] as number)));
    return sums;
  }
}

/** Every feature name the models weigh, for a `FeatureIds` they share. */
export function featureNamesOf(...labelModels: readonly LabelModels[]): Set<string> {
  const names = new Set<string>();
  for (const { models } of labelModels) for (const model of Object.values(models)) for (const name of Object.keys(model.weights)) names.add(name);
  return names;
}

const NONE: readonly number[] = [];
