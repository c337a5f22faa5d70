import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { knownWordBit, languageWords, wordFeatures } from './short-text-features.js';

export const SHORT_TEXT_LANGUAGE_FORMAT = 'verbatim-short-text-language/1';

/** The shipped weights (`node dist/models/language/train-short-text-main.js` rebuilds them). */
export const DEFAULT_SHORT_TEXT_MODEL_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'language-short-text.json.gz');

/** A French-versus-English logistic regression over hashed features: logit > 0 leans French. */
export interface ShortTextWeights {
  readonly buckets: number;
  readonly bias: number;
  readonly weights: Float32Array;
  /** A bit per hashed word (`knownWordBit`): set for the words seen often in the French or English training texts. */
  readonly knownWords: Uint8Array;
}

/**
 * Tells French from English in a few words ("Bad service", "A fuir !", "nul"), where eld's
 * n-gram scores are close to chance. It knows only those two languages: the detector asks it
 * only once eld has no other plausible language to offer.
 *
 * @example (await loadShortTextModel()).frenchProbability('Bad service') // ≈ 0.02
 */
export class ShortTextLanguageModel {
  readonly #model: ShortTextWeights;

  constructor(model: ShortTextWeights) {
    this.#model = model;
  }

  /** P(French | French or English); a text with no word to read gets the bias alone. */
  frenchProbability(text: string): number {
    return this.frenchProbabilityOfWords(languageWords(text));
  }

  /** `frenchProbability` of the words `languageWords` read from a text. */
  frenchProbabilityOfWords(words: readonly string[]): number {
    const { weights, bias, buckets } = this.#model;
    let logit = bias;
    for (const feature of wordFeatures(words, buckets)) logit += weights[feature] as number;
    return 1 / (1 + Math.exp(-logit));
  }

  /** Whether every word is a common French or English word (a bloom-like bit set: a rare word may pass as known). */
  allWordsKnown(words: readonly string[]): boolean {
    const { knownWords } = this.#model;
    return words.every((word) => {
      const bit = knownWordBit(word, knownWords.length * 8);
      return ((knownWords[bit >>> 3] as number) & (1 << (bit & 7))) !== 0;
    });
  }
}

interface ShortTextFile {
  readonly format: string;
  readonly buckets: number;
  readonly bias: number;
  /** Little-endian float32 weights, base64. */
  readonly weights: string;
  /** The known-word bit set, base64. */
  readonly knownWords: string;
  /** How the weights were made: corpora, settings, cross-validated scores. */
  readonly training: unknown;
}

const loaded = new Map<string, Promise<ShortTextLanguageModel>>();

/** Reads a weights file once per process (the model is immutable). */
export function loadShortTextModel(file = DEFAULT_SHORT_TEXT_MODEL_PATH): Promise<ShortTextLanguageModel> {
  let model = loaded.get(file);
  if (model === undefined) {
    model = readShortTextWeights(file).then((weights) => new ShortTextLanguageModel(weights));
    loaded.set(file, model);
  }
  return model;
}

export async function readShortTextWeights(file: string): Promise<ShortTextWeights> {
  const parsed = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as ShortTextFile;
  if (parsed.format !== SHORT_TEXT_LANGUAGE_FORMAT) throw new Error(`${file}: expected format ${SHORT_TEXT_LANGUAGE_FORMAT}, got ${JSON.stringify(parsed.format)}`);
  const bytes = Buffer.from(parsed.weights, 'base64');
  if (bytes.length !== parsed.buckets * 4) throw new Error(`${file}: expected ${parsed.buckets} weights, got ${bytes.length / 4}`);
  const weights = new Float32Array(parsed.buckets);
  for (let i = 0; i < parsed.buckets; i++) weights[i] = bytes.readFloatLE(i * 4);
  return { buckets: parsed.buckets, bias: parsed.bias, weights, knownWords: new Uint8Array(Buffer.from(parsed.knownWords, 'base64')) };
}

export async function writeShortTextWeights(file: string, model: ShortTextWeights, training: unknown): Promise<void> {
  const bytes = Buffer.alloc(model.buckets * 4);
  model.weights.forEach((weight, i) => bytes.writeFloatLE(weight, i * 4));
  const content: ShortTextFile = { format: SHORT_TEXT_LANGUAGE_FORMAT, buckets: model.buckets, bias: model.bias, weights: bytes.toString('base64'), knownWords: Buffer.from(model.knownWords).toString('base64'), training };
  await writeFile(file, gzipSync(JSON.stringify(content), { level: 9 }));
}
