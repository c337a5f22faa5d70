import { fold } from '../core/text-folding.js';
import { charClassAt, codeUnitsAt, LETTER, LETTER_OR_NUMBER, PICTOGRAPH } from './char-classes.js';

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
 * The definition `tokenize` scans by hand (tests hold the two equal).
 */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|(?![©®™])\p{Extended_Pictographic}|[:;=][-']?(?:[()]|[DdPp](?![\p{L}\p{N}]))/gu;

/**
 * Words (apostrophe elisions kept together: "l'appli"), emoji and emoticons, with offsets:
 * the matches of `WORD`, found by one scan of character classes (no match array per token).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  someTokenSpan(text, (start, end) => {
    const word = text.slice(start, end);
    tokens.push({ word, folded: fold(word), start, end });
    return false;
  });
  return tokens;
}

/**
 * The folded words of `tokenize(text)`, in order, without a token object each: what a
 * reader of `folded` alone needs (the lexicon scorer).
 *
 * @example foldedTokens("C'est TRÈS bien :D") // ["c'est", 'tres', 'bien', ':d']
 */
export function foldedTokens(text: string): string[] {
  const words: string[] = [];
  // A loop of its own, not a `someTokenSpan` callback: more callbacks there would make its call site megamorphic.
  const n = text.length;
  for (let at = 0; at < n; ) {
    const end = tokenEnd(text, at, n);
    if (end === -1) {
      at += codeUnitsAt(text, at);
      continue;
    }
    words.push(fold(text.slice(at, end)));
    at = end;
  }
  return words;
}

/**
 * Whether some token's span satisfies `test`: the spans `tokenize` finds, without
 * building token objects or folding words, stopping at the first that does.
 *
 * @example someTokenSpan('c est NUL', (start, end) => end - start >= 3) // true
 */
export function someTokenSpan(text: string, test: (start: number, end: number) => boolean): boolean {
  const n = text.length;
  let at = 0;
  while (at < n) {
    const end = tokenEnd(text, at, n);
    if (end === -1) {
      at += codeUnitsAt(text, at);
      continue;
    }
    if (test(at, end)) return true;
    at = end;
  }
  return false;
}

/** The tokens as `WORD` finds them: the definition the scanner must equal. */
export function tokenizeByPattern(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = new RegExp(WORD.source, WORD.flags);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const word = match[0];
    tokens.push({ word, folded: fold(word), start: match.index, end: match.index + word.length });
  }
  return tokens;
}

/** Where a token starting at `at` ends, or −1 when none starts there (the alternatives of `WORD`, in order; `n`: the text's length). */
export function tokenEnd(text: string, at: number, n: number): number {
  const first = charClassAt(text, at);
  if ((first & LETTER_OR_NUMBER) !== 0) {
    let end = letterOrNumberRunEnd(text, at, n);
    const apostrophe = text.charCodeAt(end);
    if ((apostrophe === 0x27 || apostrophe === 0x2019) && end + 1 < n && (charClassAt(text, end + 1) & LETTER) !== 0) {
      end += 1;
      while (end < n && (charClassAt(text, end) & LETTER) !== 0) end += codeUnitsAt(text, end);
    }
    return end;
  }
  if ((first & PICTOGRAPH) !== 0) return at + codeUnitsAt(text, at);
  const code = text.charCodeAt(at);
  if (code !== 0x3a && code !== 0x3b && code !== 0x3d) return -1;
  // `[-']?` is greedy: with the dash or quote first, then without it.
  const next = text.charCodeAt(at + 1);
  if (next === 0x2d || next === 0x27) {
    const end = emoticonMouthEnd(text, at + 2, n);
    if (end !== -1) return end;
  }
  return emoticonMouthEnd(text, at + 1, n);
}

/** `(?:[()]|[DdPp](?![\p{L}\p{N}]))` at `at`: the end, or −1. */
function emoticonMouthEnd(text: string, at: number, n: number): number {
  if (at >= n) return -1;
  const code = text.charCodeAt(at);
  if (code === 0x28 || code === 0x29) return at + 1;
  if (code !== 0x44 && code !== 0x64 && code !== 0x50 && code !== 0x70) return -1;
  return at + 1 < n && (charClassAt(text, at + 1) & LETTER_OR_NUMBER) !== 0 ? -1 : at + 1;
}

/**
 * Where the run of letters and numbers from `at` ends: ASCII read by table (most words), anything
 * else by `charClassAt`, so a run of plain words makes no call per character.
 */
export function letterOrNumberRunEnd(text: string, at: number, n: number): number {
  let end = at;
  while (end < n) {
    const code = text.charCodeAt(end);
    if (code < 0x80) {
      if (ASCII_LETTER_OR_NUMBER[code] === 0) return end;
      end += 1;
    } else {
      if ((charClassAt(text, end) & LETTER_OR_NUMBER) === 0) return end;
      end += codeUnitsAt(text, end);
    }
  }
  return end;
}

/** 1 for `[0-9A-Za-z]`: the ASCII characters of `\p{L}` and `\p{N}`. */
const ASCII_LETTER_OR_NUMBER: Uint8Array = (() => {
  const table = new Uint8Array(0x80);
  for (let code = 0; code < 0x80; code++) table[code] = (charClassAt(String.fromCharCode(code), 0) & LETTER_OR_NUMBER) !== 0 ? 1 : 0;
  return table;
})();
