import { describe, expect, it } from 'vitest';
import { foldedTokens, someTokenSpan, tokenize, tokenizeByPattern } from '../../models/tokenize.js';
import { generatedTexts, VARIED_TEXTS } from './varied-texts.js';

// The scanner stands in for the `WORD` pattern on every text the pipeline reads: it must find the same tokens.
describe('tokenize (scanner) equals the WORD pattern', () => {
  it.each(VARIED_TEXTS.map((text) => [text]))('%j', (text) => {
    expect(tokenize(text)).toEqual(tokenizeByPattern(text));
  });

  it('on 5,000 generated texts', () => {
    for (const text of generatedTexts(5_000)) expect(tokenize(text)).toEqual(tokenizeByPattern(text));
  });

  it('on every code point between two letters, after an emoticon eye and before an elision', () => {
    for (let point = 0; point < 0x110000; point += point < 0x10000 ? 1 : 17) {
      if (point >= 0xd800 && point < 0xe000) continue;
      const char = String.fromCodePoint(point);
      const text = `x${char}y :${char} ${char}'a ${char}’${char}`;
      const found = tokenize(text);
      const expected = tokenizeByPattern(text);
      if (JSON.stringify(found) !== JSON.stringify(expected)) expect({ point, found }).toEqual({ point, found: expected });
    }
  });

  it('foldedTokens gives the folded words of tokenize, on varied, generated texts and every code point', () => {
    const texts = [...VARIED_TEXTS, ...generatedTexts(2_000)];
    for (let point = 0; point < 0x110000; point += point < 0x10000 ? 1 : 17) {
      if (point < 0xd800 || point >= 0xe000) texts.push(`x${String.fromCodePoint(point)}y :${String.fromCodePoint(point)} É${String.fromCodePoint(point)}'a`);
    }
    for (const text of texts) {
      const expected = tokenize(text).map((token) => token.folded);
      const found = foldedTokens(text);
      if (found.join('\u0000') !== expected.join('\u0000') || found.length !== expected.length) expect({ text, found }).toEqual({ text, found: expected });
    }
  });

  it.each([
    ["l'appli", ["l'appli"]],
    ['c’est', ['c’est']],
    ["l'' 1'a a'1", ['l', "1'a", 'a', '1']],
    [':-) :-x :D :Dx =P ;(', [':-)', 'x', ':D', 'Dx', '=P', ';(']],
    // A skin-tone modifier is no pictograph; ©, ® and ™ are left out on purpose.
    ['👍🏽 ©®™ ⭐', ['👍', '⭐']],
    ['Café', ['Café']],
  ])('%j → %j', (text, words) => {
    expect(tokenize(text).map((token) => token.word)).toEqual(words);
  });
});

describe('someTokenSpan', () => {
  it('sees the spans tokenize finds, and stops at the first that passes', () => {
    for (const text of [...VARIED_TEXTS, ...generatedTexts(500)]) {
      const spans: string[] = [];
      expect(someTokenSpan(text, (start, end) => (spans.push(text.slice(start, end)), false))).toBe(false);
      expect(spans).toEqual(tokenize(text).map((token) => token.word));
    }
    let seen = 0;
    expect(someTokenSpan('aa bb cc', () => ++seen === 2)).toBe(true);
    expect(seen).toBe(2);
  });
});
