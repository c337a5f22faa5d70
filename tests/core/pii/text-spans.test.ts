import { describe, expect, it } from 'vitest';
import { allMatches, allMatchesAtWordStart, hasAsciiDigit } from '../../../core/pii/text-spans.js';

const positions = (matches: readonly RegExpExecArray[]): Array<[number, string]> => matches.map((match) => [match.index, match[0]]);

describe('allMatches', () => {
  it.each([
    [/\d+/g, 'a 12 b 345'],
    [/x*/gu, 'a😀x'], // empty matches step over a whole code point, as matchAll does
    [/(?<![\p{L}])at/giu, 'cat at AT'],
    [/z/g, ''],
  ])('gives what matchAll gives: %s on %j', (regex, text) => {
    expect(positions(allMatches(regex, text))).toEqual([...text.matchAll(new RegExp(regex))].map((match) => [match.index, match[0]]));
    expect(regex.lastIndex).toBe(0);
  });

  it('starts from the beginning whatever lastIndex a previous use left', () => {
    const regex = /a/g;
    regex.lastIndex = 3;
    expect(positions(allMatches(regex, 'a a a'))).toEqual([[0, 'a'], [2, 'a'], [4, 'a']]);
  });
});

describe('allMatchesAtWordStart', () => {
  // Each row: the pattern, and texts where matches that start after a letter, digit or mark must go.
  const cases: Array<[string, string]> = [
    ['je suis|suis', 'xje suis Jean'],
    ['je suis|suis', 'je suis Jean'],
    ['je suis|suis', '😀je suis'],
    ['je suis|suis', '𝐀je suis'], // a letter outside the BMP (a surrogate pair) before
    ['je suis|suis', 'e\u0301je suis'], // a combining mark before
    ['je suis|suis', '1je suis, 2 je suis'],
    // The match at 1 is refused; the search goes on from 2, not from its end, and finds "c" at 4.
    ['ab c|c', 'xab c'],
    ['cordialement', 'salutcordialement, cordialement, Jean'],
    ['k', 'K\u212a k'], // case folding under `iu`: the Kelvin sign is a k
  ];
  it.each(cases)('matches %j as the same regex with a leading lookbehind does, in %j', (source, text) => {
    const withLookbehind = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${source})`, 'giu');
    expect(positions(allMatchesAtWordStart(new RegExp(`(?:${source})`, 'giu'), text))).toEqual(positions(allMatches(withLookbehind, text)));
  });

  it('ends on a pattern that can match empty, a refused empty match at the end included', () => {
    expect(positions(allMatchesAtWordStart(/x*/gu, 'ab'))).toEqual([[0, '']]);
  });

  it('finds the match a skip over the refused one would miss', () => {
    expect(positions(allMatchesAtWordStart(/ab c|c/gu, 'xab c'))).toEqual([[4, 'c']]);
  });
});

describe('hasAsciiDigit', () => {
  it.each([
    ['no digit here', false],
    ['٣ arabic-indic digits are not `\\d`', false],
    ['call 06', true],
  ])('%j: %s', (text, expected) => {
    expect(hasAsciiDigit(text)).toBe(expected);
  });
});
