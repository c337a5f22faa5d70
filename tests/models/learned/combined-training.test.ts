import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SentimentLabel } from '../../../core/vocabulary.js';
import type { LabelScorer } from '../../../models/classifier/label-scorer.js';
import { loadCombinedSentiment, saveCombinedSentiment } from '../../../models/learned/combined-file.js';
import { readCxVerbatims } from '../../../models/learned/cx-verbatims.js';
import { STACKING_FEATURES, stackingFeatures } from '../../../models/learned/stacking-features.js';
import { buildStackingRows, type CxVerbatim, type StackingRow } from '../../../models/learned/stacking-rows.js';
import { trainCombined } from '../../../models/learned/train-combined.js';
import { trainSentiment, type FoldModel } from '../../../models/learned/train-sentiment.js';
import type { PolarityExample } from '../../../models/learned/training-corpora.js';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import type { SentimentAnalysis } from '../../../models/types.js';

const SETTINGS = { buckets: 1 << 10, charNgrams: null, wordBigrams: false, negation: true } as const;
const FEATURE = (name: (typeof STACKING_FEATURES)[number]): number => STACKING_FEATURES.indexOf(name);

function toySet(): PolarityExample[] {
  return ['bank', 'app', 'card', 'staff', 'branch', 'fees'].flatMap((noun) => [
    { text: `good ${noun}`, lang: 'en', label: 'positive' as const, corpus: 'toy' },
    { text: `bad ${noun}`, lang: 'en', label: 'negative' as const, corpus: 'toy' },
    { text: `the ${noun}`, lang: 'en', label: 'neutral' as const, corpus: 'toy' },
  ]);
}

const analysis = (label: SentimentLabel, score: number, clauseScores: readonly number[]): SentimentAnalysis => ({
  supported: true,
  label,
  score,
  clauses: clauseScores.map((clauseScore, index) => ({ start: index, end: index + 1, text: 'x', score: clauseScore, label })),
});

describe('stacking features', () => {
  it('put each base answer in its named slot', () => {
    const features = stackingFeatures({
      text: 'Great advisor but the fees are outrageous!',
      lang: 'fr',
      learned: { negative: 0.2, neutral: 0.1, positive: 0.7 },
      learnedAnalysis: analysis('mixed', 0.5, [0.8, -0.6]),
      rules: analysis('negative', -0.4, [-0.4]),
      classifier: { mixed: 0.9 },
      assisted: 'mixed',
    });
    expect(features).toHaveLength(STACKING_FEATURES.length);
    expect(features[FEATURE('learned.polarity')]).toBeCloseTo(0.5, 9);
    expect(features[FEATURE('learned.is_mixed')]).toBe(1);
    expect(features[FEATURE('learned.clause_max')]).toBeCloseTo(0.8, 9);
    expect(features[FEATURE('learned.clause_min')]).toBeCloseTo(-0.6, 9);
    expect(features[FEATURE('rules.score')]).toBeCloseTo(-0.4, 9);
    expect(features[FEATURE('rules.is_negative')]).toBe(1);
    expect(features[FEATURE('classifier.mixed')]).toBeCloseTo(0.9, 9);
    expect(features[FEATURE('classifier.negative')]).toBe(0);
    expect([features[FEATURE('default.is_mixed')], features[FEATURE('default.is_negative')]]).toEqual([1, 0]);
    expect(features[FEATURE('agree.same_side')]).toBe(0);
    expect(features[FEATURE('text.exclamation')]).toBe(1);
    expect([features[FEATURE('lang.fr')], features[FEATURE('lang.en')]]).toEqual([1, 0]);
  });
});

