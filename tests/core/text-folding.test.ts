import { describe, expect, it } from 'vitest';
import { fold, slowStripAccents, stripAccents } from '../../core/text-folding.js';
import { generatedTexts, VARIED_TEXTS } from '../models/varied-texts.js';

// The table path of stripAccents must give what NFD + removing every combining mark gives.
describe('stripAccents equals NFD without combining marks', () => {
  it.each(VARIED_TEXTS.map((text) => [text]))('%j', (text) => {
    expect(stripAccents(text)).toBe(slowStripAccents(text));
    expect(fold(text)).toBe(slowStripAccents(text).toLowerCase());
  });

  it('on 5,000 generated texts', () => {
    for (const text of generatedTexts(5_000)) expect(stripAccents(text)).toBe(slowStripAccents(text));
  });

  it('on every BMP character, alone and between accented letters and combining marks', () => {
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      for (const text of [char, `É${char}e\u0301`, `${char}\u0308ç`]) {
        if (stripAccents(text) !== slowStripAccents(text)) expect({ code, text: stripAccents(text) }).toEqual({ code, text: slowStripAccents(text) });
      }
    }
  });

  it.each([
    ['Très', 'tres'],
    ['ÉTÉ', 'ete'],
    ['Cafe\u0301', 'cafe'],
    ['Œuvre naïve', 'œuvre naive'],
    ['plain ascii', 'plain ascii'],
  ])('fold(%j) = %j', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });
});
