import { deu, eng, fra, ita, nld, por, spa } from 'stopword';

/**
 * Words that never make a phrase on their own, in the languages the models read
 * (the `stopword` package's lists), lower-cased. One set, built on first use.
 */
let stopWords: ReadonlySet<string> | undefined;
export function stopWordSet(): ReadonlySet<string> {
  stopWords ??= new Set([...eng, ...fra, ...spa, ...deu, ...ita, ...nld, ...por].map((word) => word.toLowerCase()));
  return stopWords;
}

/**
 * The SQL side's classes (`analysis/phrase-counts.ts`: `[^[:alnum:]]+` splits, `[[:alpha:]]` makes a
 * content word) as a UTF-8 PostgreSQL locale (glibc's, PGlite's) defines them: alphanumeric is
 * Unicode `Alphabetic` (letters, letter numbers such as Ⅻ, circled letters) or a decimal digit,
 * so `²` or `½` split words; "alpha" is alphanumeric but the ASCII digits (the C library puts
 * other scripts' digits in its alpha class). `\p{L}\p{N}` differed on those.
 */
const SPLIT = /[^\p{Alphabetic}\p{Nd}]+/u;
const HAS_LETTER = /(?![0-9])[\p{Alphabetic}\p{Nd}]/u;

/**
 * Lower case by the simple (one character to one character) mapping, as PostgreSQL's
 * `lower()` does: `toLowerCase` alone turns a final `Σ` into `ς` and `İ` into two characters.
 */
function simpleLowerCase(text: string): string {
  return text.replaceAll('Σ', 'σ').replaceAll('\u0130', 'i').toLowerCase();
}

/**
 * Lower-cased word tokens of a text, in order (what `analysis/phrase-counts.ts` does in SQL; the replica stores them per verbatim).
 *
 * @example wordTokens("Temps d'attente: 45 min!") // ['temps', 'attente', '45', 'min']
 */
export function wordTokens(text: string): string[] {
  return simpleLowerCase(text)
    .split(SPLIT)
    .filter(longerThanOneCharacter);
}

/** Two characters or more, counted as code points as SQL's `char_length` does (an emoji's surrogate pair is one), without spreading the string. */
function longerThanOneCharacter(token: string): boolean {
  if (token.length !== 2) return token.length > 2;
  const first = token.charCodeAt(0);
  return first < 0xd800 || first > 0xdbff;
}

/**
 * The distinct phrases of a text: content words (not stop words, with a letter) and
 * bigrams of two adjacent content words.
 *
 * @example phrasesOf('les frais de tenue de compte') // Set { 'frais', 'tenue', 'compte' }
 */
export function phrasesOf(text: string): Set<string> {
  const stop = stopWordSet();
  const tokens = wordTokens(text);
  const phrases = new Set<string>();
  tokens.forEach((token, index) => {
    if (!isContentWord(token, stop)) return;
    phrases.add(token);
    const next = tokens[index + 1];
    if (next !== undefined && isContentWord(next, stop)) phrases.add(`${token} ${next}`);
  });
  return phrases;
}

function isContentWord(token: string, stop: ReadonlySet<string>): boolean {
  return !stop.has(token) && HAS_LETTER.test(token);
}

/**
 * Phrase counts beyond their document budget read a sample of the comments: those whose
 * `hashtext(id) & (PHRASE_SAMPLE_BUCKETS - 1)` falls under a bound (analysis/phrase-counts.ts),
 * a bucket the analytics replica stores per row so that it samples the same comments.
 */
export const PHRASE_SAMPLE_BUCKETS = 1 << 20;
