import { fold } from '../../core/text-folding.js';

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
 */
const TOKEN = /[\p{L}\p{N}]+(?:['’]t(?![\p{L}\p{N}]))?|\p{Extended_Pictographic}|[.!?,;:()]/gu;
const SCOPE_END = /^[.!?,;:()]$/;

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
  let inScope = false;
  for (const match of fold(text).matchAll(TOKEN)) {
    const word = match[0].replace('’', "'");
    if (SCOPE_END.test(word)) {
      inScope = false;
      continue;
    }
    const negator = isNegator(word);
    out.push({ word, negated: inScope && !negator });
    if (negator) inScope = true;
  }
  return out;
}
