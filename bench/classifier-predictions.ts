import { trainClassifiers, type LabelledExample } from '../models/classifier/train-classifiers.js';
import type { TrainedClassifiers } from '../models/classifier/trained-classifiers.js';
import { createFastModels } from '../models/fast-tier.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { pipeRecordToVerbatim } from '../pipeline/pipe-record.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS, isJourneyStep } from '../pipeline/vocabulary.js';
import type { EvalRecord } from './eval-set.js';
import type { PredictedRecord } from './score-enrichment.js';

export type Predictions = ReadonlyMap<string, PredictedRecord>;

/** The fast tier (with trained classifiers when given) on records, exactly as pipe mode runs it; gold fields never reach the input. */
export async function predictWithFastTier(records: readonly EvalRecord[], classifiers?: TrainedClassifiers): Promise<{ predictions: Predictions; perSecond: number }> {
  const pipeline = createPipeline(await createFastModels(classifiers === undefined ? {} : { classifiers }));
  const started = performance.now();
  const inputs = records.map((item, index) => pipeRecordToVerbatim({ id: item.id, text: item.text, nps: item.nps ?? null, source: item.source ?? 'eval' }, index + 1));
  const enriched = await pipeline.enrich(inputs, { signal: new AbortController().signal, now: () => new Date() });
  const perSecond = records.length / ((performance.now() - started) / 1000);
  const predictions = new Map<string, PredictedRecord>(
    enriched.map((item) => [item.id, { lang: item.enrichment.lang, sentiment: item.enrichment.sentiment, themes: item.enrichment.themes, journey: item.enrichment.journey }]),
  );
  return { predictions, perSecond };
}

/** Labelled records as training examples (what `verbatim train --labels` reads). */
export function asExamples(records: readonly EvalRecord[]): LabelledExample[] {
  return records.map((record) => ({
    text: record.text,
    lang: record.lang,
    themes: (record.themes ?? []).map((theme) => theme.theme),
    journey: record.journey != null && isJourneyStep(record.journey) ? record.journey : null,
  }));
}

export function trainOn(records: readonly EvalRecord[]): TrainedClassifiers {
  return trainClassifiers(asExamples(records), { themeIds: DEFAULT_THEME_IDS, journeySteps: JOURNEY_STEPS, now: new Date() });
}

/**
 * k-fold cross-validation: every record is predicted by classifiers trained on the
 * other folds only, so the score says what training buys on unseen verbatims.
 */
export async function crossValidatedPredictions(records: readonly EvalRecord[], folds = 5): Promise<Predictions> {
  const out = new Map<string, PredictedRecord>();
  for (let fold = 0; fold < folds; fold++) {
    const test = records.filter((_, index) => index % folds === fold);
    const train = records.filter((_, index) => index % folds !== fold);
    const { predictions } = await predictWithFastTier(test, trainOn(train));
    for (const [id, prediction] of predictions) out.set(id, prediction);
  }
  return out;
}
