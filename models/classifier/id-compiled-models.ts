import type { FeatureIds } from './feature-ids.js';
import type { BinaryModel } from './logistic-regression.js';
import type { LabelModels } from './trained-classifiers.js';

/**
 * One-vs-rest models as compressed rows by feature id: the labels that weigh feature `id` and
 * their weights sit at `start[id]` up to `start[id + 1]` of `labelOf` and `weight`, labels in
 * order. What {@link IdCompiledModels} scores with, and what the compiled bundled file stores.
 */
export interface CompressedRows {
  readonly labels: readonly string[];
  readonly bias: Float64Array;
  /** One more than the vocabulary's size. */
  readonly start: Int32Array;
  readonly labelOf: Int32Array;
  readonly weight: Float64Array;
}

/**
 * One-vs-rest models compiled against a `FeatureIds` vocabulary: `CompiledModels` with
 * rows found by integer id instead of by feature name. Rows list their labels in the same
 * order and are read in the same order, so the probabilities are the same numbers.
 */
export class IdCompiledModels {
  readonly labels: readonly string[];
  readonly #rows: CompressedRows;

  constructor(rows: CompressedRows) {
    this.labels = rows.labels;
    this.#rows = rows;
  }

  /**
   * Compiles word-keyed models against `ids` (which must hold every feature they weigh).
   *
   * @example const compiled = IdCompiledModels.fromModels(file.themes.models, new FeatureIds(featureNamesOf(file.themes)))
   */
  static fromModels(models: Readonly<Record<string, BinaryModel>>, ids: FeatureIds): IdCompiledModels {
    return new IdCompiledModels(compressRows(models, ids));
  }

  /** The rows as stored (read-only by contract: the compiled bundled file is written from them). */
  get rows(): CompressedRows {
    return this.#rows;
  }

  /** P(label | features) for every label, in `labels` order: the text's feature ids, then the extra ones. */
  probabilities(features: readonly number[], extra: readonly number[] = NONE): Float64Array {
    const { bias, start, labelOf, weight } = this.#rows;
    const sums = bias.slice();
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

/**
 * The compressed rows of word-keyed models: counted, then filled label by label (so each row lists
 * its labels in order, as a dense row read left to right would) — no row object per feature.
 * Weights of 0 add nothing and are left out.
 */
function compressRows(models: Readonly<Record<string, BinaryModel>>, ids: FeatureIds): CompressedRows {
  const labels = Object.keys(models);
  const start = new Int32Array(ids.size + 1);
  const entries = labels.map((label) => {
    const weights = models[label]?.weights ?? {};
    const names = Object.keys(weights);
    const featureIds = new Int32Array(names.length);
    const kept = new Float64Array(names.length);
    let count = 0;
    for (const name of names) {
      const id = ids.idOf(name);
      if (id === undefined) throw new Error(`feature ${name} has no id: build the FeatureIds from these models`);
      const value = weights[name] as number;
      if (value === 0) continue;
      featureIds[count] = id;
      kept[count++] = value;
      start[id + 1] = (start[id + 1] as number) + 1;
    }
    return { featureIds: featureIds.subarray(0, count), weights: kept.subarray(0, count) };
  });
  for (let id = 0; id < ids.size; id++) start[id + 1] = (start[id + 1] as number) + (start[id] as number);
  const total = start[ids.size] as number;
  const labelOf = new Int32Array(total);
  const weight = new Float64Array(total);
  const next = start.slice(0, ids.size);
  entries.forEach(({ featureIds, weights }, label) => {
    for (let k = 0; k < featureIds.length; k++) {
      const id = featureIds[k] as number;
      const at = next[id] as number;
      next[id] = at + 1;
      labelOf[at] = label;
      weight[at] = weights[k] as number;
    }
  });
  return { labels, bias: Float64Array.from(labels, (label) => models[label]?.bias ?? 0), start, labelOf, weight };
}

/** Every feature name the models weigh, for a `FeatureIds` they share. */
export function featureNamesOf(...labelModels: readonly LabelModels[]): Set<string> {
  const names = new Set<string>();
  for (const { models } of labelModels) for (const model of Object.values(models)) for (const name of Object.keys(model.weights)) names.add(name);
  return names;
}

const NONE: readonly number[] = [];
