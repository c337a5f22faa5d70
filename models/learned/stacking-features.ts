import type { SentimentLabel } from '../../core/vocabulary.js';
import { charClassAt, codeUnitsAt, LETTER_OR_NUMBER } from '../char-classes.js';
import type { SentimentAnalysis } from '../types.js';
import type { PolarityProbabilities } from './sentiment-classifier.js';

/**
 * What the combined sentiment model reads of a text: the base models' answers, never the
 * words. Names in feature order; stored in the model file so training and scoring agree.
 */
export const STACKING_FEATURES = [
  'learned.p_negative', 'learned.p_neutral', 'learned.p_positive', 'learned.polarity',
  'learned.is_negative', 'learned.is_neutral', 'learned.is_positive', 'learned.is_mixed',
  'learned.clause_max', 'learned.clause_min',
  'rules.score', 'rules.is_negative', 'rules.is_neutral', 'rules.is_positive', 'rules.is_mixed',
  'rules.clause_max', 'rules.clause_min', 'rules.silent',
  'classifier.negative', 'classifier.neutral', 'classifier.positive', 'classifier.mixed',
  'default.is_negative', 'default.is_neutral', 'default.is_positive', 'default.is_mixed',
  'agree.same_side', 'agree.product', 'agree.gap',
  'text.log_words', 'text.clauses', 'text.exclamation', 'text.question', 'lang.fr', 'lang.en',
] as const;

/** The base models' answers on one text. */
export interface BaseAnswers {
  readonly text: string;
  readonly lang: string;
  /** The learned model on the whole text (calibrated), and its analysis (label with `mixed`, clauses). */
  readonly learned: PolarityProbabilities;
  readonly learnedAnalysis: SentimentAnalysis;
  /** The lexicon-and-rules model. */
  readonly rules: SentimentAnalysis;
  /** The labelled-CX classifier's P(label), by label; empty when there is none. */
  readonly classifier: Readonly<Partial<Record<SentimentLabel, number>>>;
  /** The rules' label once the classifier has overridden it where sure: the former default's answer. */
  readonly assisted: SentimentLabel;
}


/**
 * The stacking feature vector of a text (STACKING_FEATURES order), all of them about −1..1 or 0..1.
 *
 * @example stackingFeatures(answers).length === STACKING_FEATURES.length
 */
export function stackingFeatures(answers: BaseAnswers): Float64Array {
  const { learned, learnedAnalysis, rules, classifier } = answers;
  const polarity = learned.positive - learned.negative;
  const side = (value: number): number => (value > 0.05 ? 1 : value < -0.05 ? -1 : 0);
  const words = wordCount(answers.text);
  const values = [
    learned.negative, learned.neutral, learned.positive, polarity,
    ...oneHot(learnedAnalysis.label),
    clauseExtreme(learnedAnalysis, Math.max), clauseExtreme(learnedAnalysis, Math.min),
    rules.score, ...oneHot(rules.label),
    clauseExtreme(rules, Math.max), clauseExtreme(rules, Math.min), rules.score === 0 ? 1 : 0,
    classifier.negative ?? 0, classifier.neutral ?? 0, classifier.positive ?? 0, classifier.mixed ?? 0,
    ...oneHot(answers.assisted),
    side(polarity) === side(rules.score) ? 1 : 0, polarity * rules.score, Math.abs(polarity - rules.score) / 2,
    Math.log1p(words) / 5, Math.min(learnedAnalysis.clauses.length, 6) / 6, answers.text.includes('!') ? 1 : 0, answers.text.includes('?') ? 1 : 0,
    answers.lang === 'fr' ? 1 : 0, answers.lang === 'en' ? 1 : 0,
  ];
  return Float64Array.from(values);
}

/**
 * How many times `/[\p{L}\p{N}]+/gu` matches: the runs of letters and digits (code points), counted
 * by one scan of character classes instead of an array of every word.
 */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let at = 0; at < text.length; at += codeUnitsAt(text, at)) {
    const word = (charClassAt(text, at) & LETTER_OR_NUMBER) !== 0;
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

function oneHot(label: SentimentLabel): [number, number, number, number] {
  return [label === 'negative' ? 1 : 0, label === 'neutral' ? 1 : 0, label === 'positive' ? 1 : 0, label === 'mixed' ? 1 : 0];
}

/** The most positive (max) or most negative (min) clause score; the overall score for a text of one clause. */
function clauseExtreme(analysis: SentimentAnalysis, pick: (a: number, b: number) => number): number {
  // A loop, not `pick(...scores)`: a megabyte-long comment has more clauses than a call has arguments.
  return analysis.clauses.reduce((best, clause) => pick(best, clause.score), analysis.clauses[0]?.score ?? analysis.score);
}
