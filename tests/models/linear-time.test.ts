import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { createLanguageDetector } from '../../models/language/language-detector.js';
import { LexiconSentimentModel } from '../../models/sentiment/lexicon-sentiment.js';
import { StemmedLexiconSentimentModel } from '../../models/sentiment/stemmed-lexicon-sentiment.js';
import { RuleThemeTagger } from '../../models/themes/rule-tagger.js';
import { loadTaxonomy } from '../../models/themes/taxonomy.js';
import { tokenize } from '../../models/tokenize.js';
import { filled, lettersWithoutSpaces, workGrowth } from './work-growth.js';

// Issue 16 item 4: no pattern of the text path may take more than linear time. Each row is a text shape
// built against one kind of repetition; the work on 4n characters must stay near 4× the work on n (16×
// would be quadratic), and a word written after the run must still be read.
const SHAPES: ReadonlyArray<readonly [string, (size: number) => string]> = [
  ['one repeated letter', filled('a')],
  ['letters without spaces', lettersWithoutSpaces],
  // Was quadratic: `\p{L}*(\p{L})\1{2,}\p{L}*` rescanned a run without a stretch from each letter.
  ['letters without spaces, then a stretched word', (size) => `${filled('ab')(size)} aaa`],
  ['@ repeated', filled('@')],
  ['@ and . alternating', filled('@.')],
  ['a@a. repeated', filled('a@a.')],
  ['digit pairs and spaces', filled('06 ')],
  ['digits and dots', filled('12.')],
  ['digits and dashes', filled('12-')],
  ['whitespace', filled(' \t\n')],
];
// Texts cut into a clause every two characters cost the most per character: measured on less.
const CLAUSE_SHAPES: ReadonlyArray<readonly [string, (size: number) => string]> = [
  ['a clause every two characters', filled('a.')],
  ['contrast markers', filled('mais but ')],
];

describe('text path work grows linearly with the text', () => {
  it.each(SHAPES)('tokenize: %s', (_name, shape) => {
    const run = (text: string): void => {
      expect(tokenize(`${text} fin`).at(-1)?.word).toBe('fin');
    };
    expect(workGrowth(run, shape, 250_000)).toBeLessThan(8);
  });

  it.each(SHAPES)('language: %s', async (_name, shape) => {
    const detector = await createLanguageDetector();
    const run = (text: string): void => {
      expect(detector.detect(text).confidence).toBeGreaterThanOrEqual(0);
    };
    expect(workGrowth(run, shape, 250_000)).toBeLessThan(8);
  });

  describe.each([
    ['fr', 'nuuul'],
    ['en', 'awfuuul'],
  ])('sentiment (%s)', (lang, tail) => {
    const model = new LexiconSentimentModel();
    const run = (text: string): void => {
      expect(model.analyze(`${text} ${tail}`, lang).label).toBe('negative');
    };
    it.each(SHAPES)('%s', (_name, shape) => {
      expect(workGrowth(run, shape, 32_000)).toBeLessThan(8);
    });
    it.each(CLAUSE_SHAPES)('%s', (_name, shape) => {
      expect(workGrowth(run, shape, 4_000)).toBeLessThan(8);
    });
  });

  describe.each([
    ['es', 'horrible'],
    ['de', 'schlecht'],
  ])('stemmed-lexicon sentiment (%s)', (lang, tail) => {
    const model = new StemmedLexiconSentimentModel();
    it.each(SHAPES)('%s', (_name, shape) => {
      const run = (text: string): void => {
        expect(model.analyze(`${text} ${tail}`, lang).label).toBe('negative');
      };
      expect(workGrowth(run, shape, 32_000)).toBeLessThan(8);
    });
  });

  describe.each([
    ['fr', 'frais'],
    ['en', 'fees'],
  ])('rule themes (%s)', (lang, tail) => {
    it.each(SHAPES)('%s', async (_name, shape) => {
      const tagger = new RuleThemeTagger(await loadTaxonomy(DEFAULT_TAXONOMY_PATH));
      const run = (text: string): void => {
        const themes = tagger.tag(`${text} ${tail}`, lang, { supported: true, label: 'neutral', score: 0, clauses: [] });
        expect(themes.map((mention) => mention.theme)).toContain('fees_pricing');
      };
      expect(workGrowth(run, shape, 32_000)).toBeLessThan(8);
    });
  });
});
