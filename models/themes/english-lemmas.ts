import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { installedCompromiseVersion, readEnglishRootsTable } from './english-roots-table.js';

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

/** compromise's answers for the training corpora's English words (models/themes/english-roots-table.ts); `npm run train:models` rebuilds it. */
export const ENGLISH_ROOTS_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'english-roots.json');
/** Read on the first word; null: no usable table (missing, or built with another compromise). */
let table: ReadonlyMap<string, readonly string[]> | null | undefined;

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
 * The words of the training corpora are looked up in a table of compromise's answers built ahead
 * of time; compromise is loaded on the first other word, so most small runs never pay for it.
 *
 * @example englishRootForms('charged') // ['charge']
 */
export function englishRootForms(word: string): readonly string[] {
  let roots = cache.get(word);
  if (roots === undefined) {
    if (table === undefined) table = readEnglishRootsTable(ENGLISH_ROOTS_PATH, installedCompromiseVersion()) ?? null;
    const known = table?.get(word);
    roots = known === undefined ? compromiseRootForms(word) : known.length === 0 ? NONE : Object.freeze([...known]);
    if (cache.size < CACHE_LIMIT) cache.set(word, roots);
  }
  return roots;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * `englishRootForms` worked out by compromise itself, without the table (what the table is built from).
 *
 * @example compromiseRootForms('policies') // ['policy']
 */
export function compromiseRootForms(word: string): readonly string[] {
  const tense = inflectionOf(word);
  if (tense === undefined) return NONE;
  loaded ??= load();
  const { transforms, model } = loaded;
  const roots = new Set<string>();
  roots.add(transforms.verb.toInfinitive(word, model, tense));
  if (tense === 'PresentTense') roots.add(transforms.noun.toSingular(word, model));
  roots.delete(word);
  roots.delete('');
  return roots.size === 0 ? NONE : Object.freeze([...roots]);
}

/**
 * The inflection a word's ending shows, the only words given root forms (undefined: none, and
 * compromise is not asked): on a bare word the tables guess ("gas" → "gave").
 *
 * @example inflectionOf('charged') // 'PastTense'
 */
export function inflectionOf(word: string): 'Gerund' | 'PastTense' | 'PresentTense' | undefined {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return undefined;
  return word.endsWith('ing') ? 'Gerund' : word.endsWith('ed') ? 'PastTense' : word.endsWith('s') ? 'PresentTense' : undefined;
}

function load(): { transforms: Transforms; model: object } {
  // The `two` build has the inflection tables without the phrase-level plugins of the full package.
  const nlp = createRequire(import.meta.url)('compromise/two') as Compromise;
  return { transforms: nlp.methods().two.transform, model: nlp.model() };
}
