import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { ClassifierAssistedJourneyLinker } from './classifier/classifier-journey-linker.js';
import { ClassifierAssistedThemeTagger } from './classifier/classifier-theme-tagger.js';
import { ClassifierAssistedSentimentModel } from './classifier/classifier-sentiment-model.js';
import type { ClassifierFile } from './classifier/classifier-file.js';
import { loadBundledScorers } from './classifier/bundled-scorers.js';
import { classifierScorers } from './classifier/classifier-scorers.js';
import type { ScorersWithDate } from './classifier/compiled-classifiers-file.js';
import type { LabelScorer } from './classifier/label-scorer.js';
import type { TrainedClassifiers } from './classifier/trained-classifiers.js';
import { createJourneyLinker } from './journey/journey-linker.js';
import type { EldTables } from './language/eld-tables.js';
import { createLanguageDetector } from './language/language-detector.js';
import { loadCombinedSentimentModel } from './learned/default-combined.js';
import { loadLearnedSentimentModel } from './learned/default-sentiment.js';
import { createSentimentModel } from './sentiment/lexicon-sentiment.js';
import { MultilingualSentimentModel } from './sentiment/multilingual-sentiment.js';
import { StemmedLexiconSentimentModel } from './sentiment/stemmed-lexicon-sentiment.js';
import { RuleThemeTagger } from './themes/rule-tagger.js';
import { loadTaxonomy } from './themes/taxonomy.js';
import { currentThemeId } from './themes/theme-aliases.js';
import type { ModelSet } from './types.js';

/** The default taxonomy shipped with the package. */
export const DEFAULT_TAXONOMY_PATH = path.join(PACKAGE_ROOT, 'samples', 'taxonomy', 'default.yaml');

/** Classifiers trained on samples/labels and the shared labelled dev files (`npm run samples` rebuilds them; models/README.md). */
export const DEFAULT_CLASSIFIERS_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'classifiers.json.gz');

/** The same classifiers compiled for a fast load, used while they match the file above (`node dist/models/classifier/compile-bundled-main.js`, or `npm run samples`). */
export const DEFAULT_COMPILED_CLASSIFIERS_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'classifiers.compiled.bin');

export interface FastModelOptions {
  /** A taxonomy file users edit (YAML/JSON); default: the bundled banking taxonomy. */
  readonly taxonomyPath?: string;
  /**
   * Classifiers that assist the lexicon, the theme rules and the journey rules: those
   * `verbatim train` wrote; default: the bundled ones; `null`: rules only.
   */
  readonly classifiers?: ClassifierFile | null;
  /**
   * Stands in for the bundled classifiers (samples/models/classifiers.json.gz), with the same
   * role: the accuracy bench passes a cross-validation fold's, trained without the records it scores.
   */
  readonly bundled?: TrainedClassifiers;
  /**
   * `combined` (default): for French and English, a stacked model over the learned model, the
   * rules and the bundled classifier (models/README.md, "Combined sentiment model"); the rules,
   * assisted by the classifiers, for the other languages. `rules`: the lexicons and rules assisted
   * by the classifiers (the default until 2026-12-07: level with `combined` on CX verbatims, far
   * under it on public reviews and tweets, about twice as fast). `learned`: the shipped learned model
   * (samples/models/sentiment.json.gz) for French and English, the lexicons for the other
   * languages; strong on reviews, weak on CX verbatims (`mixed`, factual `neutral`).
   */
  readonly sentiment?: 'combined' | 'learned' | 'rules';
  /**
   * The language detector's n-gram tables, built once and shared by the enrichment threads
   * (models/language/shared-eld-tables.ts); default: read by this call, in this thread.
   */
  readonly languageTables?: EldTables;
}

/**
 * The fast tier: no download, tens of thousands of verbatims per second.
 *
 * @example const pipeline = createPipeline(await createFastModels())
 */
export async function createFastModels(options: FastModelOptions = {}): Promise<ModelSet> {
  const [language, taxonomy] = await Promise.all([
    createLanguageDetector(options.languageTables),
    loadTaxonomy(options.taxonomyPath ?? DEFAULT_TAXONOMY_PATH),
  ]);
  const themes = new RuleThemeTagger(taxonomy);
  const journey = createJourneyLinker();
  const scorers = await trainedScorers(options);
  const lexicons = new MultilingualSentimentModel([createSentimentModel(), new StemmedLexiconSentimentModel()]);
  const ruleSentiment = scorers === undefined ? lexicons : new ClassifierAssistedSentimentModel(lexicons, scorers.sentiment, scorers.trainedAt);
  // The learned model already learned from samples/labels; a team's own `verbatim train` classifiers still assist it.
  const choice = options.sentiment ?? 'combined';
  const learned =
    choice === 'learned'
      ? new MultilingualSentimentModel([await loadLearnedSentimentModel(), lexicons])
      : choice === 'combined'
        ? new MultilingualSentimentModel([await loadCombinedSentimentModel(lexicons, await bundledSentiment(scorers, options)), ruleSentiment])
        : undefined;
  const ownClassifiers = options.classifiers !== undefined && options.classifiers !== null;
  const sentiment =
    learned === undefined ? ruleSentiment : ownClassifiers && scorers !== undefined ? new ClassifierAssistedSentimentModel(learned, scorers.sentiment, scorers.trainedAt) : learned;
  return {
    language,
    sentiment,
    // The classifiers learned the taxonomy of their training: a theme merged since is tagged as its target, a removed one never.
    themes: scorers === undefined ? themes : new ClassifierAssistedThemeTagger(themes, scorers.themes, scorers.trainedAt, currentThemeId(taxonomy)),
    journey: scorers === undefined ? journey : new ClassifierAssistedJourneyLinker(journey, scorers.journey, scorers.trainedAt),
  };
}

/** The scorers of the classifiers that assist the rules: the team's own, else the bundled ones; none for `classifiers: null`. */
async function trainedScorers(options: FastModelOptions): Promise<ScorersWithDate | undefined> {
  if (options.classifiers === null) return undefined;
  if (options.classifiers === undefined) return bundledScorers(options);
  return { ...classifierScorers(options.classifiers), trainedAt: options.classifiers.trainedAt };
}

/** The bundled classifiers' scorers, or those of the classifiers standing in for them (`bundled`). */
async function bundledScorers(options: FastModelOptions): Promise<ScorersWithDate> {
  if (options.bundled !== undefined) return { ...classifierScorers(options.bundled), trainedAt: options.bundled.trainedAt };
  return loadBundledScorers(DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH);
}

/** The combined model was stacked on the bundled classifier's answers: it reads those whichever classifiers assist the rest. */
async function bundledSentiment(scorers: { readonly sentiment: LabelScorer } | undefined, options: FastModelOptions): Promise<LabelScorer> {
  if (options.classifiers === undefined && scorers !== undefined) return scorers.sentiment;
  return (await bundledScorers(options)).sentiment;
}
