import { describe, expect, it } from 'vitest';
import { markNegation } from '../../../models/learned/negation.js';

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
});
