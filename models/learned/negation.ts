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
  scanMarkedTokens(text, (word, negated) => out.push({ word, negated }));
  return out;
}

/**
 * The tokens of `markNegation`, handed to `visit` one by one instead of collected:
 * the featurizer's loop allocates nothing per token. `isNegatorWord` may be a memo of `isNegator`.
 */
export function scanMarkedTokens(text: string, visit: (word: string, negated: boolean) => void, isNegatorWord: (word: string) => boolean = isNegator): void {
  const folded = fold(text);
  let inScope = false;
  // `exec` from a saved position, not `matchAll` (which clones the expression per call); re-entrant, since `visit` may scan too.
  for (let at = 0; ; ) {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(folded);
    if (match === null) return;
    at = TOKEN.lastIndex;
    const token = match[0];
    if (token.length === 1 && SCOPE_END.test(token)) {
      inScope = false;
      continue;
    }
    // Only the first ’: a token holds at most one (the contraction's).
    const word = token.includes('’') ? token.replace('’', "'") : token;
    const negator = isNegatorWord(word);
    visit(word, inScope && !negator);
    if (negator) inScope = true;
  }
}
