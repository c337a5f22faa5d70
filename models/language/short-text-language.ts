import type { LanguageGuess } from '../types.js';
import type { NgramLanguageScorer } from './eld-top-two.js';
import { languageWords } from './short-text-features.js';
import { SHORT_TEXT_SETTINGS } from './short-text-settings.js';

/** What the short-text decision needs of the learned model (models/language/short-text-model.ts). */
export interface FrenchEnglishScorer {
  /** P(French | French or English) of the words `languageWords` read from a text. */
  frenchProbabilityOfWords(words: readonly string[]): number;
  /** Whether every word is a common French or English word ("hidden fees" yes, "sehr gut" no). */
  allWordsKnown(words: readonly string[]): boolean;
}

/**
 * The other languages the pipeline knows by name (sentiment rules, taxonomy terms). eld's guess of
 * one of them is taken on a short text only when a word of it is not a common French or English
 * word. On 16,117 French and English windows under 20 characters cut from held-out training texts,
 * eld named one of these for 5.8 % (0.9 % when its lead is 0.05 or more), 0.6 % with this test; on
 * 231 such windows of our Spanish, German, Italian, Dutch and Portuguese CX labels it was right for
 * 86 % (69 % at a lead of 0.05), 68 % with this test.
 */
const OTHER_LANGUAGES = new Set(['es', 'de', 'it', 'nl', 'pt']);

/** eld's confidence scale, as the detector gives it on longer texts. */
function fromEld(language: string, margin: number): LanguageGuess {
  return { lang: language, confidence: Math.max(0, Math.min(1, 0.5 + margin * 3)) };
}

/** Confidence of `und` when French and English read equally well. */
const AMBIGUOUS_CONFIDENCE = 0.3;

const LATIN = /\p{Script=Latin}/u;

/**
 * The language of a text of a few words ("Bad service", "Très déçu", "Sehr gut"): eld's when the
 * text is in another script, or when eld sees Spanish, German, Italian, Dutch or Portuguese in
 * words that are not common French or English ones; else French or English by the learned
 * short-text model; `und` with both as `candidates` when that model cannot tell them apart
 * ("Terrible service").
 *
 * @example decideShortText('Bad service', eld, model) // { lang: 'en', confidence: 0.91 }
 */
export function decideShortText(text: string, ngrams: NgramLanguageScorer, model: FrenchEnglishScorer): LanguageGuess {
  const words = languageWords(text);
  if (words.length === 0) return { lang: 'und', confidence: 0 };
  if (!words.some((word) => LATIN.test(word))) {
    const top = ngrams.topTwo(words.join(' '));
    return top === undefined ? { lang: 'und', confidence: 0 } : fromEld(top.language, top.margin);
  }
  // eld only when a word is not common French or English: most short answers need no n-gram pass.
  if (!model.allWordsKnown(words)) {
    const top = ngrams.topTwo(words.join(' '));
    if (top !== undefined && OTHER_LANGUAGES.has(top.language)) return fromEld(top.language, top.margin);
  }
  const french = model.frenchProbabilityOfWords(words);
  if (Math.abs(french - 0.5) < SHORT_TEXT_SETTINGS.ambiguousBelow) return ambiguousFrenchEnglish(french);
  return { lang: french > 0.5 ? 'fr' : 'en', confidence: Math.max(french, 1 - french) };
}

/**
 * `und`, both languages as candidates, the likelier first: the source's prior may settle it, and
 * sentiment is still scored when French and English agree (pipeline/stages/model-stages.ts).
 */
export function ambiguousFrenchEnglish(frenchProbability: number): LanguageGuess {
  return { lang: 'und', confidence: AMBIGUOUS_CONFIDENCE, candidates: frenchProbability >= 0.5 ? ['fr', 'en'] : ['en', 'fr'] };
}
