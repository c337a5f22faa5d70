import { describe, expect, it } from 'vitest';
import { fitTemperature } from '../../../models/learned/calibration.js';
import { extractFeatures, type FeatureSettings } from '../../../models/learned/features.js';
import { scoreInto, trainSoftmax, type TrainingExample } from '../../../models/learned/softmax-regression.js';
import { trainSentiment } from '../../../models/learned/train-sentiment.js';
import type { PolarityExample } from '../../../models/learned/training-corpora.js';

const SETTINGS: FeatureSettings = { buckets: 1 << 12, charNgrams: { min: 3, max: 4 }, wordBigrams: true, negation: true };

/** A toy set that one word separates: "good …" positive, "bad …" negative, "the …" neutral. */
function toySet(): PolarityExample[] {
  const fillers = ['bank', 'app', 'card', 'staff', 'branch', 'fees', 'loan', 'account'];
  return fillers.flatMap((filler) => [
    { text: `good ${filler}`, lang: 'en', label: 'positive' as const, corpus: 'toy' },
    { text: `bad ${filler}`, lang: 'en', label: 'negative' as const, corpus: 'toy' },
    { text: `the ${filler}`, lang: 'en', label: 'neutral' as const, corpus: 'toy' },
  ]);
}

describe('softmax regression trainer', () => {
  it('learns a separable toy set', () => {
    const examples: TrainingExample[] = toySet().map((example) => ({
      features: extractFeatures(example.text, example.lang, SETTINGS, null),
      label: ['negative', 'neutral', 'positive'].indexOf(example.label),
    }));
    const model = trainSoftmax(examples, { classes: 3, dimensions: SETTINGS.buckets, epochs: 20, seed: 3 });
    for (const example of examples) {
      const p = scoreInto(model, example.features, new Float64Array(3));
      expect(p.indexOf(Math.max(...p))).toBe(example.label);
    }
  });

  it('is deterministic for a seed', () => {
    const train = (seed: number) => trainSentiment(toySet(), { lexicons: null, features: SETTINGS, seed, folds: 0, epochs: 3 }).model.weights;
    expect(Buffer.from(train(7).buffer).equals(Buffer.from(train(7).buffer))).toBe(true);
    expect(Buffer.from(train(7).buffer).equals(Buffer.from(train(8).buffer))).toBe(false);
  });

  it('rejects a label outside its classes, naming the expected range', () => {
    const features = extractFeatures('x', 'en', SETTINGS, null);
    expect(() => trainSoftmax([{ features, label: 3 }], { classes: 3, dimensions: SETTINGS.buckets })).toThrow(/label from 0 to 2, got `3`/);
  });

  it('cross-validates: per-corpus scores and a fitted temperature', () => {
    const model = trainSentiment(toySet(), { lexicons: null, features: SETTINGS, seed: 1, folds: 3, epochs: 10 });
    expect(model.training.crossValidation['toy.accuracy']).toBeGreaterThan(0.9);
    expect(model.temperature).toBeGreaterThan(0);
  });
});

describe('calibration', () => {
  const examples: TrainingExample[] = toySet().map((example) => ({
    features: extractFeatures(example.text, example.lang, SETTINGS, null),
    label: ['negative', 'neutral', 'positive'].indexOf(example.label),
  }));
  const model = trainSoftmax(examples, { classes: 3, dimensions: SETTINGS.buckets, epochs: 20, seed: 3 });

  it('gives probabilities that sum to 1 at any temperature', () => {
    for (const temperature of [0.5, 1, fitTemperature(model, examples), 3]) {
      for (const example of examples) {
        const p = scoreInto(model, example.features, new Float64Array(3), temperature);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      }
    }
  });

  it('is monotone in evidence: more positive words, higher P(positive) − P(negative)', () => {
    const positive = (text: string) => {
      const p = scoreInto(model, extractFeatures(text, 'en', SETTINGS, null), new Float64Array(3), 1.5);
      return (p[2] as number) - (p[0] as number);
    };
    expect(positive('good good')).toBeGreaterThan(positive('good'));
    expect(positive('good')).toBeGreaterThan(positive('the'));
    expect(positive('the')).toBeGreaterThan(positive('bad'));
  });

  it('keeps the ranking of classes whatever the temperature', () => {
    const features = extractFeatures('good bank', 'en', SETTINGS, null);
    const ranks = [0.5, 1, 2, 4].map((temperature) => {
      const p = scoreInto(model, features, new Float64Array(3), temperature);
      return p.indexOf(Math.max(...p));
    });
    expect(new Set(ranks).size).toBe(1);
  });
});
