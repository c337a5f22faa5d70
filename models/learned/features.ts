import { FeatureCounts } from './feature-counts.js';
import { continueHash, finishHash, hashFeature } from './hashing.js';
import type { CompiledLexicons } from './lexicon-features.js';
import { scanMarkedTokens } from './negation.js';
import { BIGRAM_SEED, WordFeatureTable, type WordFeatures } from './word-features.js';

/** A sparse feature vector: bucket ids (each once, in order of first appearance) and their values. */
export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** Which features a model reads; stored in the model file so training and scoring agree. */
export interface FeatureSettings {
  /** Hash buckets for the sparse features (a power of two). */
  readonly buckets: number;
  /** Character n-grams of each word, from `min` to `max` characters (with word boundary marks). */
  readonly charNgrams: { readonly min: number; readonly max: number } | null;
  readonly wordBigrams: boolean;
  /** Words after a negator until punctuation get a `NEG_` prefix. */
  readonly negation: boolean;
  /** The rule model's score (lexicon, idioms, negation, contrast) as two dense features: a prior the model weighs. */
  readonly ruleScore?: boolean;
}

/** Dense features after the hash buckets: per lexicon, the positive and the negative sum (negation flips the sign). */
export const DENSE_FEATURES = ['afinn+', 'afinn-', 'vader+', 'vader-', 'fr+', 'fr-', 'rule+', 'rule-'] as const;

const CHAR_WEIGHT = 0.5;
const SENTENCE_START = continueHash(BIGRAM_SEED, '<s> ', 0, 4);

/**
 * The features of a text: hashed words (negation-marked), word bigrams, character
 * n-grams, lexicon buckets, the language; sub-linear counts, L2-normalised; then
 * the dense lexicon sums (squashed to −1..1). Linear in the text's length.
 *
 * Each word's buckets are hashed once and remembered (`WordFeatureTable`); the vector is
 * the same, bucket for bucket and bit for bit, as hashing every feature string of every token.
 *
 * @example extractFeatures('Not bad at all', 'en', settings, lexicons).indices.length > 0
 */
export function extractFeatures(text: string, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null): SparseVector {
  return scannedBuilder(text, lang, settings, lexicons).finish(text);
}

/**
 * `extractFeatures`, the vector only lent: its arrays are views of scratch buffers that the next
 * featurization overwrites, so it must be read at once (scored) and not kept. A vector of a few
 * hundred buckets is past V8's on-heap limit for typed arrays (64 bytes): a fresh one per text
 * and per clause cost an off-heap buffer each, and the garbage collections they brought.
 */
export function lendFeatures(text: string, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null): SparseVector {
  return scannedBuilder(text, lang, settings, lexicons).lend(text);
}

function scannedBuilder(text: string, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null): VectorBuilder {
  const table = wordTable(settings, lexicons);
  const vector = new VectorBuilder(text, lang, settings, lexicons, table);
  scanMarkedTokens(text, (word, inScope) => vector.addWord(word, table.get(word), inScope), table.isNegator);
  return vector;
}

/**
 * One text's vector, token by token: what `extractFeatures` adds for each word its scan
 * visits, in the same order. `clause-features.ts` feeds it tokens found once for a text
 * and its clauses; both paths share this code, so they count the same buckets.
 */
export class VectorBuilder {
  readonly #lang: string;
  readonly #settings: FeatureSettings;
  readonly #lexicons: CompiledLexicons | null;
  readonly #table: WordFeatureTable;
  readonly #counts = new FeatureCounts();
  readonly #dense = new Float64Array(DENSE_FEATURES.length);
  #previous = SENTENCE_START;

  constructor(text: string, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null, table: WordFeatureTable) {
    this.#lang = lang;
    this.#settings = settings;
    this.#lexicons = lexicons;
    this.#table = table;
    const mask = settings.buckets - 1;
    this.#counts.add(languageFeature(lang) & mask, 1);
    if (text.includes('!')) this.#counts.add(PUNCT_EXCLAMATION & mask, 1);
    if (text.includes('?')) this.#counts.add(PUNCT_QUESTION & mask, 1);
  }

