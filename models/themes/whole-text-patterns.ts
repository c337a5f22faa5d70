import type { ClauseSentiment } from '../types.js';

/**
 * Whether a clause match of `pattern` is always a match in the whole text too, when the clause's
 * neighbours in the text are no word characters: true without lookarounds, `^`, `$` or `\B`
 * (then only `\b` reads past the match, and it reads the same non-word edge in both).
 * Conservative: any `^` or `$`, even escaped or in a class, says no.
 */
export function readsOnlyItsMatch(pattern: RegExp): boolean {
  return !/\(\?<?[=!]|\^|\$|\\B/.test(pattern.source) && !pattern.sticky && !pattern.global;
}

/**
 * Whether every clause is `text.slice(start, end)` with a non-word character (or the text's end) on each side,
 * so a pattern that `readsOnlyItsMatch` and finds nothing in the text finds nothing in any clause. Any
 * non-ASCII neighbour counts as a word character: under `iu`, `\b` also sees ſ and K (Kelvin).
 */
export function clausesEndAtNonWords(text: string, clauses: readonly ClauseSentiment[]): boolean {
  for (const clause of clauses) {
    if (clause.end !== clause.start + clause.text.length || !text.startsWith(clause.text, clause.start)) return false;
    if (clause.start > 0 && mayBeWordChar(text.charCodeAt(clause.start - 1))) return false;
    if (clause.end < text.length && mayBeWordChar(text.charCodeAt(clause.end))) return false;
  }
  return true;
}

function mayBeWordChar(code: number): boolean {
  return code >= 0x80 || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}
