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

/** The same word boundaries as the SQL side (`[^[:alnum:]]+`), tokens of 2+ characters with a letter. */
const SPLIT = /[^\p{L}\p{N}]+/u;
const HAS_LETTER = /\p{L}/u;

/**
 * Lower-cased word tokens of a text, in order (what `phrase-counts.ts` does in SQL).
 *
 * @example wordTokens("Temps d'attente: 45 min!") // ['temps', 'attente', '45', 'min']
 */
export function wordTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(SPLIT)
    .filter((token) => [...token].length > 1);
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
