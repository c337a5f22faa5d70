import type { TrainedClassifiers } from '../models/classifier/trained-classifiers.js';
import type { FastModelOptions } from '../models/fast-tier.js';
import { readLabelledFile, readOwnLabels, trainBundledRecipe } from '../samples/generator/default-classifiers.js';
import { crossValidate } from './cx-cross-validation.js';
import { readEvalSet, type EvalRecord } from './eval-set.js';
import { predictWithFastTier, type Predictions } from './fast-tier-predictions.js';
import type { PredictedRecord } from './score-enrichment.js';

/** The bench's systems that read the bundled classifiers, by column name, with their sentiment model. */
export const BUNDLED_SYSTEMS = { ours: 'learned', old: 'rules', combined: 'combined' } as const satisfies Record<string, FastModelOptions['sentiment']>;
export type BundledSystem = keyof typeof BUNDLED_SYSTEMS;
export type SystemPredictions = Readonly<Record<BundledSystem, Predictions>>;

/** k of the cross-validation on the labelled files the bundled classifiers learn from. */
export const FOLDS = 5;

/** Every bundled-classifier system on records, with the shipped classifiers or, when given, a fold's in their place. */
export async function predictBundledSystems(records: readonly EvalRecord[], bundled?: TrainedClassifiers): Promise<SystemPredictions> {
  const run = async (sentiment: FastModelOptions['sentiment']): Promise<Predictions> => (await predictWithFastTier(records, undefined, sentiment, bundled)).predictions;
  return { ours: await run(BUNDLED_SYSTEMS.ours), old: await run(BUNDLED_SYSTEMS.old), combined: await run(BUNDLED_SYSTEMS.combined) };
}

/**
 * The bundled-classifier systems on the labelled files they learn from, by k-fold
 * cross-validation: each fold is answered by the bundled recipe trained on
 * samples/labels and the other folds of every file. By file, in `files` order.
 */
export async function crossValidatedBundledSystems(files: readonly string[]): Promise<SystemPredictions[]> {
  const sets = await Promise.all(files.map(async (file) => ({ records: await readEvalSet(file), examples: await readLabelledFile(file) })));
  const bySet = await crossValidate(sets, await readOwnLabels(), trainBundledRecipe, async (records, classifiers) => perRecord(await predictBundledSystems(records, classifiers)), FOLDS);
  return bySet.map((byRecord) => ({
    ours: new Map([...byRecord].map(([id, systems]) => [id, systems.ours])),
    old: new Map([...byRecord].map(([id, systems]) => [id, systems.old])),
    combined: new Map([...byRecord].map(([id, systems]) => [id, systems.combined])),
  }));
}

function perRecord(systems: SystemPredictions): Map<string, Record<BundledSystem, PredictedRecord>> {
  const out = new Map<string, Record<BundledSystem, PredictedRecord>>();
  for (const [id, ours] of systems.ours) out.set(id, { ours, old: systems.old.get(id) ?? {}, combined: systems.combined.get(id) ?? {} });
  return out;
}
