import type { ClassifierFile } from './classifier-file.js';
import { HASHED_CLASSIFIERS_FORMAT } from './hashed-classifiers.js';
import { asScorer, hashedScorer, legacyScorer, type LabelScorer } from './label-scorer.js';
import { TermPriors } from './term-priors.js';
import { journeyFeatures } from './train-classifiers.js';

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
  return { sentiment: asScorer(file.sentiment), themes: asScorer(file.themes), journey: legacyScorer(file.journey, (text, lang, themes) => journeyFeatures(text, lang, themes ?? [])) };
}
