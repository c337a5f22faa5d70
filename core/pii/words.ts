import { runEnd } from './text-spans.js';

/** Walking over words by hand, for finders whose patterns would backtrack as one regex. */

const WORD = /[\p{L}\p{M}'’-]+/uy;
const CAPITALISED = /^\p{Lu}/u;

/** A word of letters (apostrophes and hyphens inside) at a position. */
export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The word starting at `index` after up to `maxSpaces` spaces or tabs, if any. */
export function wordAt(text: string, index: number, maxSpaces = 2): Word | undefined {
  let start = index;
  for (let spaces = 0; spaces < maxSpaces && (text.charAt(start) === ' ' || text.charAt(start) === '\t' || text.charAt(start) === '\u00a0'); spaces++) start++;
  const end = runEnd(text, start, WORD);
  if (end === start) return undefined;
  // A word ends on a letter: "Paix'" or "Dupont-" keep their trailing mark out.
  let last = end;
  while (last > start && "'’-".includes(text.charAt(last - 1))) last--;
  return last === start ? undefined : { start, end: last, text: text.slice(start, last) };
}

/** Whether a word starts with a capital letter. */
export function isCapitalised(word: Word): boolean {
  return CAPITALISED.test(word.text);
}

/** The end of a match of `sticky` (a `y` regex) at `index`, or undefined. */
export function stickyEnd(text: string, index: number, sticky: RegExp): number | undefined {
  const end = runEnd(text, index, sticky);
  return end === index ? undefined : end;
}
