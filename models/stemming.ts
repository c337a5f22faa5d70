import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}

/** natural's Porter/Snowball stemmers by language (imported per file: natural's index prints to stdout). */
const STEMMER_NAMES: Readonly<Record<string, string>> = {
  fr: 'PorterStemmerFr',
  en: 'PorterStemmer',
  es: 'PorterStemmerEs',
  de: 'PorterStemmerDe',
  it: 'PorterStemmerIt',
  nl: 'PorterStemmerNl',
  pt: 'PorterStemmerPt',
};

let stemmers: Readonly<Record<string, Stemmer>> | undefined;

/** A memoised stem function for a language (words are already folded); identity for languages natural has no stemmer for. */
export function stemmerFor(lang: string): (word: string) => string {
  stemmers ??= createRequire(import.meta.url)('natural/lib/natural/stemmers/index.js') as Record<string, Stemmer>;
  const name = STEMMER_NAMES[lang];
  const stemmer = name === undefined ? undefined : stemmers[name];
  if (stemmer === undefined) return (word) => word;
  const cache = CACHES.get(lang) ?? new Map<string, string>();
  CACHES.set(lang, cache);
  return (word) => {
    // Stemmers run regexes that are not linear on long inputs; no word this long has a stem anyone looks up.
    if (word.length > MAX_STEMMED_LENGTH) return word;
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word);
      // Vocabulary is Zipfian: a bounded cache keeps the common words without growing forever on typos.
      if (cache.size < 200_000) cache.set(word, stem);
    }
    return stem;
  };
}

const CACHES = new Map<string, Map<string, string>>();

/** Longer "words" (ids, runs of letters without spaces) are their own stem. */
export const MAX_STEMMED_LENGTH = 64;
