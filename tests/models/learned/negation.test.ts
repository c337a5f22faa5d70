import { describe, expect, it } from 'vitest';
import { markNegation } from '../../../models/learned/negation.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';
import { referenceMarkNegation } from './reference-features.js';

const negatedWords = (text: string): string[] => markNegation(text).filter((token) => token.negated).map((token) => token.word);

describe('negation marking', () => {
  it.each([
    ['Not bad, but the fees are too high.', ['bad']],
    ["I don't like the app. It is slow", ['like', 'the', 'app']],
    ['never again', ['again']],
    ["Ce n'est pas terrible, vraiment.", ['est', 'terrible']],
    ['Je ne recommande pas cette banque ! Fuyez', ['recommande', 'cette', 'banque']],
    ['Sans aucun problème', ['problème'.normalize('NFD').replace(/\p{M}/gu, '')]],
    ['Great service', []],
  ])('%s → negated %j', (text, expected) => {
    expect(negatedWords(text)).toEqual(expected);
  });

  it('keeps every word, folded, in order', () => {
    expect(markNegation('Très BON conseiller').map((token) => token.word)).toEqual(['tres', 'bon', 'conseiller']);
  });

  it.each([
    ['one repeated letter', 'a'.repeat(2_000_000)],
    ['letters without spaces', 'abcdefghij'.repeat(200_000)],
    ['@ and .', '@.'.repeat(1_000_000)],
    ["apostrophes", "n'".repeat(1_000_000)],
  ])('finishes on a megabyte-long text of %s (linear-time tokenizer)', (_, text) => {
    expect(markNegation(text).length).toBeLessThanOrEqual(text.length);
  });

  // The scanner stands in for NEGATION_TOKEN (kept in reference-features.ts): the same words, the same scopes.
  it('equals the NEGATION_TOKEN pattern on varied and generated texts', () => {
    for (const text of [...VARIED_TEXTS, ...generatedTexts(3_000)]) expect(markNegation(text)).toEqual(referenceMarkNegation(text));
  });

  it("equals the pattern on every code point inside a word, before a contraction's t, beside punctuation and alone", () => {
    for (let point = 0; point < 0x110000; point += point < 0x10000 ? 1 : 17) {
      if (point >= 0xd800 && point < 0xe000) continue;
      const char = String.fromCodePoint(point);
      const text = `x${char}y n't${char} isn’${char} no${char}'t${char} ${char}.${char} (${char}) ${char}`;
      const found = markNegation(text);
      const expected = referenceMarkNegation(text);
      if (JSON.stringify(found) !== JSON.stringify(expected)) expect({ point, found }).toEqual({ point, found: expected });
    }
  });

  it.each([
    ['©®™ ⭐ 👍🏽', ['©', '®', '™', '⭐', '👍']],
    ["isn't isn’t can't't don'tx l'appli", ["isn't", "isn't", "can't", 't', 'don', 'tx', 'l', 'appli']],
    ['\uD83D lone \uDE00 low', ['lone', 'low']],
  ])('%j → %j', (text, words) => {
    expect(markNegation(text).map((token) => token.word)).toEqual(words);
  });
});
