/**
 * The combined sentiment reads one rule analysis and one clause split per text, shared between
 * the learned model's `rule±` features and the base answers (issue 16, round 4). Each shared
 * piece must be what computing it afresh gives, so the stacking vector stays the same to the bit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../core/package-root.js';
import { ClassifierAssistedSentimentModel } from '../../../models/classifier/classifier-sentiment-model.js';
import { classifierScorers } from '../../../models/classifier/classifier-scorers.js';
import type { LabelScorer } from '../../../models/classifier/label-scorer.js';
import { loadTrainedClassifiers } from '../../../models/classifier/trained-classifiers.js';
import { DEFAULT_CLASSIFIERS_PATH } from '../../../models/fast-tier.js';
import { baseAnswers, type BaseModels } from '../../../models/learned/base-answers.js';
import { loadLearnedSentimentModel } from '../../../models/learned/default-sentiment.js';
import { stackingFeatures, wordCount, type BaseAnswers } from '../../../models/learned/stacking-features.js';
import { splitClauses } from '../../../models/sentiment/clauses.js';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import { CONCESSIVE, CONTRAST } from '../../../models/sentiment/lexicons.js';
import { MultilingualSentimentModel } from '../../../models/sentiment/multilingual-sentiment.js';
import { StemmedLexiconSentimentModel } from '../../../models/sentiment/stemmed-lexicon-sentiment.js';
import type { SentimentLabel } from '../../../core/vocabulary.js';
import type { SentimentModel } from '../../../models/types.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

const LANGS = ['fr', 'en'] as const;

/** A few hundred texts: the varied ones, generated mixes of them, and labelled CX answers. */
const TEXTS: readonly string[] = [
  ...VARIED_TEXTS,
  ...generatedTexts(250),
  ...readFileSync(path.join(PACKAGE_ROOT, 'samples', 'labels', 'cx-holdout.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 120)
    .map((line) => (JSON.parse(line) as { text: string }).text),
  'Super appli... mais conseiller injoignable, 3 semaines sans réponse',
  'Great app... not. Nobody called back.',
];

let models: BaseModels;
let rules: SentimentModel;
beforeAll(async () => {
  rules = new MultilingualSentimentModel([createSentimentModel(), new StemmedLexiconSentimentModel()]);
  models = { learned: await loadLearnedSentimentModel(), rules, classifier: classifierScorers(await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH)).sentiment };
});

/** Pushes every remembered analysis and split out (the memories hold the last four; this reads sixteen other texts). */
function forgetRecent(): void {
  for (let i = 0; i < 16; i++) rules.analyze(`forget ${i}, mais bon`, i % 2 === 0 ? 'fr' : 'en');
}

/** The base answers as they were computed before sharing: each model afresh, the former default's label by its own model. */
function answersAfresh(text: string, lang: string): BaseAnswers {
  forgetRecent();
  const { analysis, probabilities } = models.learned.analyzeWithProbabilities(text, lang);
  forgetRecent();
  const analysed = rules.analyze(text, lang);
  const classifier = models.classifier as LabelScorer;
  const p = classifier.probabilities(text, lang);
  const byLabel: Partial<Record<SentimentLabel, number>> = {};
  classifier.labels.forEach((label, index) => {
    if (['negative', 'neutral', 'positive', 'mixed'].includes(label)) byLabel[label as SentimentLabel] = p[index] ?? 0;
  });
  const answered: SentimentModel = { version: 'rules', languages: [lang], analyze: () => analysed };
  const assisted = new ClassifierAssistedSentimentModel(answered, classifier, 'stacking', { overridesPolarity: true }).analyze(text, lang).label;
  return { text, lang, learned: probabilities ?? { negative: 0, neutral: 1, positive: 0 }, learnedAnalysis: analysis, rules: analysed, classifier: byLabel, assisted };
}

const bits = (values: Float64Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');

describe('one rule analysis and one split per text, shared', () => {
  it(`has ${TEXTS.length} texts to compare`, () => {
    expect(TEXTS.length).toBeGreaterThan(300);
  });

  it('hands out the remembered analysis of a text in a language, and the same one as afresh', () => {
    for (const text of TEXTS) {
      // Both languages back to back: a memory that forgot the language would answer one for the other.
      const fr = rules.analyze(text, 'fr');
      const en = rules.analyze(text, 'en');
      expect(rules.analyze(text, 'fr')).toBe(fr);
      expect(rules.analyze(text, 'en')).toBe(en);
      for (const [lang, remembered] of [['fr', fr], ['en', en]] as const) {
        forgetRecent();
        const afresh = rules.analyze(text, lang);
        // Really afresh (not the remembered object), and equal to it.
        expect(afresh).not.toBe(remembered);
        expect(afresh).toEqual(remembered);
      }
    }
  });

  it('splits a text as afresh when the split is remembered, language by language', () => {
    const markersOf = (lang: 'fr' | 'en'): { contrast: ReadonlySet<string>; concessive: ReadonlySet<string> } => ({ contrast: CONTRAST[lang], concessive: CONCESSIVE[lang] });
    for (const text of [...TEXTS, 'Bien mais cher, good but slow although fine, même si lent']) {
      const fr = splitClauses(text, markersOf('fr'));
      const en = splitClauses(text, markersOf('en'));
      expect(splitClauses(text, markersOf('fr'))).toBe(fr);
      forgetRecent();
      expect(splitClauses(text, markersOf('fr'))).toEqual(fr);
      forgetRecent();
      expect(splitClauses(text, markersOf('en'))).toEqual(en);
    }
  });

  it('gives the combined model the same stacking vector, to the bit, as the base models run apart', () => {
    for (const text of TEXTS) {
      for (const lang of LANGS) {
        if (text.trim() === '') continue;
        const shared = baseAnswers(text, lang, models);
        const afresh = answersAfresh(text, lang);
        expect(shared.rules).toEqual(afresh.rules);
        expect(shared.assisted).toBe(afresh.assisted);
        expect({ text, lang, vector: bits(stackingFeatures(shared)) }).toEqual({ text, lang, vector: bits(stackingFeatures(afresh)) });
      }
    }
  });

  it('counts the words the stacking reads as the pattern /[\\p{L}\\p{N}]+/gu does, on every code point', () => {
    const texts = [...TEXTS];
    for (let point = 0; point < 0x110000; point += point < 0x10000 ? 1 : 17) {
      if (point < 0xd800 || point >= 0xe000) texts.push(`a${String.fromCodePoint(point)}b ${String.fromCodePoint(point)} 1`);
    }
    texts.push('\uD83D lone \uDE00', '𝔘𝔫𝔦 ５ ½');
    for (const text of texts) expect({ text, count: wordCount(text) }).toEqual({ text, count: text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0 });
  });
});
