import { RecentCache } from '../recent-cache.js';
import { stemmerFor } from '../stemming.js';
import { tokenize } from '../tokenize.js';

/** Words that carry no topic; kept out of the features so small training sets do not learn them. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'le la les un une des de du d l et ou a au aux en dans par pour sur avec ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle on nous vous ils elles me te se qui que quoi dont est sont ai as avons avez ont etait ete etre avoir fait plus tres y ne pas the a an and or of to in on at for with by from is are was were be been it this that these those my your our their i you he she we they me him her us them do does did have has had not no so very'.split(
    ' ',
  ),
);

/**
 * Sparse features of a text for the trained classifiers: folded words, their
 * stems, and word bigrams (stems), each counted once. Language-prefixed stems
 * keep "charge" (en) apart from "charge" (fr).
 *
 * @example textFeatures("Frais cachés sur mon relevé", 'fr') // ['w:frais', 's:fr:frai', 'w:caches', …, 'b:frai_cach', …]
 */
export function textFeatures(text: string, lang: string): readonly string[] {
  // The sentiment, theme and journey classifiers read the same texts one stage after another. Keyed by
  // language then by the text itself: the text is one string object whose hash is computed once.
  let recent = RECENT.get(lang);
  if (recent === undefined) RECENT.set(lang, (recent = new RecentCache(RECENT_LIMIT)));
  return recent.get(text) ?? recent.set(text, computeFeatures(text, lang));
}

/** Enough for a few batches in flight (per language). */
const RECENT_LIMIT = 8192;
const RECENT = new Map<string, RecentCache<string, readonly string[]>>();

/** A word of digits only: one feature for every number. */
export const ALL_DIGITS = /^\d+$/;
export const NUMBER_FEATURE = 'w:#num';

function computeFeatures(text: string, lang: string): string[] {
  const stem = stemmerFor(lang);
  const features = new Set<string>();
  let previous: string | undefined;
  for (const token of tokenize(text)) {
    const word = token.folded;
    if (word.length < 2 || STOPWORDS.has(word) || ALL_DIGITS.test(word)) {
      if (ALL_DIGITS.test(word)) features.add(NUMBER_FEATURE);
      continue;
    }
    const stemmed = stem(word);
    features.add(`w:${word}`);
    features.add(`s:${lang}:${stemmed}`);
    if (previous !== undefined) features.add(`b:${previous}_${stemmed}`);
    previous = stemmed;
  }
  return [...features];
}
