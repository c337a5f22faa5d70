import { describe, expect, it } from 'vitest';
import { TermPriors } from '../../../models/classifier/term-priors.js';

const priors = new TermPriors({
  fees_pricing: { fr: ['frais', 'prélèvement*'], en: ['hidden charge', 'fee*'] },
  digital_app: { '*': ['appli'] },
});

describe('taxonomy terms as priors', () => {
  it.each([
    ['Des frais partout', 'fr', ['fees_pricing']],
    ['Prélèvements en double', 'fr', ['fees_pricing']],
    ['A hidden charge again', 'en', ['fees_pricing']],
    ['Charge hidden somewhere', 'en', []],
    ['Fees and the appli', 'en', ['fees_pricing', 'digital_app']],
    ['Des fees', 'fr', []],
    ['Nothing here', 'en', []],
  ])('%s (%s) → %j', (text, lang, expected) => {
    expect(priors.labelsIn(text, lang).sort()).toEqual([...expected].sort());
  });

  it('a term-less taxonomy gives nothing', () => {
    expect(new TermPriors({ fees_pricing: {} }).labelsIn('frais', 'fr')).toEqual([]);
  });
});
