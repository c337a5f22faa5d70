import { beforeAll, describe, expect, it } from 'vitest';
import { extractFeaturesByClause, scoreFeaturesByClause } from '../../../models/learned/clause-features.js';
import { extractFeatures, lendFeatures, type SparseVector } from '../../../models/learned/features.js';
import type { CompiledLexicons } from '../../../models/learned/lexicon-features.js';
import type { LearnedSentimentFile } from '../../../models/learned/model-file.js';
import { logitsInto, type SoftmaxWeights } from '../../../models/learned/softmax-regression.js';
import { splitClauses } from '../../../models/sentiment/clauses.js';
import { CONCESSIVE, CONTRAST } from '../../../models/sentiment/lexicons.js';
import { loadBundledSentiment } from './bundled-sentiment.js';
import { jsonlTexts } from './jsonl-texts.js';

const MARKERS = { fr: { contrast: CONTRAST.fr, concessive: CONCESSIVE.fr }, en: { contrast: CONTRAST.en, concessive: CONCESSIVE.en } };
const plain = (vector: SparseVector): { indices: number[]; values: number[] } => ({ indices: Array.from(vector.indices), values: Array.from(vector.values) });

/** A long text of distinct words first (it grows the scratch buffers past what is kept), then short ones. */
const TEXTS = [
  Array.from({ length: 25_000 }, (_, i) => `mot${i.toString(36)}`).join(' '),
  'Très bien, mais cher !',
  '',
  'Not bad at all, but slow. NUL NUL NUL!!! 😡',
  ...jsonlTexts('samples/labels/cx-train.jsonl', 80),
  ...jsonlTexts('bench/data/public/semeval2014-restaurants.jsonl', 40),
];

/** The logits loop as it was for every number of classes: the three-class path must give the same bits. */
function referenceLogits(model: SoftmaxWeights, features: SparseVector): number[] {
  const out = Array.from(model.bias);
  for (let k = 0; k < features.indices.length; k++) {
    const index = features.indices[k] as number;
    if (index >= model.dimensions) continue;
    for (let c = 0; c < model.classes; c++) out[c] = (out[c] as number) + (model.weights[index * model.classes + c] as number) * (features.values[k] as number);
  }
  return out;
}

describe('vectors lent from scratch buffers (scored at once, no typed arrays per text)', () => {
  let file: LearnedSentimentFile;
  let lexicons: CompiledLexicons;
  beforeAll(async () => {
    ({ file, lexicons } = await loadBundledSentiment());
  });

  it('lends the vector extractFeatures builds, text after text (the buffers grow, shrink and are reused)', () => {
    for (const text of TEXTS) {
      for (const lang of ['fr', 'en'] as const) {
        const lent = plain(lendFeatures(text, lang, file.features, lexicons));
        expect(lent, `${lang}: ${text.slice(0, 60)}`).toEqual(plain(extractFeatures(text, lang, file.features, lexicons)));
      }
    }
  });

  it('hands each clause vector to the scorer as extractFeaturesByClause computes it, in the same order', () => {
    for (const text of TEXTS) {
      for (const lang of ['fr', 'en'] as const) {
        const spans = splitClauses(text, MARKERS[lang]);
        const lent = scoreFeaturesByClause(text, lang, spans, file.features, lexicons, plain);
        expect(lent, `${lang}: ${text.slice(0, 60)}`).toEqual(extractFeaturesByClause(text, lang, spans, file.features, lexicons).map(plain));
      }
    }
  });

  it('overwrites a lent vector with the next one (why it must be read at once)', () => {
    const first = lendFeatures('Great staff, really great', 'en', file.features, lexicons);
    const before = plain(first);
    lendFeatures('Awful fees and a rude advisor', 'en', file.features, lexicons);
    expect(plain(first)).not.toEqual(before);
  });

  it('scores three classes to the same bits as the loop over any number of classes', () => {
    expect(file.model.classes).toBe(3);
    for (const text of TEXTS) {
      const features = extractFeatures(text, 'en', file.features, lexicons);
      expect(Array.from(logitsInto(file.model, features, new Float64Array(3))), text.slice(0, 60)).toEqual(referenceLogits(file.model, features));
    }
    const four: SoftmaxWeights = { classes: 4, dimensions: 3, weights: Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5), bias: Float32Array.of(0.1, -0.2, 0.3, 0) };
    const vector: SparseVector = { indices: Uint32Array.of(2, 0, 5), values: Float32Array.of(0.5, -1.25, 3) };
    expect(Array.from(logitsInto(four, vector, new Float64Array(4)))).toEqual(referenceLogits(four, vector));
  });
});
