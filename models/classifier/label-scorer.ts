import { decide, probabilitiesOf, type LabelModel } from './label-model.js';
import { featurize, type TaggerFeatureSettings } from './hashed-features.js';
import { FeatureIds } from './feature-ids.js';
import { featureNamesOf, IdCompiledModels } from './id-compiled-models.js';
import { CompiledModels } from './logistic-regression.js';
import { sideFeatures } from './hashed-classifiers.js';
import type { TermPriors } from './term-priors.js';
import type { LabelModels } from './trained-classifiers.js';

/** What the classifier-assisted models need of a trained classifier, whatever its file format. */
export interface LabelScorer {
  readonly labels: readonly string[];
  /** Calibrated P(label | text) in `labels` order; `themes`: the themes found, which the journey model reads. */
  probabilities(text: string, lang: string, themes?: readonly string[]): Float64Array;
  /** The labels to predict: each at or above its threshold, plus the likeliest when it clears the top-1 floor. */
  decide(probabilities: Float64Array): number[];
  /** The probability from which a label is predicted. */
  threshold(label: number): number;
}

/**
 * A format-3 model (`verbatim train`): hashed features, the taxonomy's term hits,
 * per-label thresholds and a top-1 floor.
 */
export function hashedScorer(model: LabelModel, settings: TaggerFeatureSettings, priors: TermPriors): LabelScorer {
  return {
    labels: model.labels,
    probabilities: (text, lang, themes) => probabilitiesOf(model, featurize(text, lang, settings, sideFeatures(priors, text, lang, themes))),
    decide: (probabilities) => decide(probabilities, model.thresholds, model.floor),
    threshold: (label) => model.thresholds[label] ?? 1,
  };
}

/** A format-2 model (word-keyed weights, one threshold for all, no floor): the bundled classifiers. */
export function legacyScorer(models: LabelModels, features: (text: string, lang: string, themes?: readonly string[]) => readonly string[]): LabelScorer {
  const compiled = new CompiledModels(models.models);
  const thresholds = compiled.labels.map(() => models.threshold);
  return {
    labels: compiled.labels,
    probabilities: (text, lang, themes) => compiled.probabilities(features(text, lang, themes)),
    decide: (probabilities) => decide(probabilities, thresholds, Infinity),
    threshold: () => models.threshold,
  };
}

/**
 * A format-2 model scored through a compiled vocabulary (`FeatureIds`, which several models may
 * share so a text is read once for all): the same probabilities as `legacyScorer` with `textFeatures`
 * (plus `t:<theme>` for each theme found when `readsThemes`, as the journey model was trained).
 */
export function compiledLegacyScorer(models: LabelModels, ids: FeatureIds, readsThemes = false): LabelScorer {
  return idCompiledScorer(IdCompiledModels.fromModels(models.models, ids), models.threshold, ids, readsThemes);
}

/** A format-2 model already compiled against `ids` (`compiledLegacyScorer`, or the compiled bundled file), with its one threshold. */
export function idCompiledScorer(compiled: IdCompiledModels, threshold: number, ids: FeatureIds, readsThemes = false): LabelScorer {
  const thresholds = compiled.labels.map(() => threshold);
  // Theme ids come from the taxonomy: a handful, each `t:<theme>` name built once.
  const idOfTheme = new Map<string, number>();
  const themeIds = (themes: readonly string[] | undefined): number[] => {
    const found: number[] = [];
    if (!readsThemes || themes === undefined) return found;
    for (const theme of themes) {
      let id = idOfTheme.get(theme);
      if (id === undefined) {
        id = ids.idOf(`t:${theme}`) ?? -1;
        if (idOfTheme.size < 10_000) idOfTheme.set(theme, id);
      }
      if (id !== -1) found.push(id);
    }
    return found;
  };
  return {
    labels: compiled.labels,
    probabilities: (text, lang, themes) => compiled.probabilities(ids.textIds(text, lang), themeIds(themes)),
    decide: (probabilities) => decide(probabilities, thresholds, Infinity),
    threshold: () => threshold,
  };
}

/** A scorer for either kind of model: legacy `LabelModels` are read with the legacy text features. */
export function asScorer(models: LabelModels | LabelScorer, readsThemes = false): LabelScorer {
  return 'models' in models ? compiledLegacyScorer(models, new FeatureIds(featureNamesOf(models)), readsThemes) : models;
}
