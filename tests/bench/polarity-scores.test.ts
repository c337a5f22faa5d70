import { describe, expect, it } from 'vitest';
import { scorePolarity } from '../../bench/polarity-scores.js';
import { trainTfidfBaseline } from '../../bench/tfidf-baseline.js';

describe('polarity scores of the public sets', () => {
  it('decides a neutral answer by its score sign on a two-sided set (stars 1–2 vs 4–5)', () => {
    const scores = scorePolarity(['negative', 'positive', 'positive'], [{ label: 'neutral', score: -0.1 }, { label: 'mixed', score: 0.3 }, { label: 'neutral', score: 0 }]);
    expect(scores.accuracy).toBeCloseTo(2 / 3);
  });

  it('compares labels as they are on a set with neutral gold labels', () => {
    const scores = scorePolarity(['negative', 'neutral'], [{ label: 'neutral', score: -0.5 }, { label: 'neutral', score: 0 }]);
    expect(scores.accuracy).toBe(0.5);
    expect(scores.macro_f1).toBeCloseTo((0 + 2 / 3) / 2);
  });
});

describe('TF-IDF + logistic regression baseline', () => {
  it('learns word polarity from labelled texts', () => {
    const examples = ['app', 'bank', 'card', 'staff'].flatMap((noun) => [
      { text: `great ${noun}`, lang: 'en', label: 'positive' as const, corpus: 'toy' },
      { text: `awful ${noun}`, lang: 'en', label: 'negative' as const, corpus: 'toy' },
      { text: `a ${noun}`, lang: 'en', label: 'neutral' as const, corpus: 'toy' },
    ]);
    const baseline = trainTfidfBaseline(examples);
    expect(baseline.predict('great loan').label).toBe('positive');
    expect(baseline.predict('awful loan').label).toBe('negative');
  });
});
