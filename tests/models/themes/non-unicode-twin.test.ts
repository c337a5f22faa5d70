import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH } from '../../../models/fast-tier.js';
import { nonUnicodeTwin, readsAlikeWithoutUnicode } from '../../../models/themes/non-unicode-twin.js';
import { loadTaxonomy } from '../../../models/themes/taxonomy.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
const TAXONOMY_PATTERNS = taxonomy.themes.flatMap((theme) => theme.patterns).map((source) => new RegExp(source, 'iu'));
/** The taxonomy's patterns and others that lean on what `u` and `i` change: case, `\w`, `\b`, `.`, classes, Latin-1 letters. */
const PATTERNS = [
  ...TAXONOMY_PATTERNS,
  ...['\\bs\\b', 'k', '\\w+é', 'x.y', '[^a-z]', '[à-ÿ]+', 'ß', 'å', 'µ', 'ÿ', '\\s\\d\\S\\D', '(?<!\\b(en|in)\\s)\\b\\d+\\s+weeks?', 'd.attente'].map((source) => new RegExp(source, 'iu')),
];

describe('patterns without the u flag on texts where they read alike', () => {
  it('builds a twin only from sources that read alike, and never for a pattern without u', () => {
    expect(TAXONOMY_PATTERNS.every((pattern) => nonUnicodeTwin(pattern) !== undefined)).toBe(true);
    for (const source of ['\\p{L}', '\\W', '\\Bque', '(a)\\1', '\\u{1F600}', 'ſ', 'x\\x41']) expect(nonUnicodeTwin(new RegExp(source, 'iu'))).toBeUndefined();
    expect(nonUnicodeTwin(/abc/i)).toBeUndefined();
    expect(nonUnicodeTwin(/abc/gimu)?.flags).toBe('gim');
  });

  it('the twin answers as the pattern on every varied and generated text that reads alike', () => {
    const texts = [...VARIED_TEXTS, 'Attente de 45 min, en 2 jours ; depuis 3 semaines, immédiatement', 'IMMÉDIAT, 2 HOURS ON HOLD', ...generatedTexts(2_000)];
    let compared = 0;
    for (const text of texts) {
      if (!readsAlikeWithoutUnicode(text)) continue;
      for (const pattern of PATTERNS) {
        const twin = nonUnicodeTwin(pattern) as RegExp;
        expect({ source: pattern.source, text, match: twin.test(text) }).toEqual({ source: pattern.source, text, match: pattern.test(text) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1_000 * PATTERNS.length);
  });

  // The claim behind the shortcut, checked on every character: each one the guard lets through is decided alike
  // by each pattern and its twin, beside ASCII letters, Latin-1 letters and at the text's edges.
  it('every BMP character the guard lets through is read alike by each pattern and its twin', () => {
    const twins = PATTERNS.map((pattern) => [pattern, nonUnicodeTwin(pattern) as RegExp] as const);
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (!readsAlikeWithoutUnicode(char)) continue;
      for (const text of [char, `s${char}k`, `1 ${char} weeks`, `d${char}attente`, `é${char}ß`]) {
        for (const [pattern, twin] of twins) if (pattern.test(text) !== twin.test(text)) differing.push(`${pattern.source} U+${code.toString(16)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('the guard refuses surrogates and the characters that fold onto Latin-1 or \\w in one mode only', () => {
    for (const text of ['ſ', '\u212a', '\u212b', 'ẞ', 'μ', 'Ÿ', '😡', '\uD83D']) expect(readsAlikeWithoutUnicode(`ok ${text}`)).toBe(false);
    expect(readsAlikeWithoutUnicode('Très bien — l’appli, naïve ÿ ß µ !')).toBe(true);
    // Complete: every character beyond Latin-1 that a Latin-1 class or \w matches in either mode is refused.
    for (let code = 0x100; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if ([/[\x00-\xff]/iu, /[\x00-\xff]/i, /\w/iu, /\w/i].some((pattern) => pattern.test(char))) expect({ code, alike: readsAlikeWithoutUnicode(char) }).toEqual({ code, alike: false });
    }
  });
});
