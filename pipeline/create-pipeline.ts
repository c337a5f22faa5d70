import { isBatchSentimentModel, isBatchThemeTagger } from '../models/transformer/batch-models.js';
import type { ModelSet } from '../models/types.js';
import type { Stage, StageContext, WorkItem } from './stage.js';
import { batchSentimentStage, batchThemesStage } from './stages/batch-model-stages.js';
import { detectLanguageStage, linkJourneyStage, npsCategoryStage, scoreSentimentStage, tagThemesStage } from './stages/model-stages.js';
import { normalizeStage } from './stages/normalize.js';
import type { RedactionOptions } from '../core/redact-pii.js';
import { redactPiiStage } from './stages/redact-pii.js';
import type { EnrichedVerbatim, Enrichment, Verbatim } from '../core/verbatim.js';

export interface PipelineOptions {
  /** PII redaction before the models read the text; `false` turns it off. Default: all kinds. */
  readonly redaction?: RedactionOptions | false;
}

/** What a runner needs of the models: `enrich` to push a batch through them, in this thread or others. */
export interface Pipeline {
  readonly modelVersions: Readonly<Record<string, string>>;
  enrich(batch: readonly Verbatim[], ctx: StageContext): Promise<EnrichedVerbatim[]>;
}

/**
 * normalize → redact PII → language → sentiment → themes → journey step → NPS category.
 *
 * @example
 * const pipeline = createPipeline(createFastModels());
 * const [enriched] = await pipeline.enrich([verbatim], { signal, now: () => new Date() });
 */
export function createPipeline(models: ModelSet, options: PipelineOptions = {}): Pipeline & { readonly stages: readonly Stage[] } {
  const stages: Stage[] = [
    normalizeStage,
    ...(options.redaction === false ? [] : [redactPiiStage(options.redaction ?? {})]),
    detectLanguageStage(models),
    // Batch models (the transformer tier) infer a whole batch per call.
    isBatchSentimentModel(models.sentiment) ? batchSentimentStage(models.sentiment) : scoreSentimentStage(models),
    isBatchThemeTagger(models.themes) ? batchThemesStage(models.themes) : tagThemesStage(models),
    linkJourneyStage(models),
    npsCategoryStage,
  ];
  const modelVersions = Object.freeze({
    language: models.language.version,
    sentiment: models.sentiment.version,
    themes: models.themes.version,
    journey: models.journey.version,
  });
  return {
    stages,
    modelVersions,
    async enrich(batch, ctx) {
      let items: WorkItem[] = batch.map((verbatim) => ({ verbatim, text: verbatim.text, enrichment: {} }));
      for (const stage of stages) {
        ctx.signal.throwIfAborted();
        items = await stage.run(items, ctx);
      }
      return items.map((item) => ({ ...item.verbatim, enrichment: complete(item, modelVersions) }));
    },
  };
}

function complete(item: WorkItem, modelVersions: Readonly<Record<string, string>>): Enrichment {
  const e = item.enrichment;
  return {
    lang: e.lang ?? 'und',
    langConfidence: e.langConfidence ?? 0,
    sentimentSupported: e.sentimentSupported ?? false,
    sentiment: e.sentiment ?? 'neutral',
    sentimentScore: e.sentimentScore ?? 0,
    themes: e.themes ?? [],
    journey: e.journey ?? null,
    npsCategory: e.npsCategory ?? null,
    modelVersions,
  };
}
