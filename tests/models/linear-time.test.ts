import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { createLanguageDetector } from '../../models/language/language-detector.js';
import { LexiconSentimentModel } from '../../models/sentiment/lexicon-sentiment.js';
import { StemmedLexiconSentimentModel } from '../../models/sentiment/stemmed-lexicon-sentiment.js';
import { RuleThemeTagger } from '../../models/themes/rule-tagger.js';
import { loadTaxonomy } from '../../models/themes/taxonomy.js';
import { tokenize } from '../../models/tokenize.js';
import { filled, LINEAR_BOUND, lettersWithoutSpaces, workGrowth } from './work-growth.js';

// Issue 16 item 4: no pattern of the text path may take more than linear time. Each row is a text shape
// built against one kind of repetition; the work must grow about fourfold when the text does (sixteenfold
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
    expect(workGrowth(run, shape, 15_000)).toBeLessThan(LINEAR_BOUND);
  });

  it.each(SHAPES)('language: %s', async (_name, shape) => {
    const detector = await createLanguageDetector();
    const run = (text: string): void => {
      expect(detector.detect(text).confidence).toBeGreaterThanOrEqual(0);
    };
    expect(workGrowth(run, shape, 15_000)).toBeLessThan(LINEAR_BOUND);
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
      expect(workGrowth(run, shape, 2_000)).toBeLessThan(LINEAR_BOUND);
    });
    it.each(CLAUSE_SHAPES)('%s', (_name, shape) => {
      expect(workGrowth(run, shape, 250)).toBeLessThan(LINEAR_BOUND);
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
      expect(workGrowth(run, shape, 2_000)).toBeLessThan(LINEAR_BOUND);
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
      expect(workGrowth(run, shape, 2_000)).toBeLessThan(LINEAR_BOUND);
    });
  });
});

describe('the growth measure itself', () => {
  // Reads the rest of the text from each character. (Not a backtracking regular expression: V8 may
  // switch those to its linear engine once they backtrack too much, which makes a poor yardstick.)
  const quadratic = (text: string): number => {
    let sum = 0;
    for (let i = 0; i < text.length; i++) for (let j = i; j < text.length; j++) sum += text.charCodeAt(j);
    return sum;
  };
  it('flags quadratic work', () => {
    // Only steps from 5 ms up: a CI run on two loaded cores once read 10.9 from the 0.5 ms → 8 ms step (16 when quiet).
    expect(workGrowth(quadratic, filled('ab'), 250, 3, 5_000)).toBeGreaterThan(LINEAR_BOUND);
  });
  it('passes linear work', () => {
    expect(workGrowth((text) => text.split('').reverse().join(''), lettersWithoutSpaces, 15_000)).toBeLessThan(LINEAR_BOUND);
  });
});
