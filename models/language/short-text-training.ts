import { seededRandom, shuffled } from '../learned/hashing.js';
import { knownWordBit, languageWords, shortTextFeatures } from './short-text-features.js';
import type { ShortTextWeights } from './short-text-model.js';

/** A text of known language (French or English) for the short-text model. */
export interface LanguageExample {
  readonly text: string;
  readonly french: boolean;
}

export interface ShortTextTrainingOptions {
  readonly buckets: number;
  /** Size of the known-word bit set, a power of two. */
  readonly knownWordBits: number;
  /** A word is known once it occurs this often in the whole texts. */
  readonly knownWordCount: number;
  readonly epochs?: number;
  /** AdaGrad base step. */
  readonly learningRate?: number;
  /** L2 penalty on the weights an example touches. */
  readonly l2?: number;
  readonly seed?: number;
}

/**
 * Survey answers of a few words, cut out of longer texts: `count` runs of 1–4 consecutive words
 * (as written, punctuation kept) under 30 characters, plus the text itself when it is that short.
 * The training corpora hold few short texts, and most of their short texts are not CX answers.
 *
 * @example shortWindows('The fees are far too high', 2, seededRandom(1)) // e.g. ['fees are', 'far too high']
 */
export function shortWindows(text: string, count: number, random: () => number): string[] {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const windows: string[] = [];
  if (text.length < 30) windows.push(text.trim());
  for (let i = 0; i < count && words.length > 1; i++) {
    const length = 1 + Math.floor(random() * Math.min(4, words.length));
    const start = Math.floor(random() * (words.length - length + 1));
    const window = words.slice(start, start + length).join(' ');
    if (window.length < 30) windows.push(window);
  }
  return windows;
}

/**
 * Learns from `examples` (short windows) a binary logistic regression (French = 1) by SGD with AdaGrad steps and L2, over seeded
 * shuffles, the classes balanced; and from the whole `texts`, the set of known words. Deterministic
 * for a seed and data.
 *
 * @example const model = trainShortTextModel(texts, windowExamples(texts, 1), SHORT_TEXT_SETTINGS.training)
 */
export function trainShortTextModel(texts: readonly LanguageExample[], examples: readonly LanguageExample[], options: ShortTextTrainingOptions): ShortTextWeights {
  const { buckets } = options;
  if (!Number.isInteger(Math.log2(buckets))) throw new RangeError(`Expected \`buckets\` to be a power of two, got \`${buckets}\``);
  const epochs = options.epochs ?? 4;
  const rate = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 1e-6;
  const rows = examples.map((example) => ({ features: shortTextFeatures(example.text, buckets), french: example.french }));
  const frenchCount = rows.filter((row) => row.french).length;
  const classWeight = { french: rows.length / (2 * Math.max(1, frenchCount)), english: rows.length / (2 * Math.max(1, rows.length - frenchCount)) };
  const weights = new Float32Array(buckets);
  const squared = new Float32Array(buckets);
  let bias = 0;
  let biasSquared = 0;
  const random = seededRandom(options.seed ?? 1);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const row of shuffled(rows, random)) {
      let logit = bias;
      for (const feature of row.features) logit += weights[feature] as number;
      const error = (1 / (1 + Math.exp(-logit)) - (row.french ? 1 : 0)) * (row.french ? classWeight.french : classWeight.english);
      biasSquared += error * error;
      bias -= (rate * error) / Math.sqrt(biasSquared + 1e-8);
      for (const feature of row.features) {
        const w = weights[feature] as number;
        const gradient = error + l2 * w;
        const g = (squared[feature] as number) + gradient * gradient;
        squared[feature] = g;
        weights[feature] = w - (rate * gradient) / Math.sqrt(g + 1e-8);
      }
    }
  }
  return { buckets, bias, weights, knownWords: knownWordSet(texts, options.knownWordBits, options.knownWordCount) };
}

/** The bit set of the words occurring at least `minCount` times in `texts`. */
export function knownWordSet(texts: readonly LanguageExample[], bits: number, minCount: number): Uint8Array {
  const counts = new Map<string, number>();
  for (const { text } of texts) for (const word of languageWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const set = new Uint8Array(bits / 8);
  for (const [word, count] of counts) {
    if (count < minCount) continue;
    const bit = knownWordBit(word, bits);
    set[bit >>> 3] = (set[bit >>> 3] as number) | (1 << (bit & 7));
  }
  return set;
}
