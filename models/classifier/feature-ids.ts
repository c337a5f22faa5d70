import { RecentCache } from '../recent-cache.js';
import { stemmerFor } from '../stemming.js';
import { fold } from '../../core/text-folding.js';
import { someTokenSpan } from '../tokenize.js';
import { ALL_DIGITS, NUMBER_FEATURE, STOPWORDS } from './text-features.js';

/** What one folded word contributes to the legacy text features, worked out once per language. */
interface WordEntry {
  /** Skipped (a stopword or a one-letter word), a number (`w:#num`), or a topic word. */
  readonly kind: 'skip' | 'number' | 'word';
  readonly stem: string;
  /** Id of `w:<word>`, −1 when no model weighs it. */
  readonly wordId: number;
  /** Id of `s:<lang>:<stem>`, −1 when no model weighs it. */
  readonly stemId: number;
  /** Ids of the bigrams `b:<stem>_<next stem>` the models weigh, by next stem. */
  readonly next: ReadonlyMap<string, number> | undefined;
}

/**
 * A compiled vocabulary for the word-keyed (format-2) classifiers: every feature
 * name some model weighs gets an integer id, and one lookup of a folded word gives
 * its word, stem and bigram ids, so no feature string is built or hashed per text.
 * `textIds` equals `textFeatures(text, lang)` mapped through `idOf` with the unknown
 * names dropped — the same features in the same order, so the sums are the same numbers.
 *
 * @example const ids = new FeatureIds(['w:frais', 's:fr:frai']).textIds('Frais cachés', 'fr') // [0, 1]
 */
export class FeatureIds {
  readonly #ids = new Map<string, number>();
  /** Bigram ids by first stem then second stem (a name is indexed at each `_`: stems hold none, so one split is the real one). */
  readonly #bigrams = new Map<string, Map<string, number>>();
  readonly #words = new Map<string, Map<string, WordEntry>>();
  readonly #recent = new Map<string, RecentCache<string, readonly number[]>>();
  /** Marks of the ids already taken in the current text (a generation count instead of clearing a set). */
  #seen = new Uint32Array(0);
  #generation = 0;

  constructor(names: Iterable<string>) {
    for (const name of names) {
      if (this.#ids.has(name)) continue;
      const id = this.#ids.size;
      this.#ids.set(name, id);
      if (!name.startsWith('b:')) continue;
      for (let at = name.indexOf('_', 2); at !== -1; at = name.indexOf('_', at + 1)) {
        const first = name.slice(2, at);
        let next = this.#bigrams.get(first);
        if (next === undefined) this.#bigrams.set(first, (next = new Map()));
        next.set(name.slice(at + 1), id);
      }
    }
    this.#seen = new Uint32Array(this.#ids.size);
  }

  /** How many names have an id (ids run from 0 to size − 1). */
  get size(): number {
    return this.#ids.size;
  }

  /** The id of a feature name, or undefined when no model weighs it. */
  idOf(name: string): number | undefined {
    return this.#ids.get(name);
  }

  /** The ids of `textFeatures(text, lang)` that have one, in the same order (remembered for the next stage that reads the text). */
  textIds(text: string, lang: string): readonly number[] {
    let recent = this.#recent.get(lang);
    if (recent === undefined) this.#recent.set(lang, (recent = new RecentCache(RECENT_LIMIT)));
    return recent.get(text) ?? recent.set(text, this.#compute(text, lang));
  }

  #compute(text: string, lang: string): readonly number[] {
    let words = this.#words.get(lang);
    if (words === undefined) this.#words.set(lang, (words = new Map()));
    const stem = stemmerFor(lang);
    const generation = this.#nextGeneration();
    const seen = this.#seen;
    const out: number[] = [];
    const take = (id: number | undefined): void => {
      if (id === undefined || id < 0 || seen[id] === generation) return;
      seen[id] = generation;
      out.push(id);
    };
    let previous: WordEntry | undefined;
    // The spans `tokenize` finds, each folded as its tokens are, without a token object each.
    someTokenSpan(text, (start, end) => {
      const folded = fold(text.slice(start, end));
      let entry = words.get(folded);
      if (entry === undefined) {
        entry = this.#entry(folded, lang, stem);
        // Vocabulary is Zipfian: a bounded table keeps the common words without growing forever on typos.
        if (words.size < WORD_LIMIT) words.set(folded, entry);
      }
      if (entry.kind === 'number') take(this.#ids.get(NUMBER_FEATURE));
      if (entry.kind !== 'word') return false;
      take(entry.wordId);
      take(entry.stemId);
      if (previous !== undefined) take(previous.next?.get(entry.stem));
      previous = entry;
      return false;
    });
    // The array as it is: a typed copy of more than 16 ids took an off-heap buffer per text.
    return out;
  }

  #entry(word: string, lang: string, stem: (word: string) => string): WordEntry {
    if (ALL_DIGITS.test(word)) return { kind: 'number', stem: word, wordId: -1, stemId: -1, next: undefined };
    if (word.length < 2 || STOPWORDS.has(word)) return { kind: 'skip', stem: word, wordId: -1, stemId: -1, next: undefined };
    const stemmed = stem(word);
    return {
      kind: 'word',
      stem: stemmed,
      wordId: this.#ids.get(`w:${word}`) ?? -1,
      stemId: this.#ids.get(`s:${lang}:${stemmed}`) ?? -1,
      next: this.#bigrams.get(stemmed),
    };
  }

  #nextGeneration(): number {
    if (this.#generation === 0xffffffff) {
      this.#seen.fill(0);
      this.#generation = 0;
    }
    return ++this.#generation;
  }
}

/** Enough for a few batches in flight (per language), as `textFeatures` keeps. */
const RECENT_LIMIT = 8192;
/** Distinct words remembered per language. */
const WORD_LIMIT = 200_000;