  /** A word of the scan (`features` = the table's entry for it), and whether it is in a negation's scope (a negator itself is not). */
  addWord(word: string, features: WordFeatures, inScope: boolean): void {
    const counts = this.#counts;
    const negated = this.#settings.negation && inScope;
    const buckets = features.buckets;
    counts.add(buckets[negated ? 1 : 0] as number, 1);
    if (this.#settings.wordBigrams) counts.add(finishHash(continueHash(this.#previous, word, 0, word.length)) & (this.#settings.buckets - 1), 1);
    this.#previous = features.bigramState;
    // The reading's n-grams: the first half of the rest of `buckets`, or the second half when negated.
    const chars = (buckets.length - 2) / 2;
    const end = negated ? buckets.length : 2 + chars;
    for (let i = end - chars; i < end; i++) counts.add(buckets[i] as number, CHAR_WEIGHT);
    if (this.#lexicons === null) return;
    const dense = this.#dense;
    for (const hit of this.#table.lexiconFeatures(features, word, this.#lang, negated)) {
      counts.add(hit.bucket, 1);
      dense[hit.slot] = (dense[hit.slot] as number) + hit.amount;
    }
  }

  /** The vector, once every word is in (`text`: the same text as the constructor's, for the rule score). */
  finish(text: string): SparseVector {
    this.#addLast(text);
    const size = this.#size();
    const vector = { indices: new Uint32Array(size), values: new Float32Array(size) };
    this.#fill(vector.indices, vector.values);
    return vector;
  }

  /** `finish`, into the scratch buffers: a vector valid until the next `lend` (see `lendFeatures`). */
  lend(text: string): SparseVector {
    this.#addLast(text);
    const size = this.#size();
    if (lentBuffers.indices.length < size) lentBuffers = { indices: new Uint32Array(size * 2), values: new Float32Array(size * 2) };
    this.#fill(lentBuffers.indices, lentBuffers.values);
    const vector = { indices: lentBuffers.indices.subarray(0, size), values: lentBuffers.values.subarray(0, size) };
    // A megabyte-long text's buffers are not kept for the texts after it.
    if (lentBuffers.indices.length > RETAINED_LENT) lentBuffers = { indices: new Uint32Array(0), values: new Float32Array(0) };
    return vector;
  }

  /** The sentence end's bigram and the rule score: what comes after the last word. */
  #addLast(text: string): void {
    const settings = this.#settings;
    const lexicons = this.#lexicons;
    if (settings.wordBigrams) this.#counts.add(finishHash(continueHash(this.#previous, '</s>', 0, 4)) & (settings.buckets - 1), 1);
    if (settings.ruleScore === true && lexicons !== null) {
      const score = lexicons.ruleScore(text, this.#lang);
      this.#dense[score > 0 ? RULE_POSITIVE : RULE_NEGATIVE] = Math.abs(score) * 2;
    }
  }

  #size(): number {
    return this.#counts.size + (this.#lexicons === null ? 0 : this.#dense.length);
  }

  #fill(indices: Uint32Array, values: Float32Array): void {
    fillVector(this.#counts, this.#settings.buckets, this.#lexicons === null ? null : this.#dense, indices, values);
  }
}

/** Scratch buffers of lent vectors (grown on demand). */
let lentBuffers = { indices: new Uint32Array(4096), values: new Float32Array(4096) };
/** Scratch entries kept between texts; a longer vector's buffers are dropped after it. */
const RETAINED_LENT = 1 << 16;

const PUNCT_EXCLAMATION = hashFeature('punct:!');
/** `hashFeature('lang:<lang>')` by language: a text and each of its clauses would build and hash the name again. */
const LANGUAGE_FEATURES = new Map<string, number>();

function languageFeature(lang: string): number {
  let hash = LANGUAGE_FEATURES.get(lang);
  if (hash === undefined) {
    hash = hashFeature(`lang:${lang}`);
    // Language codes are few; an odd caller passing free text must not grow it for ever.
    if (LANGUAGE_FEATURES.size < 1000) LANGUAGE_FEATURES.set(lang, hash);
  }
  return hash;
}
const PUNCT_QUESTION = hashFeature('punct:?');
const RULE_POSITIVE = DENSE_FEATURES.indexOf('rule+');
const RULE_NEGATIVE = DENSE_FEATURES.indexOf('rule-');

/**
 * One word table per feature setting and lexicons (settings objects are the model files' and
 * the taggers' constants). Weak on both, so a fold model's tables go with its lexicons.
 */
const tablesWithLexicons = new WeakMap<CompiledLexicons, WeakMap<FeatureSettings, WordFeatureTable>>();
const tablesWithoutLexicons = new WeakMap<FeatureSettings, WordFeatureTable>();

/** The word table of a feature setting and lexicons, made on first use. */
export function wordTable(settings: FeatureSettings, lexicons: CompiledLexicons | null): WordFeatureTable {
  const bySettings = tablesFor(lexicons);
  let table = bySettings.get(settings);
  if (table === undefined) {
    table = new WordFeatureTable(settings, lexicons);
    bySettings.set(settings, table);
  }
  return table;
}

function tablesFor(lexicons: CompiledLexicons | null): WeakMap<FeatureSettings, WordFeatureTable> {
  if (lexicons === null) return tablesWithoutLexicons;
  let tables = tablesWithLexicons.get(lexicons);
  if (tables === undefined) {
    tables = new WeakMap();
    tablesWithLexicons.set(lexicons, tables);
  }
  return tables;
}

/**
 * Writes the vector of the counts (sub-linear, L2-normalised, then the squashed dense sums) into the
 * first buckets + dense entries of `indices` and `values`, and empties the counts. The values go
 * through the Float32Array before and after scaling, as the vector's own arrays always did.
 */
function fillVector(counts: FeatureCounts, buckets: number, dense: Float64Array | null, indices: Uint32Array, values: Float32Array): void {
  const touched = counts.size;
  const extra = dense === null ? 0 : dense.length;
  let norm = 0;
  for (let i = 0; i < touched; i++) {
    const bucket = counts.bucketAt(i);
    const count = counts.sumAt(i);
    // 1 + log(1) is exactly 1: most buckets are counted once, and the log is skipped for them.
    const value = count === 1 ? 1 : count >= 1 ? 1 + Math.log(count) : count;
    indices[i] = bucket;
    values[i] = value;
    norm += value * value;
  }
  counts.clear();
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  for (let i = 0; i < touched; i++) values[i] = (values[i] as number) * scale;
  for (let j = 0; j < extra; j++) {
    indices[touched + j] = buckets + j;
    values[touched + j] = Math.tanh((dense?.[j] ?? 0) / 2);
  }
}
