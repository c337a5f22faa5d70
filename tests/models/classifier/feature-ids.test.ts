import { describe, expect, it } from 'vitest';
import { classifierScorers } from '../../../models/classifier/classifier-scorers.js';
import { FeatureIds } from '../../../models/classifier/feature-ids.js';
import { featureNamesOf, IdCompiledModels } from '../../../models/classifier/id-compiled-models.js';
import { legacyScorer } from '../../../models/classifier/label-scorer.js';
import { CompiledModels } from '../../../models/classifier/logistic-regression.js';
import { textFeatures } from '../../../models/classifier/text-features.js';
import { journeyFeatures } from '../../../models/classifier/train-classifiers.js';
import { loadTrainedClassifiers } from '../../../models/classifier/trained-classifiers.js';
import { DEFAULT_CLASSIFIERS_PATH } from '../../../models/fast-tier.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

const file = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
const TEXTS = [
  ...VARIED_TEXTS,
  'Les remboursements sont lents, frais cachés sur mon relevé',
  'The interest rate is far too high.',
  'Ma carte bloquée au distributeur, 2 appels et 3 mails sans réponse',
  'App keeps logging me out and the card never arrived',
  ...generatedTexts(1_500),
];
const LANGS = ['fr', 'en', 'es', 'und'];
const THEMES = [[], ['fees_pricing'], ['app_digital', 'customer_service', 'not_a_theme']];

// The compiled vocabulary replaces the feature strings of the bundled (format-2) classifiers: the same
// features in the same order, so the same probabilities to the last bit.
describe('compiled vocabulary of the word-keyed classifiers', () => {
  const ids = new FeatureIds(featureNamesOf(file.sentiment, file.themes, file.journey));

  it('textIds are the ids of textFeatures that have one, in the same order', () => {
    for (const lang of LANGS) {
      for (const text of TEXTS) {
        const expected = textFeatures(text, lang).flatMap((name) => {
          const id = ids.idOf(name);
          return id === undefined ? [] : [id];
        });
        expect([...ids.textIds(text, lang)]).toEqual(expected);
      }
    }
  });

  it('the theme, sentiment and journey probabilities equal the feature-string models', () => {
    for (const kind of ['sentiment', 'themes', 'journey'] as const) {
      const byName = new CompiledModels(file[kind].models);
      const byId = IdCompiledModels.fromModels(file[kind].models, ids);
      for (const lang of LANGS) {
        for (const text of TEXTS) {
          for (const themes of kind === 'journey' ? THEMES : [[]]) {
            const extra = themes.flatMap((theme) => ids.idOf(`t:${theme}`) ?? []);
            expect(byId.probabilities(ids.textIds(text, lang), extra)).toEqual(byName.probabilities(journeyFeatures(text, lang, themes)));
          }
        }
      }
    }
  });

  it('the scorers the fast tier uses equal the legacy scorers', () => {
    const fast = classifierScorers(file);
    const slow = {
      sentiment: legacyScorer(file.sentiment, (text, lang) => textFeatures(text, lang)),
      themes: legacyScorer(file.themes, (text, lang) => textFeatures(text, lang)),
      journey: legacyScorer(file.journey, (text, lang, themes) => journeyFeatures(text, lang, themes ?? [])),
    };
    for (const kind of ['sentiment', 'themes', 'journey'] as const) {
      expect(fast[kind].labels).toEqual(slow[kind].labels);
      for (const text of TEXTS.slice(0, 400)) {
        for (const themes of THEMES) expect(fast[kind].probabilities(text, 'fr', themes)).toEqual(slow[kind].probabilities(text, 'fr', themes));
      }
    }
  });

  it('a word of digits is one number feature; stopwords and one-letter words are none', () => {
    const small = new FeatureIds(['w:#num', 'w:frais', 's:fr:frais', 'b:frais_cach', 'w:le', 'w:x']);
    const names = (text: string): (string | undefined)[] => [...small.textIds(text, 'fr')].map((id) => ['w:#num', 'w:frais', 's:fr:frais', 'b:frais_cach', 'w:le', 'w:x'][id]);
    expect(names('le 12 x frais 3')).toEqual(['w:#num', 'w:frais', 's:fr:frais']);
    expect(names('Frais cachés')).toEqual(['w:frais', 's:fr:frais', 'b:frais_cach']);
  });
});
