import type { ClassifierFile } from './classifier-file.js';
import { HASHED_CLASSIFIERS_FORMAT } from './hashed-classifiers.js';
import { FeatureIds } from './feature-ids.js';
import { featureNamesOf } from './id-compiled-models.js';
import { compiledLegacyScorer, hashedScorer, type LabelScorer } from './label-scorer.js';
import { TermPriors } from './term-priors.js';

/** The three scorers of a classifier file, whichever its format. */
export interface ClassifierScorers {
  readonly sentiment: LabelScorer;
  readonly themes: LabelScorer;
  readonly journey: LabelScorer;
}

/**
 * Scorers for the classifier-assisted models.
 *
 * @example const { themes } = classifierScorers(await loadClassifierFile(file))
 */
export function classifierScorers(file: ClassifierFile): ClassifierScorers {
  if (file.format === HASHED_CLASSIFIERS_FORMAT) {
    const priors = new TermPriors(file.terms);
    return {
      sentiment: hashedScorer(file.sentiment, file.features, priors),
      themes: hashedScorer(file.themes, file.features, priors),
      journey: hashedScorer(file.journey, file.features, priors),
    };
  }
  // One vocabulary for the three: a text's words are looked up once for all of them.
  const ids = new FeatureIds(featureNamesOf(file.sentiment, file.themes, file.journey));
  return { sentiment: compiledLegacyScorer(file.sentiment, ids), themes: compiledLegacyScorer(file.themes, ids), journey: compiledLegacyScorer(file.journey, ids, true) };
}