describe('out-of-fold stacking rows', () => {
  const examples = [...toySet(), { text: 'good cx line', lang: 'en', label: 'positive' as const, corpus: 'cx', weight: 5 }];
  const cx: CxVerbatim[] = [
    { text: 'good cx line', lang: 'en', label: 'positive', corpus: 'cx' },
    { text: 'good advisor, bad fees', lang: 'en', label: 'mixed', corpus: 'cx' },
    { text: 'gute Bank', lang: 'de', label: 'positive', corpus: 'cx' },
  ];
  const folds: FoldModel[] = [];
  trainSentiment(examples, { lexicons: null, features: SETTINGS, folds: 3, epochs: 5, onFold: (fold) => folds.push(fold) });
  const classifierInputs: (readonly CxVerbatim[])[] = [];
  const scorer: LabelScorer = { labels: ['positive'], probabilities: () => Float64Array.of(0.5), decide: () => [], threshold: () => 1 };
  const rows = buildStackingRows({
    examples,
    folds,
    cx,
    rules: createSentimentModel(),
    bundled: scorer,
    trainClassifier: (verbatims) => {
      classifierInputs.push(verbatims);
      return scorer;
    },
  });

  it('gets one model per fold, whose held-out texts partition the training examples', () => {
    expect(folds.map((fold) => fold.fold)).toEqual([0, 1, 2]);
    expect(folds.flatMap((fold) => fold.heldOut).sort((a, b) => a - b)).toEqual(examples.map((_, index) => index));
  });

  it('answers each public text with the fold model that held it out, and CX verbatims once each (French and English only)', () => {
    const foldOf = new Map(folds.flatMap((fold) => fold.heldOut.map((index) => [examples[index]?.text, fold.fold] as const)));
    const publicRows = rows.filter((item) => !item.cx);
    expect(publicRows.map((item) => item.text).sort()).toEqual(toySet().map((example) => example.text).sort());
    for (const item of publicRows) expect(item.fold).toBe(foldOf.get(item.text));
    const cxRow = rows.find((item) => item.cx && item.label === 'positive');
    expect(cxRow?.fold).toBe(foldOf.get('good cx line'));
    expect(rows.filter((item) => item.cx).map((item) => item.label).sort()).toEqual(['mixed', 'positive']);
  });

  it('trains each fold’s CX classifier without the CX verbatims that fold answers', () => {
    expect(classifierInputs).toHaveLength(3);
    folds.forEach((fold, index) => {
      const seen = new Set(classifierInputs[index]?.map((item) => item.text));
      for (const item of rows.filter((row) => row.cx && row.fold === fold.fold)) expect(seen.has(item.text)).toBe(false);
    });
    expect(classifierInputs.reduce((sum, inputs) => sum + inputs.length, 0)).toBe(cx.length * (folds.length - 1));
  });
});

describe('out-of-fold stacking rows with the bundled classifier\'s other files', () => {
  const examples = [...toySet(), { text: 'good cx line', lang: 'en', label: 'positive' as const, corpus: 'cx', weight: 5 }];
  const cx: CxVerbatim[] = [
    { text: 'good cx line', lang: 'en', label: 'positive', corpus: 'cx' },
    { text: 'good advisor, bad fees', lang: 'en', label: 'mixed', corpus: 'cx' },
    { text: 'bad cx line', lang: 'en', label: 'negative', corpus: 'cx' },
  ];
  // The shared dev files: learned by the bundled classifier, never rows; one repeats a row's text.
  const shared: CxVerbatim[] = [
    { text: 'slow branch', lang: 'en', label: 'negative', corpus: 'cx-dev' },
    { text: ' Good CX line', lang: 'en', label: 'positive', corpus: 'cx-dev' },
  ];
  const folds: FoldModel[] = [];
  trainSentiment(examples, { lexicons: null, features: SETTINGS, folds: 3, epochs: 5, onFold: (fold) => folds.push(fold) });
  const classifierInputs: (readonly CxVerbatim[])[] = [];
  const scorer: LabelScorer = { labels: ['positive'], probabilities: () => Float64Array.of(0.5), decide: () => [], threshold: () => 1 };
  const rows = buildStackingRows({
    examples,
    folds,
    cx,
    rules: createSentimentModel(),
    bundled: scorer,
    classifierOnly: shared,
    trainClassifier: (verbatims) => {
      classifierInputs.push(verbatims);
      return scorer;
    },
  });
  const same = (text: string): string => text.trim().toLowerCase();

  it('trains each fold’s classifier on the other folds’ rows plus the other files, like the bundled one', () => {
    expect(classifierInputs).toHaveLength(folds.length);
    folds.forEach((fold, index) => {
      const inputs = classifierInputs[index] ?? [];
      const answered = new Set(rows.filter((row) => row.cx && row.fold === fold.fold).map((row) => row.text));
      expect(inputs).toContainEqual(shared[0]);
      expect(inputs.filter((item) => item.corpus === 'cx').map((item) => item.text).sort()).toEqual(cx.map((item) => item.text).filter((text) => !answered.has(text)).sort());
    });
  });

  it('never lets a fold’s classifier see a copy of a text it answers, from any file', () => {
    const foldOfCopy = rows.find((row) => row.text === 'good cx line')?.fold;
    folds.forEach((fold, index) => {
      const seen = new Set(classifierInputs[index]?.map((item) => same(item.text)));
      for (const row of rows.filter((item) => item.cx && item.fold === fold.fold)) expect(seen.has(same(row.text))).toBe(false);
      expect(seen.has(same(' Good CX line'))).toBe(fold.fold !== foldOfCopy);
    });
  });

  it('makes rows of our labelled verbatims only, never of the other files', () => {
    expect(rows.filter((row) => row.cx).map((row) => row.text).sort()).toEqual(cx.map((item) => item.text).sort());
    expect(rows.some((row) => row.corpus === 'cx-dev')).toBe(false);
  });
});

