import { createFastModels, DEFAULT_TAXONOMY_PATH, type FastModelOptions } from '../fast-tier.js';
import { loadTaxonomy } from '../themes/taxonomy.js';
import type { ModelSet } from '../types.js';
import { EmbeddingThemeTagger } from './embedding-theme-tagger.js';
import { loadTransformerModels, type LoadOptions } from './load-transformer-models.js';
import { TransformerSentimentModel } from './transformer-sentiment.js';

export interface TransformerModelOptions extends FastModelOptions, LoadOptions {
  /** A folder holding `sentiment/` and/or `embeddings/` transformers.js models. */
  readonly modelDir: string;
  /** Cosine similarity from which a clause mentions a theme (embeddings). Default 0.5. */
  readonly themeThreshold?: number;
  /** Languages the sentiment model may score; default: `sentiment/verbatim.json` `languages`, else fr and en. */
  readonly sentimentLanguages?: readonly string[];
}

/**
 * The transformer tier: the fast tier with its sentiment model and/or theme
 * tagger upgraded by the models found in `modelDir` (`sentiment/` → overall
 * sentiment by a classifier, clauses still from the lexicons; `embeddings/` →
 * themes by meaning added to the rule tagger's). Language and journey stay fast.
 * Versions name the model folder and a hash of its config, e.g.
 * `models/sentiment@3f2a9c1b7d2e+sentiment-lexicon-0.1+…`.
 *
 * @example const pipeline = createPipeline(await createTransformerModels({ modelDir: './models' }))
 */
export async function createTransformerModels(options: TransformerModelOptions): Promise<ModelSet> {
  const taxonomyPath = options.taxonomyPath ?? DEFAULT_TAXONOMY_PATH;
  const [fast, loaded, taxonomy] = await Promise.all([
    createFastModels({ ...options, taxonomyPath }),
    loadTransformerModels(options.modelDir, options),
    loadTaxonomy(taxonomyPath),
  ]);
  const sentiment =
    loaded.sentiment === undefined
      ? fast.sentiment
      : new TransformerSentimentModel(loaded.sentiment, fast.sentiment, options.sentimentLanguages === undefined ? {} : { languages: options.sentimentLanguages });
  const themes =
    loaded.embeddings === undefined
      ? fast.themes
      : await EmbeddingThemeTagger.create(loaded.embeddings, taxonomy, fast.themes, options.themeThreshold === undefined ? {} : { threshold: options.themeThreshold });
  return { ...fast, sentiment, themes };
}
