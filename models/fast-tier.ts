import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { ClassifierAssistedJourneyLinker } from './classifier/classifier-journey-linker.js';
import { ClassifierAssistedThemeTagger } from './classifier/classifier-theme-tagger.js';
import { ClassifierAssistedSentimentModel } from './classifier/classifier-sentiment-model.js';
import type { ClassifierFile } from './classifier/classifier-file.js';
import { classifierScorers } from './classifier/classifier-scorers.js';
import { loadTrainedClassifiers } from './classifier/trained-classifiers.js';
import { createJourneyLinker } from './journey/journey-linker.js';
import { createLanguageDetector } from './language/language-detector.js';
import { loadLearnedSentimentModel } from './learned/default-sentiment.js';
import { createSentimentModel } from './sentiment/lexicon-sentiment.js';
import { MultilingualSentimentModel } from './sentiment/multilingual-sentiment.js';
import { StemmedLexiconSentimentModel } from './sentiment/stemmed-lexicon-sentiment.js';
import { RuleThemeTagger } from './themes/rule-tagger.js';
import { loadTaxonomy } from './themes/taxonomy.js';
import type { ModelSet } from './types.js';

/** The default taxonomy shipped with the package. */
export const DEFAULT_TAXONOMY_PATH = path.join(PACKAGE_ROOT, 'samples', 'taxonomy', 'default.yaml');

/** Classifiers trained on the labelled corpus shipped in samples/labels (`npm run samples` rebuilds them). */
export const DEFAULT_CLASSIFIERS_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'classifiers.json.gz');

export interface FastModelOptions {
  /** A taxonomy file users edit (YAML/JSON); default: the bundled banking taxonomy. */
  readonly taxonomyPath?: string;
  /**
   * Classifiers that assist the lexicon, the theme rules and the journey rules: those
   * `verbatim train` wrote; default: the bundled ones; `null`: rules only.
   */
  readonly classifiers?: ClassifierFile | null;
  /**
   * `rules` (default): the lexicons and rules, assisted by the classifiers; `learned`: the
   * shipped learned model (samples/models/sentiment.json.gz) for French and English, the
   * lexicons for the other languages. Not the default yet: on CX verbatims it scores under
   * the rules (models/README.md, "Learned sentiment model"), its training data lacks service reviews.
   */
  readonly sentiment?: 'learned' | 'rules';
}

/**
 * The fast tier: no download, tens of thousands of verbatims per second.
 *
 * @example const pipeline = createPipeline(await createFastModels())
 */
export async function createFastModels(options: FastModelOptions = {}): Promise<ModelSet> {
  const [language, taxonomy] = await Promise.all([
    createLanguageDetector(),
    loadTaxonomy(options.taxonomyPath ?? DEFAULT_TAXONOMY_PATH),
  ]);
  const themes = new RuleThemeTagger(taxonomy);
  const journey = createJourneyLinker();
  const trained = options.classifiers === undefined ? await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH) : (options.classifiers ?? undefined);
  const scorers = trained === undefined ? undefined : { ...classifierScorers(trained), trainedAt: trained.trainedAt };
  const lexicons = new MultilingualSentimentModel([createSentimentModel(), new StemmedLexiconSentimentModel()]);
  const ruleSentiment = scorers === undefined ? lexicons : new ClassifierAssistedSentimentModel(lexicons, scorers.sentiment, scorers.trainedAt);
  // The learned model already learned from samples/labels; a team's own `verbatim train` classifiers still assist it.
  const learned = options.sentiment !== 'learned' ? undefined : new MultilingualSentimentModel([await loadLearnedSentimentModel(), lexicons]);
  const ownClassifiers = options.classifiers !== undefined && options.classifiers !== null;
  const sentiment =
    learned === undefined ? ruleSentiment : ownClassifiers && scorers !== undefined ? new ClassifierAssistedSentimentModel(learned, scorers.sentiment, scorers.trainedAt) : learned;
  return {
    language,
    sentiment,
    themes: scorers === undefined ? themes : new ClassifierAssistedThemeTagger(themes, scorers.themes, scorers.trainedAt),
    journey: scorers === undefined ? journey : new ClassifierAssistedJourneyLinker(journey, scorers.journey, scorers.trainedAt),
  };
}
