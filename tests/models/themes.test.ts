import { beforeAll, describe, expect, it } from 'vitest';
import { createSentimentModel } from '../../models/sentiment/lexicon-sentiment.js';
import { englishRootForms } from '../../models/themes/english-lemmas.js';
import { RuleThemeTagger } from '../../models/themes/rule-tagger.js';
import { loadTaxonomy, parseTaxonomy } from '../../models/themes/taxonomy.js';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { ConfigError } from '../../core/errors.js';
import { DEFAULT_THEME_IDS } from '../../core/vocabulary.js';

const sentiment = createSentimentModel();
let tagger: RuleThemeTagger;
beforeAll(async () => {
  tagger = new RuleThemeTagger(await loadTaxonomy(DEFAULT_TAXONOMY_PATH));
});

function tag(text: string, lang: string) {
  return tagger.tag(text, lang, sentiment.analyze(text, lang));
}

describe('default taxonomy', () => {
  it('uses exactly the twelve theme ids', async () => {
    const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
    expect(taxonomy.themes.map((theme) => theme.id).sort()).toEqual([...DEFAULT_THEME_IDS].sort());
  });
});

describe('rule tagger', () => {
  it.each([
    ['fr', 'Les frais sont exorbitants', ['fees_pricing']],
    ['fr', 'Des tarifs élevés', ['fees_pricing']],
    ['fr', 'Ma conseillère est adorable', ['advisor_quality']],
    ['fr', "45 minutes d'attente au téléphone", ['reachability_wait']],
    ['fr', "L'appli plante sans arrêt", ['digital_app']],
    ['fr', 'Fonds versés en 48h, rapide', ['processing_speed']],
    ['fr', 'impossible de cloturer mon compte', ['account_closure']],
    ['en', 'The app keeps crashing', ['digital_app']],
    ['en', 'Hidden fees everywhere', ['fees_pricing']],
    ['en', 'I filed a complaint and got a refund', ['complaint_handling']],
    ['fr', 'Prêt accordé en deux jours', ['processing_speed']],
    ['en', 'Three weeks to get a replacement', ['processing_speed']],
    // Other languages have their own everyday customer-service words.
    ['es', 'Las comisiones son altísimas', ['fees_pricing']],
    ['de', 'Der Berater war sehr freundlich', ['advisor_quality']],
    ['it', 'Il servizio clienti non è raggiungibile', ['reachability_wait']],
    ['nl', 'Mijn klacht is nooit behandeld', ['complaint_handling']],
    ['pt', 'O aplicativo trava toda hora', ['digital_app']],
    // Words that look like a theme but are not one in context.
    ['fr', 'Paiement en 4 fois sans frais, très pratique', ['product_offer']],
    ['en', 'They reversed the chargeback within a week', ['complaint_handling', 'processing_speed']],
    ['fr', "Ma réclamation a été clôturée sans explication", ['complaint_handling', 'information_clarity']],
    ['en', 'My loan application was approved in two days', ['processing_speed']],
  ])('%s: %s', (lang, text, expected) => {
    expect(tag(text, lang).map((mention) => mention.theme)).toEqual(expected);
  });

  it('gives each theme the sentiment and evidence of its own clause', () => {
    const mentions = tag('Ma conseillère est très aimable mais les frais sont abusifs', 'fr');
    expect(mentions.map((mention) => [mention.theme, mention.sentiment, mention.evidence])).toEqual([
      ['advisor_quality', 'positive', 'Ma conseillère est très aimable'],
      ['fees_pricing', 'negative', 'mais les frais sont abusifs'],
    ]);
  });

  it('applies exclusions and reports sub-themes under their top-level id', () => {
    const taxonomy = parseTaxonomy(
      [
        'themes:',
        '  - id: fees_pricing',
        '    label: Fees',
        '    terms: { fr: [frais] }',
        '    exclude: { fr: [frais de port offerts] }',
        '  - id: fees_pricing.overdraft',
        '    label: Overdraft fees',
        '    parent: fees_pricing',
        '    terms: { fr: [agios] }',
      ].join('\n'),
      'inline.yaml',
    );
    const custom = new RuleThemeTagger(taxonomy);
    const analyse = (text: string) => custom.tag(text, 'fr', sentiment.analyze(text, 'fr')).map((mention) => mention.theme);
    expect(analyse('Les frais de port offerts')).toEqual([]);
    expect(analyse('Des agios partout')).toEqual(['fees_pricing']);
  });

  it('rejects a taxonomy with a clear message naming the file and field', () => {
    expect(() => parseTaxonomy('themes:\n  - id: Bad Id\n    label: x\n', 'my.yaml')).toThrow(ConfigError);
    expect(() => parseTaxonomy('themes:\n  - id: a\n    label: x\n    parent: nope\n', 'my.yaml')).toThrow('my.yaml:4: field `themes[0].parent`: `nope` is not a theme of this taxonomy');
  });
});

