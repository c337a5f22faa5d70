import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH } from '../../../models/fast-tier.js';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import { RuleThemeTagger } from '../../../models/themes/rule-tagger.js';
import { loadTaxonomy } from '../../../models/themes/taxonomy.js';
import { clausesEndAtNonWords, readsOnlyItsMatch } from '../../../models/themes/whole-text-patterns.js';
import type { ClauseSentiment } from '../../../models/types.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
const sentiment = createSentimentModel();
const PATTERNS = [
  ...taxonomy.themes.flatMap((theme) => theme.patterns),
  '\\bfrais\\b',
  'but\\b',
  '\\d+ ?fois',
  '(?<!no )fees',
  '^ok',
  'nul$',
  '\\Bque',
].map((source) => new RegExp(source, 'iu'));
const TEXTS = [
  ...VARIED_TEXTS,
  'Attente de 45 min au guichet, mais conseiller top. En 2 jours tout était réglé !',
  '3but the fees, 2 fois, frais: nul. Ok mais depuis 3 semaines rien',
  'ok, ok but no fees... nul',
  'Wait 10 mins, then 2 hours on hold; but within 3 days sorted',
  ...generatedTexts(1_000),
];
const clause = (text: string, start: number, end: number): ClauseSentiment => ({ start, end, text: text.slice(start, end), score: 0, label: 'neutral' });

// One test of a pattern on the whole text stands in for one test per clause: it may only say "no match"
// when no clause could match.
describe('patterns tested once on the whole text', () => {
  it('a pattern that finds nothing in the text finds nothing in any clause, whenever the shortcut is taken', () => {
    for (const lang of ['fr', 'en']) {
      for (const text of TEXTS) {
        const clauses = sentiment.analyze(text, lang).clauses;
        if (!clausesEndAtNonWords(text, clauses)) continue;
        for (const pattern of PATTERNS) {
          if (!readsOnlyItsMatch(pattern) || pattern.test(text)) continue;
          for (const { text: clauseText } of clauses) expect({ pattern: pattern.source, clauseText, match: pattern.test(clauseText) }).toMatchObject({ match: false });
        }
      }
    }
  });

  it.each([
    ['\\b\\d+\\s?(min|minutes|mn)\\b', true],
    ['(?<!no )fees', false],
    ['fees(?= now)', false],
    ['(?!x)fees', false],
    ['^ok', false],
    ['nul$', false],
    ['\\Bque', false],
    ['(?<name>fees)', true],
  ])('readsOnlyItsMatch(/%s/iu) = %s', (source, expected) => {
    expect(readsOnlyItsMatch(new RegExp(source, 'iu'))).toBe(expected);
  });

  it('refuses clauses with a word character (or anything not ASCII) beside them', () => {
    const text = '3but fees, é nul';
    expect(clausesEndAtNonWords(text, [clause(text, 0, 1), clause(text, 1, 9)])).toBe(false); // "3" | "but fees"
    expect(clausesEndAtNonWords(text, [clause(text, 0, 9), clause(text, 12, 16)])).toBe(false); // "é" before " nul"
    expect(clausesEndAtNonWords(text, [clause(text, 0, 9), clause(text, 11, 16)])).toBe(true);
    expect(clausesEndAtNonWords(text, [{ ...clause(text, 0, 9), text: 'other' }])).toBe(false);
  });

  it('the tagger finds the same themes whatever it read before (its word memory holds no state that matters)', () => {
    const warm = new RuleThemeTagger(taxonomy);
    for (const lang of ['fr', 'en', 'es']) {
      for (const text of TEXTS.slice(0, 300)) {
        const analysis = sentiment.analyze(text, lang);
        expect(warm.tag(text, lang, analysis)).toEqual(new RuleThemeTagger(taxonomy).tag(text, lang, analysis));
      }
    }
  });
});
