import { RecentCache } from '../recent-cache.js';
import { continueHash, finishHash, FNV_OFFSET, hashFeature } from './hashing.js';
import type { CompiledLexicons } from './lexicon-features.js';
import { isNegator } from './negation.js';

/** What one lexicon hit adds: its `lx:` bucket and the dense slot its absolute value goes to. */
export interface LexiconFeature {
  readonly bucket: number;
  readonly slot: number;
  readonly amount: number;
}

/**
 * Everything a word adds to a feature vector, hashed once per word: the very buckets
 * `extractFeatures` used to get by hashing `w:…`, `c:…` and `lx:…` strings for every token.
 * The buckets sit in one array of small integers (`[w:, w:NEG_, c: n-grams…, c! n-grams…]`): a
 * token then reads one object and one array, where an object per reading and a typed array per
 * n-gram list cost a cache miss each (the table holds tens of thousands of words).
 */
export interface WordFeatures {
  readonly negator: boolean;
  /** `[plain w:, negated w:, the plain reading's n-grams…, the negated reading's n-grams…]`, as many n-grams each. */
  readonly buckets: readonly number[];
  /** FNV state after `b:<word> `: the bigram with the next word continues from here. */
  readonly bigramState: number;
  /** Lexicon features by language group (`fr`, `en`, any other), plain then negated; filled on first use. */
  readonly lexicon: (readonly [readonly LexiconFeature[], readonly LexiconFeature[]] | undefined)[];
}

/** The settings that shape a word's buckets (`FeatureSettings` without the sentence-level ones). */
export interface WordFeatureSettings {
  readonly buckets: number;
  readonly charNgrams: { readonly min: number; readonly max: number } | null;
}

/** Dense slot of a lexicon's positive and negative sums (DENSE_FEATURES order). */
const DENSE_SLOT: Readonly<Record<string, readonly [number, number]>> = { afinn: [0, 1], vader: [2, 3], fr: [4, 5] };

/** FNV state after `b:`; a text's first bigram continues with `<s> `, its last ends in `</s>`. */
export const BIGRAM_SEED = continueHash(FNV_OFFSET, 'b:', 0, 2);
const CHAR_SEED = continueHash(FNV_OFFSET, 'c:', 0, 2);
const NEGATED_CHAR_SEED = continueHash(FNV_OFFSET, 'c!', 0, 2);
/** Enough for the working vocabulary of a corpus; bounded so a stream of typos cannot grow it forever. */
const CACHED_WORDS = 50_000;

/**
 * Per-word features for one feature setting and one set of lexicons, remembered for
 * the recent vocabulary. Every number is what the string-building code computed.
 */
export class WordFeatureTable {
  readonly #settings: WordFeatureSettings;
  readonly #mask: number;
  readonly #lexicons: CompiledLexicons | null;
  readonly #cache = new RecentCache<string, WordFeatures>(CACHED_WORDS);
  /** The word asked last: the tokenizer asks whether a word negates, then the featurizer asks for the same word's features. */
  #lastWord: string | undefined;
  #lastFeatures: WordFeatures | undefined;
  readonly #isNegator = (word: string): boolean => this.get(word).negator;

  constructor(settings: WordFeatureSettings, lexicons: CompiledLexicons | null) {
    this.#settings = settings;
    this.#mask = settings.buckets - 1;
    this.#lexicons = lexicons;
  }

  /** `isNegator`, answered from the cache (the tokenizer asks it of every word). */
  get isNegator(): (word: string) => boolean {
    return this.#isNegator;
  }

  get(word: string): WordFeatures {
    if (word === this.#lastWord && this.#lastFeatures !== undefined) return this.#lastFeatures;
    const features = this.#cache.get(word) ?? this.#cache.set(word, this.#build(word));
    this.#lastWord = word;
    this.#lastFeatures = features;
    return features;
  }

  /** The lexicon features of a word for a language (looked up once per word and language group). */
  lexiconFeatures(features: WordFeatures, word: string, lang: string, negated: boolean): readonly LexiconFeature[] {
    const group = lang === 'fr' ? 0 : lang === 'en' ? 1 : 2;
    let both = features.lexicon[group];
    if (both === undefined) {
      both = [this.#lexiconReading(word, lang, false), this.#lexiconReading(word, lang, true)];
      features.lexicon[group] = both;
    }
    return both[negated ? 1 : 0];
  }

  #build(word: string): WordFeatures {
    const buckets = [hashFeature(`w:${word}`) & this.#mask, hashFeature(`w:NEG_${word}`) & this.#mask];
    this.#charBuckets(word, CHAR_SEED, buckets);
    this.#charBuckets(word, NEGATED_CHAR_SEED, buckets);
    return {
      negator: isNegator(word),
      buckets,
      bigramState: continueHash(continueHash(BIGRAM_SEED, word, 0, word.length), ' ', 0, 1),
      lexicon: [undefined, undefined, undefined],
    };
  }

  /** Every n-gram of `<word>` hashed as `prefix + gram` by extending one FNV state per start, in counting order, appended to `out`. */
  #charBuckets(word: string, seed: number, out: number[]): void {
    const range = this.#settings.charNgrams;
    if (range === null || word.length <= 1) return;
    const marked = `<${word}>`;
    for (let i = 0; i < marked.length; i++) {
      let state = seed;
      for (let n = 1; n <= range.max && i + n <= marked.length; n++) {
        state = continueHash(state, marked, i + n - 1, i + n);
        if (n >= range.min) out.push(finishHash(state) & this.#mask);
      }
    }
  }

  #lexiconReading(word: string, lang: string, negated: boolean): LexiconFeature[] {
    if (this.#lexicons === null) return [];
    return this.#lexicons.lookup(word, lang).map((hit) => {
      const value = negated ? -hit.value : hit.value;
      const slots = DENSE_SLOT[hit.lexicon] as readonly [number, number];
      return { bucket: hashFeature(`lx:${hit.lexicon}:${Math.round(value * 4)}`) & this.#mask, slot: value > 0 ? slots[0] : slots[1], amount: Math.abs(value) };
    });
  }
}

