import { fold } from '../../core/text-folding.js';
import { continueHash, finishHash, FNV_OFFSET, hashFeature } from '../learned/hashing.js';

/**
 * What the short-text language model reads of a text: its words (as written and accent-folded,
 * so "tres" meets "très") and the character 1–4-grams of each word with its boundaries
 * (" bad ", " nul" …), hashed into `buckets` (a power of two). Handles (@united), links and
 * digits are left out: they say nothing of the language and fill short tweets.
 *
 * @example shortTextFeatures('Bad service', 1 << 16) // bucket indices, a feature may repeat
 */
export function shortTextFeatures(text: string, buckets: number): number[] {
  return wordFeatures(languageWords(text), buckets);
}

/** `shortTextFeatures` of words already read by `languageWords`. */
export function wordFeatures(words: readonly string[], buckets: number): number[] {
  const mask = buckets - 1;
  const features: number[] = [];
  for (const word of words) {
    features.push(finishHash(continueHash(WORD_PREFIX, word, 0, word.length)) & mask);
    const folded = fold(word);
    if (folded !== word) features.push(finishHash(continueHash(FOLDED_PREFIX, folded, 0, folded.length)) & mask);
    const bounded = ` ${word} `;
    for (let n = 1; n <= 4; n++) {
      for (let at = 0; at + n <= bounded.length; at++) {
        if (n === 1 && (at === 0 || at === bounded.length - 1)) continue;
        // Same as hashFeature(`c:${gram}`), without building the string.
        features.push(finishHash(continueHash(GRAM_PREFIX, bounded, at, at + n)) & mask);
      }
    }
  }
  return features;
}

const WORD_PREFIX = continueHash(FNV_OFFSET, 'w:', 0, 2);
const FOLDED_PREFIX = continueHash(FNV_OFFSET, 'f:', 0, 2);
const GRAM_PREFIX = continueHash(FNV_OFFSET, 'c:', 0, 2);

/** A link's start: a whitespace-separated token that begins so is not read. */
const LINK = /^(?:https?:|www\.)/;
/** A word: letters, with inner apostrophes ("c'est", "don't") kept in one word. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/**
 * The lower-cased words of a text that can carry its language ("@united I dmed" → ["i", "dmed"]):
 * tokens holding an `@` (handles, e-mail addresses) or starting a link are skipped. Tokens are cut
 * at whitespace first, so no pattern rescans a long run without spaces (linear time).
 */
export function languageWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.toLowerCase().split(/\s+/)) {
    if (token === '' || token.includes('@') || LINK.test(token)) continue;
    for (const match of token.matchAll(WORD)) words.push(match[0].replaceAll('’', "'"));
  }
  return words;
}

/** The bit of a word in a known-word set of `bits` bits (a power of two). */
export function knownWordBit(word: string, bits: number): number {
  return hashFeature(`k:${word}`) & (bits - 1);
}