describe('taxonomy stems', () => {
  it('matches inflected forms through the language stemmer', () => {
    const taxonomy = parseTaxonomy(
      ['themes:', '  - id: digital_app', '    label: App', '    stems:', '      fr: [connecter]', '      en: [download]'].join('\n'),
      'stems.yaml',
    );
    const stemming = new RuleThemeTagger(taxonomy);
    const tagWith = (text: string, lang: string) => stemming.tag(text, lang, sentiment.analyze(text, lang)).map((mention) => mention.theme);
    expect(tagWith('Impossible de me connecter depuis hier', 'fr')).toEqual(['digital_app']);
    expect(tagWith('Je suis connecté mais rien ne marche', 'fr')).toEqual(['digital_app']);
    expect(tagWith('The downloads never finish', 'en')).toEqual(['digital_app']);
    expect(tagWith('Les frais sont trop élevés', 'fr')).toEqual([]);
  });
});

describe('English terms match their root forms (compromise)', () => {
  const lemmaTaxonomy = parseTaxonomy(
    [
      'themes:',
      '  - id: fees_pricing',
      '    label: Fees',
      '    terms: { en: [charge, fee], fr: [frais] }',
      '  - id: card_payment',
      '    label: Cards',
      '    terms: { en: [card, freeze] }',
      '  - id: account_closure',
      '    label: Policy',
      '    terms: { en: [policy, close] }',
    ].join('\n'),
    'lemmas.yaml',
  );
  const lemmaTagger = new RuleThemeTagger(lemmaTaxonomy);
  const tagWith = (text: string, lang: string) => lemmaTagger.tag(text, lang, sentiment.analyze(text, lang)).map((mention) => mention.theme);

  it.each([
    ['They charged me twice', 'en', ['fees_pricing']],
    ['Stop charging me for nothing', 'en', ['fees_pricing']],
    ['The fees keep going up', 'en', ['fees_pricing']],
    ['My cards keep freezing abroad', 'en', ['card_payment']],
    ['Your policies make no sense', 'en', ['account_closure']],
    ['They closed my account', 'en', ['account_closure']],
    // Only English texts: a Spanish text falls back to the English terms as written, not their inflections.
    ['Los charges son altos', 'es', []],
    ['A charge I did not expect', 'es', ['fees_pricing']],
    ['Les frais, toujours les frais', 'fr', ['fees_pricing']],
  ])('%j (%s) → %j', (text, lang, themes) => {
    expect(tagWith(text, lang)).toEqual(themes);
  });

  it.each([
    ['charged', ['charge']],
    ['charging', ['charge']],
    ['fees', ['fee']],
    ['policies', ['policy']],
    ['crashed', ['crash']],
    ['took', []],
    ['fee', []],
    ['ok', []],
    ['co2', []],
  ])('englishRootForms(%j) ⊇ %j', (word, roots) => {
    const found = englishRootForms(word);
    expect(found).toEqual(expect.arrayContaining(roots));
    if (roots.length === 0) expect(found).toEqual([]);
  });
});
