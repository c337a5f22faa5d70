import type { TrainedClassifiers } from '../models/classifier/trained-classifiers.js';
import { createFastModels, type FastModelOptions } from '../models/fast-tier.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { pipeRecordToVerbatim } from '../pipeline/pipe-record.js';
import type { EvalRecord } from './eval-set.js';
import type { PredictedRecord } from './score-enrichment.js';

export type Predictions = ReadonlyMap<string, PredictedRecord>;

/**
 * The fast tier (with trained classifiers when given; `sentiment: 'rules'` for the
 * pre-learned sentiment; `bundled`: a cross-validation fold's classifiers in the bundled
 * ones' place) on records, exactly as pipe mode runs it; gold fields never reach the input.
 */
export async function predictWithFastTier(
  records: readonly EvalRecord[],
  classifiers?: TrainedClassifiers | null,
  sentiment: FastModelOptions['sentiment'] = 'learned',
  bundled?: TrainedClassifiers,
): Promise<{ predictions: Predictions; perSecond: number }> {
  const pipeline = createPipeline(await createFastModels({ ...(classifiers === undefined ? {} : { classifiers }), ...(bundled === undefined ? {} : { bundled }), sentiment }));
  const started = performance.now();
  const inputs = records.map((item, index) => pipeRecordToVerbatim({ id: item.id, text: item.text, nps: item.nps ?? null, source: item.source ?? 'eval' }, index + 1));
  const enriched = await pipeline.enrich(inputs, { signal: new AbortController().signal, now: () => new Date() });
  const perSecond = records.length / ((performance.now() - started) / 1000);
  const predictions = new Map<string, PredictedRecord>(
    enriched.map((item) => [item.id, { lang: item.enrichment.lang, sentiment: item.enrichment.sentiment, sentiment_score: item.enrichment.sentimentScore, themes: item.enrichment.themes, journey: item.enrichment.journey }]),
  );
  return { predictions, perSecond };
}
