import { describe, expect, it } from 'vitest';
import { fold } from '../../../core/text-folding.js';
import { LEXICON } from '../../../models/sentiment/lexicons.js';
import { WordLexicon } from '../../../models/sentiment/word-lexicon.js';
import { tokenize } from '../../../models/tokenize.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

/** The definition: the exact entry, else the value of the longest `prefix*` entry the word starts with (a bare `*` only beside longer prefixes). */
function reference(entries: Readonly<Record<string, number>>, word: string): number | undefined {
  if (Object.hasOwn(entries, word) && !word.endsWith('*')) return entries[word];
  const prefixes = Object.keys(entries).filter((key) => key.endsWith('*')).map((key) => key.slice(0, -1));
  const longest = Math.max(0, ...prefixes.map((prefix) => prefix.length));
  if (longest === 0) return undefined;
  for (let length = Math.min(word.length, longest); length >= 0; length--) {
    const prefix = word.slice(0, length);
    if (prefixes.includes(prefix)) return entries[`${prefix}*`];
  }
  return undefined;
}

/** Lexicons whose prefixes share first letters, are one or two characters long, or hold characters past ten bits (same bucket key). */
const LEXICONS: readonly Readonly<Record<string, number>>[] = [
  LEXICON.fr,
  LEXICON.en,
  { 'dec*': -1, 'decev*': -2, 'decevant*': -3, decevante: 4, 'de*': 5 },
  { 'a*': 1, 'ab*': 2, b: 3, 'é*': 4 },
  { '*': 9, 'ok*': 1 },
  { '*': 9 },
  { 'x\u0400y*': 1, 'x\u0000y*': 2, '\u0400a*': 3, '\u0000a*': 4, 'ya*': 5 },
  {},
];

function words(): string[] {
  const out = new Set<string>(['', 'a', 'ab', 'abc', 'b', 'é', 'ok', 'okay', 'x\u0400yz', 'x\u0000yz', '\u0400ab', '\u0000ab', 'yab', 'decevantes', 'decevante', 'decu', 'de', 'd']);
  for (const lexicon of LEXICONS) for (const key of Object.keys(lexicon)) for (const suffix of ['', 's', 'ment', '*']) out.add(key.replace(/\*$/, '') + suffix);
  for (const text of [...VARIED_TEXTS, ...generatedTexts(1_000)]) for (const token of tokenize(fold(text))) out.add(token.folded);
  return [...out];
}

// The scorers read every folded word through this: it must answer as the exact-then-longest-prefix definition.
describe('WordLexicon', () => {
  it('answers every word as the definition does, in each lexicon', () => {
    const all = words();
    for (const entries of LEXICONS) {
      const lexicon = new WordLexicon(entries);
      for (const word of all) {
        const found = lexicon.get(word);
        const expected = reference(entries, word);
        if (found !== expected) expect({ entries, word, found }).toEqual({ entries, word, found: expected });
      }
    }
  });

  it.each([
    ['decevante', 4],
    ['decevantes', -3],
    ['deceve', -2],
    ['decor', -1],
    ['des', 5],
    ['d', undefined],
  ])('%j → %j (exact first, then the longest prefix)', (word, value) => {
    expect(new WordLexicon(LEXICONS[2] as Record<string, number>).get(word)).toBe(value);
  });

  it('reads a megabyte-long word without trouble (the comparisons stop at each prefix)', () => {
    const lexicon = new WordLexicon(LEXICON.fr);
    expect(lexicon.get('a'.repeat(1_000_000))).toBe(reference(LEXICON.fr, 'a'.repeat(1_000_000)));
  });
});
