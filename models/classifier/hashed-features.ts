import type { FeatureSettings, SparseVector } from '../learned/features.js';
import { extractFeatures } from '../learned/features.js';
import { hashFeature } from '../learned/hashing.js';
import { markNegation } from '../learned/negation.js';
import { stemmerFor } from '../stemming.js';

/** The learned extractor's settings plus what topics need on top: stems and word trigrams. */
export interface TaggerFeatureSettings extends FeatureSettings {
  /** The word's stem (the language's stemmer), so "refunded" and "refunds" meet. */
  readonly stems: boolean;
  /** Three-word sequences ("top up card"): intents often hinge on one. */
  readonly wordTrigrams: boolean;
}

/**
 * The trained tagger's features: hashed words (negation-marked), word bi- and
 * trigrams, stems and character 3–5-grams of each word (the learned sentiment
 * model's extractor, without its lexicons). 2^18 buckets keep collisions rare.
 */
export const TAGGER_FEATURES: TaggerFeatureSettings = { buckets: 1 << 18, charNgrams: { min: 3, max: 5 }, wordBigrams: true, negation: true, stems: true, wordTrigrams: false };

/**
 * A text's sparse vector plus named side features of value 1 (taxonomy term hits
 * `prior:<theme>`, themes found for the journey `t:<theme>`), hashed into the same buckets.
 *
 * @example featurize('Card still not here', 'en', TAGGER_FEATURES, ['prior:card_arrival'])
 */
export function featurize(text: string, lang: string, settings: TaggerFeatureSettings, side: readonly string[] = []): SparseVector {
  const base = extractFeatures(text, lang, settings, null);
  const names = [...side];
  if (settings.stems || settings.wordTrigrams) {
    const stem = stemmerFor(lang);
    const words = markNegation(text).map((token) => token.word);
    words.forEach((word, at) => {
      if (settings.stems) names.push(`s:${stem(word)}`);
      if (settings.wordTrigrams && at >= 2) names.push(`t:${words[at - 2]} ${words[at - 1]} ${word}`);
    });
  }
  if (names.length === 0) return base;
  // The base vector is L2-normalised over its own features; the extra ones get a comparable weight.
  const weight = 1 / Math.sqrt(Math.max(1, base.indices.length));
  const indices = new Uint32Array(base.indices.length + names.length);
  const values = new Float32Array(base.values.length + names.length);
  indices.set(base.indices);
  values.set(base.values);
  names.forEach((name, i) => {
    indices[base.indices.length + i] = hashFeature(name) & (settings.buckets - 1);
    values[base.values.length + i] = i < side.length ? 1 : weight;
  });
  return { indices, values };
}
