import { fold } from '../../core/text-folding.js';
import { charClassAt, codeUnitsAt, LETTER_OR_NUMBER, PICTOGRAPH } from '../char-classes.js';
import { letterOrNumberRunEnd } from '../tokenize.js';

/** A word of a text, folded, with whether it sits in a negation's scope. */
export interface MarkedToken {
  readonly word: string;
  readonly negated: boolean;
}

/**
 * Words that open a negation scope (folded). "n" is the French elision "n'"; English
 * contractions ("don't", "isn't") are kept whole by the tokenizer and end in "n't".
 */
const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nor', 'nothing', 'none', 'nobody', 'nowhere', 'neither', 'cannot', 'without', 'hardly', 'barely',
  'ne', 'n', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'personne', 'nullement', 'guere',
]);

/**
 * Words, contractions, emoji and the punctuation that ends a negation scope. One
 * alternation with no nested quantifiers over the same characters: linear time on any input.
 * The definition `scanMarkedTokens` scans by hand (tests hold the two equal).
 */
export const NEGATION_TOKEN = /[\p{L}\p{N}]+(?:['’]t(?![\p{L}\p{N}]))?|\p{Extended_Pictographic}|[.!?,;:()]/gu;

/** Whether a folded word negates what follows ("not", "n't", "jamais", the elided "n'"). */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't") || word.endsWith('n’t');
}

/**
 * Folded words of a text with negation marking: every word after a negator, up to the
 * next punctuation mark, is `negated` ("not bad, but…": `bad` is). Punctuation is dropped.
 *
 * @example markNegation('Not bad, but slow') // [not, bad (negated), but, slow]
 */
export function markNegation(text: string): MarkedToken[] {
  const out: MarkedToken[] = [];
  scanMarkedTokens(text, (word, negated) => out.push({ word, negated }));
  return out;
}

/**
 * The tokens of `markNegation`, handed to `visit` one by one instead of collected:
 * the featurizer's loop allocates nothing per token. `isNegatorWord` may be a memo of `isNegator`.
 */
export function scanMarkedTokens(text: string, visit: (word: string, negated: boolean) => void, isNegatorWord: (word: string) => boolean = isNegator): void {
  const folded = fold(text);
  const n = folded.length;
  let inScope = false;
  // The matches of NEGATION_TOKEN by one scan of character classes: no match array per token.
  for (let at = 0; at < n; ) {
    const end = tokenEnd(folded, at, n);
    if (end === -1) {
      at += codeUnitsAt(folded, at);
      continue;
    }
    if (end === SCOPE_END) {
      inScope = false;
      at += 1;
      continue;
    }
    const token = folded.slice(at, end);
    at = end;
    // Only the first ’: a token holds at most one (the contraction's).
    const word = token.includes('’') ? token.replace('’', "'") : token;
    const negator = isNegatorWord(word);
    visit(word, inScope && !negator);
    if (negator) inScope = true;
  }
}

/** `tokenEnd`'s answer for a punctuation mark that ends a negation scope. */
export const SCOPE_END = -2;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const LOWER_T = 0x74;
/** ©, ® and ™: `\p{Extended_Pictographic}`, but not in the tokenizer's `PICTOGRAPH` class. */
const MARKS_AS_PICTOGRAPHS: ReadonlySet<number> = new Set([0xa9, 0xae, 0x2122]);
/** `.!?,;:()` by code unit. */
const SCOPE_ENDERS: ReadonlySet<number> = new Set([...'.!?,;:()'].map((char) => char.charCodeAt(0)));

/** Where a NEGATION_TOKEN match starting at `at` ends (`text` folded): −1 when none starts there, SCOPE_END for a scope-ending mark (the alternatives in order). */
export function tokenEnd(text: string, at: number, n: number): number {
  const first = charClassAt(text, at);
  if ((first & LETTER_OR_NUMBER) !== 0) {
    const end = letterOrNumberRunEnd(text, at, n);
    const quote = text.charCodeAt(end);
    if ((quote === APOSTROPHE || quote === RIGHT_QUOTE) && text.charCodeAt(end + 1) === LOWER_T && (end + 2 >= n || (charClassAt(text, end + 2) & LETTER_OR_NUMBER) === 0)) {
      return end + 2;
    }
    return end;
  }
  const code = text.charCodeAt(at);
  if ((first & PICTOGRAPH) !== 0 || MARKS_AS_PICTOGRAPHS.has(code)) return at + codeUnitsAt(text, at);
  return SCOPE_ENDERS.has(code) ? SCOPE_END : -1;
}
