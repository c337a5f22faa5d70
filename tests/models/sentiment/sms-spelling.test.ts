import { describe, expect, it } from 'vitest';
import { hasStretchedLetter, normalizeSpelling, SMS_SPELLINGS } from '../../../models/sentiment/sms-spelling.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

const known = (word: string): boolean => ['nul', 'top', 'good', 'so'].includes(word);

describe('SMS spellings by one pattern of the table’s words', () => {
  it.each([
    ['fr', 'c tro nuuul', 'c est tro nul'],
    ['fr', "pb de carte, c'est pbm tjrs pas reglé pbs", "probleme de carte, c'est probleme toujours pas reglé problemes"],
    ['fr', 'mr6 bi1 recu, c-a-d ok', 'merci bien recu, c est-a-d ok'],
    ['fr', 'pbx pbmm xpb 2pb pb2 pb', 'pbx pbmm xpb 2pb pb2 probleme'],
    ['en', 'thx u r gr8, sooo goood', 'thanks you are great, so good'],
    ['en', "u'r ur b4 :'( idk", "u'r your before :'( i don t know"],
  ] as const)('%s: %s', (lang, text, expected) => {
    const table = SMS_SPELLINGS[lang];
    expect(normalizeSpelling(text, table, known)).toBe(expected);
    // The general path (a key no whole-word pattern can hold) gives the same text.
    expect(normalizeSpelling(text, { ...table, 'a-b': 'x' }, known)).toBe(expected);
  });
});

// Every clause is asked this before any stretched word is looked for: the scan must answer as the pattern.
describe('hasStretchedLetter equals /(\\p{L})\\1{2,}/u', () => {
  const STRETCHED = /(\p{L})\1{2,}/u;

  it('on every code point twice and three times in a row, alone and between others', () => {
    for (let point = 0; point < 0x110000; point += point < 0x10000 ? 1 : 7) {
      const char = String.fromCodePoint(point);
      for (const text of [char.repeat(3), `a${char.repeat(2)}b`, `${char}${char}x${char}`, `x${char.repeat(4)}`, `${char}aaa`]) {
        if (hasStretchedLetter(text) !== STRETCHED.test(text)) expect({ point, text, found: hasStretchedLetter(text) }).toEqual({ point, text, found: STRETCHED.test(text) });
      }
    }
  });

  it.each([
    ['nuuul', true],
    ['nuul', false],
    ['111', false],
    ['ééé', true],
    ['e\u0301e\u0301e\u0301', false],
    ['\uD835\uDC9C\uD835\uDC9C\uD835\uDC9C', true],
    ['\uD835\uD835\uD835', false],
    ['\uDC9C\uDC9C\uDC9C', false],
    ['aAa', false],
    ['', false],
  ])('%j → %j', (text, expected) => {
    expect(hasStretchedLetter(text)).toBe(expected);
    expect(STRETCHED.test(text)).toBe(expected);
  });

  it('on varied and generated texts, folded or not', () => {
    for (const text of [...VARIED_TEXTS, ...generatedTexts(3_000)]) {
      for (const variant of [text, text.toLowerCase(), text.replace(/([a-z])/g, '$1$1$1')]) expect(hasStretchedLetter(variant)).toBe(STRETCHED.test(variant));
    }
  });
});
