import { fold } from '../core/text-folding.js';
import type { SparseVector } from '../models/learned/features.js';
import { hashFeature } from '../models/learned/hashing.js';
import { scoreInto, trainSoftmax, type SoftmaxWeights } from '../models/learned/softmax-regression.js';
import { POLARITY_LABELS, type PolarityExample } from '../models/learned/training-corpora.js';

const BUCKETS = 1 << 20;
const WORD = /[\p{L}\p{N}]+/gu;

/** The textbook baseline: TF-IDF over word uni- and bigrams, L2-normalised, multinomial logistic regression. */
export interface TfidfBaseline {
  /** P(positive) − P(negative) (−1..1) and the likeliest label. */
  predict(text: string): { readonly label: string; readonly score: number };
}

/**
 * Trains the TF-IDF + logistic-regression baseline on labelled texts (the same
 * trainer as ours, none of our features: no character n-grams, negation or lexicons).
 *
 * @example const baseline = trainTfidfBaseline(examples); baseline.predict('bad service').label // 'negative'
 */
export function trainTfidfBaseline(examples: readonly PolarityExample[], labels: readonly string[] = POLARITY_LABELS, labelOf: (example: PolarityExample) => string = (example) => example.label): TfidfBaseline {
  const documents = examples.map((example) => termCounts(example.text));
  const documentFrequency = new Map<number, number>();
  for (const counts of documents) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = (term: number): number => Math.log((1 + examples.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
  const vector = (counts: ReadonlyMap<number, number>): SparseVector => {
    const terms = [...counts.keys()].sort((a, b) => a - b);
    const values = Float32Array.from(terms, (term) => (1 + Math.log(counts.get(term) as number)) * idf(term));
    const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
    return { indices: Uint32Array.from(terms), values: values.map((value) => value / norm) };
  };
  const model: SoftmaxWeights = trainSoftmax(
    documents.map((counts, index) => ({ features: vector(counts), label: labels.indexOf(labelOf(examples[index] as PolarityExample)), weight: examples[index]?.weight ?? 1 })),
    { classes: labels.length, dimensions: BUCKETS, epochs: 5, seed: 16, balanced: true },
  );
  const negative = labels.indexOf('negative');
  const positive = labels.indexOf('positive');
  return {
    predict(text) {
      const p = scoreInto(model, vector(termCounts(text)), new Float64Array(labels.length));
      let best = 0;
      for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[best] as number)) best = i;
      return { label: labels[best] as string, score: (p[positive] ?? 0) - (p[negative] ?? 0) };
    },
  };
}

function termCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const words = fold(text).match(WORD) ?? [];
  words.forEach((word, index) => {
    for (const term of index === 0 ? [`w:${word}`] : [`w:${word}`, `b:${words[index - 1]} ${word}`]) {
      const bucket = hashFeature(term) & (BUCKETS - 1);
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
  });
  return counts;
}

/**
 * The baseline trained in-domain: k-fold cross-validation on a labelled set, each
 * text predicted by the model that did not see it (the only fair score for anything trained on that set).
 */
export function crossValidatedBaseline(records: readonly { readonly id: string; readonly text: string; readonly lang: string; readonly sentiment: string }[], folds = 5): Map<string, { label: string; score: number }> {
  const labels = ['negative', 'neutral', 'positive', 'mixed'];
  const out = new Map<string, { label: string; score: number }>();
  for (let fold = 0; fold < folds; fold++) {
    const train = records.filter((_, index) => index % folds !== fold && labels.includes(records[index]?.sentiment ?? ''));
    const model = trainTfidfBaseline(
      train.map((record) => ({ text: record.text, lang: record.lang, label: 'neutral', corpus: record.sentiment })),
      labels,
      (example) => example.corpus,
    );
    records.forEach((record, index) => {
      if (index % folds === fold) out.set(record.id, model.predict(record.text));
    });
  }
  return out;
}
