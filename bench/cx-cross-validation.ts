import type { LabelledExample } from '../models/classifier/train-classifiers.js';
import type { EvalRecord } from './eval-set.js';

/** Trains classifiers from labelled verbatims (the bundled recipe, or a variant under test). */
export type ClassifierTrainer<C> = (examples: readonly LabelledExample[]) => Promise<C>;

/** Answers records with a fold's classifiers (gold fields never reach the input): one prediction, or one per system, by record id. */
export type FoldRun<C, P> = (records: readonly EvalRecord[], classifiers: C) => Promise<ReadonlyMap<string, P>>;

/** A labelled file read twice, line for line: records to score, and the examples the trainer learns from them. */
export interface LabelledSet {
  readonly records: readonly EvalRecord[];
  readonly examples: readonly LabelledExample[];
}

/**
 * The fold of each record of several labelled files (`[set][line]`): round-robin within
 * each file, so every fold holds a k-th of every file (stratified by file, deterministic).
 * By position, not id: two files may reuse the same ids.
 */
export function foldsOf(sets: readonly { readonly records: readonly unknown[] }[], folds: number): number[][] {
  return sets.map((set) => set.records.map((_, index) => index % folds));
}

/**
 * k-fold cross-validation of classifiers trained on `base` plus labelled files: for
 * each fold, a model trained on `base` and the other folds of every file answers the
 * fold's records, so no record is scored by a model that learned it. Returns the
 * out-of-fold predictions of each set, keyed by the set's own ids.
 *
 * @example const [devPredictions, devBPredictions] = await crossValidate([cxDev, cxDevB], ownLabels, train, run, 5)
 */
export async function crossValidate<C, P>(
  sets: readonly LabelledSet[],
  base: readonly LabelledExample[],
  train: ClassifierTrainer<C>,
  run: FoldRun<C, P>,
  folds: number,
): Promise<Map<string, P>[]> {
  for (const set of sets) if (set.records.length !== set.examples.length) throw new Error(`cross-validation: ${set.records.length} records but ${set.examples.length} examples`);
  const foldOf = foldsOf(sets, folds);
  const inFold = <T>(fold: number, held: boolean, pick: (set: LabelledSet) => readonly T[]): T[][] =>
    sets.map((set, index) => pick(set).filter((_, line) => (foldOf[index]?.[line] === fold) === held));
  const predictions = sets.map(() => new Map<string, P>());
  for (let fold = 0; fold < folds; fold++) {
    const classifiers = await train([...base, ...inFold(fold, false, (set) => set.examples).flat()]);
    for (const [index, records] of inFold(fold, true, (set) => set.records).entries()) {
      for (const [id, prediction] of await run(records, classifiers)) predictions[index]?.set(id, prediction);
    }
  }
  return predictions;
}
