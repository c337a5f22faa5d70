/**
 * eld's n-gram scoring (github.com/nitotm/efficient-language-detector-js, Apache-2.0), reading
 * eld's own 'medium' database, regular expression and byte dictionary, but keeping only the best
 * two languages in one pass. eld's `detect` returns a result whose `getScores()` scales and sorts
 * all sixty languages for every text; we need the best language and its margin over the second:
 * the same numbers, computed without the sort, the intermediate objects, or `for…in` loops.
 * The database is read from flat tables (models/language/eld-tables.ts), not eld's objects.
 */
import { ngramIndex, readEldTables, type EldTables } from './eld-tables.js';

/** The best language of a text and its score minus the runner-up's, as eld's scaled scores give them. */
export interface TopTwo {
  readonly language: string;
  readonly margin: number;
}

export interface NgramLanguageScorer {
  /** `undefined` when no n-gram of the text is known to any language (eld's `language === ''`). */
  topTwo(text: string): TopTwo | undefined;
}

/** eld's scale of raw scores into 0..1 (`LanguageResult.orderAndScale`). */
const SCALE = 25;
/** eld's cuts (`strToUtf8Bytes`): at the first space after 350 bytes, at any character after 380. */
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

export class EldTopTwo implements NgramLanguageScorer {
  readonly #tables: EldTables;
  readonly #separators: RegExp;
  readonly #dictionary: readonly string[];
  readonly #scores: Float64Array;

  /** `tables`: eld's database flattened (models/language/eld-tables.ts), this thread's or shared. */
  constructor(tables: EldTables, separators: RegExp, dictionary: readonly string[]) {
    this.#tables = tables;
    this.#separators = separators;
    this.#dictionary = dictionary;
    this.#scores = new Float64Array(tables.languages.length);
  }

  topTwo(text: string): TopTwo | undefined {
    const words = this.#utf8Words(text.substring(0, 1000).replace(this.#separators, ' ').trim().toLowerCase());
    const ngrams = byteNgrams(words);
    const scores = this.#scores;
    scores.fill(0);
    const { pairStarts, pairs } = this.#tables;
    for (const ngram of ngrams) {
      const index = ngramIndex(this.#tables, ngram);
      if (index === -1) continue;
      const end = (pairStarts[index + 1] as number) * 2;
      for (let i = (pairStarts[index] as number) * 2; i < end; i += 2) {
        const lang = pairs[i] as number;
        scores[lang] = (scores[lang] as number) + (pairs[i + 1] as number);
      }
    }
    // eld's getMaxLang: the first language with the highest positive score; then the runner-up's score (ties included).
    let best = -1;
    let first = 0;
    let second = 0;
    for (let lang = 0; lang < scores.length; lang++) {
      const score = scores[lang] as number;
      if (score <= 0) continue;
      if (score > first) {
        second = first;
        first = score;
        best = lang;
      } else if (score > second) {
        second = score;
      }
    }
    if (best === -1) return undefined;
    const scaled = (raw: number): number => {
      const ngramScore = raw / ngrams.size;
      return ngramScore / (ngramScore + SCALE);
    };
    return { language: this.#tables.languages[best] as string, margin: scaled(first) - (second > 0 ? scaled(second) : 0) };
  }

  /** eld's `strToUtf8Bytes`: each word as a string of its UTF-8 bytes, one dictionary character a byte. */
  #utf8Words(str: string): string[] {
    const dictionary = this.#dictionary;
    const byte = (code: number): string => dictionary[code] as string;
    const words: string[] = [];
    let encoded = '';
    let countBytes = 0;
    // A run of ASCII characters (their own bytes) is appended as one slice, not a character at a time
    // (no closure for it: variables a closure writes live in a heap context, slower in this loop).
    let asciiFrom = -1;
    let i = 0;
    for (; i < str.length; i++) {
      let code = str.charCodeAt(i);
      if (code < 0x80) {
        if (code === 32) {
          if (asciiFrom !== -1) encoded += str.slice(asciiFrom, i);
          asciiFrom = -1;
          if (encoded !== '') {
            words.push(encoded);
            encoded = '';
          }
          if (countBytes > CUT_AFTER) break;
        } else if (asciiFrom === -1) {
          asciiFrom = i;
        }
        countBytes++;
      } else {
        if (asciiFrom !== -1) encoded += str.slice(asciiFrom, i);
        asciiFrom = -1;
        if (code < 0x800) {
          encoded += byte(0xc0 | (code >> 6)) + byte(0x80 | (code & 0x3f));
          countBytes += 2;
        } else if (code < 0xd800 || code >= 0xe000) {
          encoded += byte(0xe0 | (code >> 12)) + byte(0x80 | ((code >> 6) & 0x3f)) + byte(0x80 | (code & 0x3f));
          countBytes += 3;
        } else {
          i++;
          code = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
          encoded += byte(0xf0 | (code >> 18)) + byte(0x80 | ((code >> 12) & 0x3f)) + byte(0x80 | ((code >> 6) & 0x3f)) + byte(0x80 | (code & 0x3f));
          countBytes += 4;
        }
      }
      if (countBytes > ENFORCE_CUT_AFTER) {
        // The character just read is in: an ASCII run ends after it.
        i++;
        break;
      }
    }
    if (asciiFrom !== -1) encoded += str.slice(asciiFrom, i);
    if (encoded !== '') words.push(encoded);
    return words;
  }
}

/** eld's `getByteNgrams`: 4-byte n-grams at a stride of 3 (word starts marked by a space), and each word's end. */
function byteNgrams(words: readonly string[]): Set<string> {
  const ngrams = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3) ngrams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    ngrams.add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  return ngrams;
}

/**
 * eld's medium database, regular expression and dictionary, imported from eld's own files (the package
 * exports only its entry points, so they are found next to the `eld/medium` entry). `tables`: the
 * database already flattened (shared by the enrichment threads); without, this thread reads its own.
 */
export async function loadEldTopTwo(tables?: EldTables): Promise<EldTopTwo> {
  const entry = import.meta.resolve('eld/medium');
  const [ngrams, { separators }, { dictionary }] = (await Promise.all([
    tables ?? readEldTables({ shared: false }),
    import(new URL('../regexPatterns.js', entry).href),
    import(new URL('../dictionary.js', entry).href),
  ])) as [EldTables, { separators: RegExp }, { dictionary: readonly string[] }];
  return new EldTopTwo(ngrams, separators, dictionary);
}
