import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}

/**
 * natural's Porter/Snowball stemmer module by language, each required on its language's first use:
 * natural's stemmer index loads every language's (Indonesian's dictionary among them), and its
 * package index prints to stdout.
 */
const STEMMER_FILES: Readonly<Record<string, string>> = {
  fr: 'porter_stemmer_fr',
  en: 'porter_stemmer',
  es: 'porter_stemmer_es',
  de: 'porter_stemmer_de',
  it: 'porter_stemmer_it',
  nl: 'porter_stemmer_nl',
  pt: 'porter_stemmer_pt',
};

const STEMMERS = new Map<string, Stemmer>();

function loadStemmer(lang: string): Stemmer | undefined {
  const file = Object.hasOwn(STEMMER_FILES, lang) ? STEMMER_FILES[lang] : undefined;
  if (file === undefined) return undefined;
  let stemmer = STEMMERS.get(lang);
  if (stemmer === undefined) {
    stemmer = createRequire(import.meta.url)(`natural/lib/natural/stemmers/${file}.js`) as Stemmer;
    STEMMERS.set(lang, stemmer);
  }
  return stemmer;
}

/** A memoised stem function for a language (words are already folded); identity for languages natural has no stemmer for. */
export function stemmerFor(lang: string): (word: string) => string {
  const stemmer = loadStemmer(lang);
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