describe('combined model training', () => {
  /** Rows whose label the rule score alone tells (negative below −0.3, positive above 0.3), CX rows and public rows in 3 folds. */
  function separableRows(): StackingRow[] {
    const rows: StackingRow[] = [];
    for (let i = 0; i < 240; i++) {
      const label: SentimentLabel = (['negative', 'neutral', 'positive'] as const)[i % 3] as SentimentLabel;
      const features = new Float64Array(STACKING_FEATURES.length);
      features[FEATURE('rules.score')] = label === 'negative' ? -0.8 : label === 'positive' ? 0.8 : 0;
      features[FEATURE('learned.p_neutral')] = 1 / 3;
      const cx = i % 4 === 0;
      rows.push({ text: `row ${i}`, features, label, corpus: cx ? 'cx' : 'toy', cx, fold: Math.floor(i / 3) % 3, base: { rules: label, assisted: label, learned: 'neutral' } });
    }
    return rows;
  }

  it('learns from the base answers, picks a CX weight among the candidates, and records out-of-fold scores', () => {
    const file = trainCombined(separableRows(), { cxWeights: [1, 10] });
    expect([1, 10]).toContain(file.training.cxWeight);
    expect(file.training.crossValidation['combined.cx.macro_f1']).toBeGreaterThan(0.95);
    expect(file.training.crossValidation['learned.cx.macro_f1']).toBeLessThan(0.5);
    expect(file.weights).toHaveLength(STACKING_FEATURES.length);
  });

  it('round-trips through its file, and names the file and field of a bad one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-combined-'));
    const model = trainCombined(separableRows(), { cxWeights: [3] });
    await saveCombinedSentiment(path.join(dir, 'model.json'), model);
    expect(await loadCombinedSentiment(path.join(dir, 'model.json'))).toEqual(model);
    await writeFile(path.join(dir, 'old.json'), JSON.stringify({ ...model, features: ['x'], weights: [[0, 0, 0, 0]] }));
    await expect(loadCombinedSentiment(path.join(dir, 'old.json'))).rejects.toThrow(`${path.join(dir, 'old.json')}: features:`);
  });
});

describe('labelled CX verbatims', () => {
  it('keep mixed, and report a line without a usable sentiment by file, line and field', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-cx-')), 'labels.jsonl');
    await writeFile(file, ['{"text":"Bien mais cher","lang":"fr","sentiment":"mixed"}', '{"text":"Bof","lang":"fr","sentiment":"meh"}'].join('\n'));
    const { verbatims, problems } = await readCxVerbatims(file);
    expect(verbatims).toEqual([{ text: 'Bien mais cher', lang: 'fr', label: 'mixed', corpus: 'labels' }]);
    expect(problems.map((problem) => problem.describe())).toEqual([expect.stringContaining(`${file}:2`)]);
    expect(problems[0]?.describe()).toContain('sentiment');
  });
});
