import { fold } from '../core/text-folding.js';

/** A word token with its offsets in the original text. */
export interface Token {
  readonly word: string;
  readonly folded: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A word, an emoji (any pictograph: ⭐ U+2B50 and 🫶 are outside the old emoji
 * blocks; not ©, ®, ™), or an emoticon. Emoticon letters are matched in either
 * case, since callers tokenize folded (lower-cased) text too: ":D" and ":d".
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|(?![©®™])\p{Extended_Pictographic}|[:;=][-']?(?:[()]|[DdPp](?![\p{L}\p{N}]))/gu;

/** Words (apostrophe elisions kept together: "l'appli"), emoji and emoticons, with offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // `exec` on the one global expression, not `matchAll`, which clones the expression and builds an iterator per call.
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const word = match[0];
    tokens.push({ word, folded: fold(word), start: match.index, end: match.index + word.length });
  }
  return tokens;
}
