import { continueHash, finishHash, FNV_OFFSET, hashFeature } from './hashing.js';
import type { CompiledLexicons } from './lexicon-features.js';
import { markNegation } from './negation.js';

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

const DENSE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(DENSE_FEATURES.map((name, index) => [name, index]));
const CHAR_WEIGHT = 0.5;

/**
 * The features of a text: hashed words (negation-marked), word bigrams, character
 * n-grams, lexicon buckets, the language; sub-linear counts, L2-normalised; then
 * the dense lexicon sums (squashed to −1..1). Linear in the text's length.
 *
 * @example extractFeatures('Not bad at all', 'en', settings, lexicons).indices.length > 0
 */
export function extractFeatures(text: string, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null): SparseVector {
  const counts = new Counts(settings.buckets);
  const mask = settings.buckets - 1;
  const add = (feature: string, value: number): void => counts.add(hashFeature(feature) & mask, value);
  const dense = new Float64Array(DENSE_FEATURES.length);
  add(`lang:${lang}`, 1);
  if (text.includes('!')) add('punct:!', 1);
  if (text.includes('?')) add('punct:?', 1);
  let previous = '<s>';
  for (const token of markNegation(text)) {
    const negated = settings.negation && token.negated;
    add(negated ? `w:NEG_${token.word}` : `w:${token.word}`, 1);
    if (settings.wordBigrams) add(`b:${previous} ${token.word}`, 1);
    previous = token.word;
    if (settings.charNgrams !== null && token.word.length > 1) addCharNgrams(`<${token.word}>`, negated ? NEGATED_CHAR_SEED : CHAR_SEED, settings.charNgrams, counts, mask);
    if (lexicons === null) continue;
    for (const hit of lexicons.lookup(token.word, lang)) {
      const value = negated ? -hit.value : hit.value;
      add(`lx:${hit.lexicon}:${Math.round(value * 4)}`, 1);
      const slot = DENSE_INDEX[`${hit.lexicon}${value > 0 ? '+' : '-'}`];
      if (slot !== undefined) dense[slot] = (dense[slot] as number) + Math.abs(value);
    }
  }
  if (settings.wordBigrams) add(`b:${previous} </s>`, 1);
  if (settings.ruleScore === true && lexicons !== null) {
    const score = lexicons.ruleScore(text, lang);
    dense[DENSE_INDEX[score > 0 ? 'rule+' : 'rule-'] as number] = Math.abs(score) * 2;
  }
  return toVector(counts, settings.buckets, lexicons === null ? null : dense);
}

const CHAR_SEED = continueHash(FNV_OFFSET, 'c:', 0, 2);
const NEGATED_CHAR_SEED = continueHash(FNV_OFFSET, 'c!', 0, 2);

/** Every n-gram of `word` hashed as `prefix + gram` by extending one FNV state per start: no substring is built. */
function addCharNgrams(word: string, seed: number, range: { readonly min: number; readonly max: number }, counts: Counts, mask: number): void {
  for (let i = 0; i < word.length; i++) {
    let state = seed;
    for (let n = 1; n <= range.max && i + n <= word.length; n++) {
      state = continueHash(state, word, i + n - 1, i + n);
      if (n >= range.min) counts.add(finishHash(state) & mask, CHAR_WEIGHT);
    }
  }
}

/**
 * Feature counts in a scratch array shared by all calls (a text is featurized at a
 * time; JavaScript is single-threaded): no hash map per text.
 */
class Counts {
  static #scratch = new Float64Array(0);
  readonly touched: number[] = [];
  readonly #values: Float64Array;

  constructor(buckets: number) {
    if (Counts.#scratch.length < buckets) Counts.#scratch = new Float64Array(buckets);
    this.#values = Counts.#scratch;
  }

  add(bucket: number, value: number): void {
    if (this.#values[bucket] === 0) this.touched.push(bucket);
    this.#values[bucket] = (this.#values[bucket] as number) + value;
  }

  /** The count of a bucket, clearing it for the next text. */
  take(bucket: number): number {
    const value = this.#values[bucket] as number;
    this.#values[bucket] = 0;
    return value;
  }
}

function toVector(counts: Counts, buckets: number, dense: Float64Array | null): SparseVector {
  const touched = counts.touched;
  const extra = dense === null ? 0 : dense.length;
  const indices = new Uint32Array(touched.length + extra);
  const values = new Float32Array(touched.length + extra);
  let norm = 0;
  touched.forEach((bucket, i) => {
    const count = counts.take(bucket);
    const value = count >= 1 ? 1 + Math.log(count) : count;
    indices[i] = bucket;
    values[i] = value;
    norm += value * value;
  });
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  for (let i = 0; i < touched.length; i++) values[i] = (values[i] as number) * scale;
  for (let j = 0; j < extra; j++) {
    indices[touched.length + j] = buckets + j;
    values[touched.length + j] = Math.tanh((dense?.[j] ?? 0) / 2);
  }
  return { indices, values };
}
