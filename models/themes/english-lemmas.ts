import { createRequire } from 'node:module';

interface Transforms {
  readonly verb: { toInfinitive(word: string, model: object, tense: string): string };
  readonly noun: { toSingular(word: string, model: object): string };
}

interface Compromise {
  methods(): { two: { transform: Transforms } };
  model(): object;
}

/** Distinct words remembered; English vocabulary is Zipfian, typos and ids are the long tail. */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly string[]>();
let loaded: { transforms: Transforms; model: object } | undefined;

/**
 * The root forms compromise gives a lower-case English word, without the word
 * itself: verbs to the infinitive ("charged", "charging" → "charge"), plural
 * nouns to the singular ("fees" → "fee", "policies" → "policy"). Only words with
 * an inflection ending (-s, -ed, -ing) are looked at.
 *
 * A word alone has no context to tag, so both readings are offered (a caller
 * looks them up in a closed list of terms, where a wrong guess finds nothing).
 * Uses compromise's inflection tables directly (its published `methods()`), not
 * the tagger: tens of microseconds a new word, and a map lookup after that.
 * compromise is loaded on the first call, so a taxonomy without English never pays for it.
 *
 * @example englishRootForms('charged') // ['charge']
 */
export function englishRootForms(word: string): readonly string[] {
  let roots = cache.get(word);
  if (roots === undefined) {
    roots = computeRoots(word);
    if (cache.size < CACHE_LIMIT) cache.set(word, roots);
  }
  return roots;
}

const NONE: readonly string[] = Object.freeze([]);

function computeRoots(word: string): readonly string[] {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return NONE;
  loaded ??= load();
  const { transforms, model } = loaded;
  const roots = new Set<string>();
  // Only words that carry an inflection: on a bare word the tables guess ("gas" → "gave").
  const tense = word.endsWith('ing') ? 'Gerund' : word.endsWith('ed') ? 'PastTense' : word.endsWith('s') ? 'PresentTense' : undefined;
  if (tense === undefined) return NONE;
  roots.add(transforms.verb.toInfinitive(word, model, tense));
  if (tense === 'PresentTense') roots.add(transforms.noun.toSingular(word, model));
  roots.delete(word);
  roots.delete('');
  return roots.size === 0 ? NONE : Object.freeze([...roots]);
}

function load(): { transforms: Transforms; model: object } {
  // The `two` build has the inflection tables without the phrase-level plugins of the full package.
  const nlp = createRequire(import.meta.url)('compromise/two') as Compromise;
  return { transforms: nlp.methods().two.transform, model: nlp.model() };
}
