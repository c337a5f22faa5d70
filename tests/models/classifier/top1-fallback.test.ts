import { describe, expect, it } from 'vitest';
import { ClassifierAssistedThemeTagger } from '../../../models/classifier/classifier-theme-tagger.js';
import { decide } from '../../../models/classifier/label-model.js';
import type { LabelScorer } from '../../../models/classifier/label-scorer.js';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import type { ThemeTagger } from '../../../models/types.js';

const noRules: ThemeTagger = { version: 'none', tag: () => [] };
const sentiment = createSentimentModel();

/** A scorer that gives fixed probabilities, with thresholds of 0.6 and the given floor. */
function scorer(probabilities: readonly number[], floor: number): LabelScorer {
  const thresholds = [0.6, 0.6];
  return {
    labels: ['fees_pricing', 'digital_app'],
    probabilities: () => Float64Array.from(probabilities),
    decide: (p) => decide(p, thresholds, floor),
    threshold: (label) => thresholds[label] ?? 1,
  };
}

function tag(probabilities: readonly number[], floor: number, rules: ThemeTagger = noRules) {
  const text = 'Les frais ont encore augmenté';
  return new ClassifierAssistedThemeTagger(rules, scorer(probabilities, floor), '2026-12-06T00:00:00Z').tag(text, 'fr', sentiment.analyze(text, 'fr'));
}

describe('top-1 fallback', () => {
  it('tags the likeliest theme when no theme reaches its threshold but it clears the floor, with its confidence', () => {
    expect(tag([0.45, 0.3], 0.4).map((mention) => [mention.theme, mention.confidence])).toEqual([['fees_pricing', 0.45]]);
  });

  it('leaves the text untagged under the floor', () => {
    expect(tag([0.35, 0.3], 0.4)).toEqual([]);
  });

  it('every theme over its threshold is tagged, each with its own confidence', () => {
    expect(tag([0.7, 0.65], 0.4).map((mention) => [mention.theme, mention.confidence])).toEqual([
      ['fees_pricing', 0.7],
      ['digital_app', 0.65],
    ]);
  });

  it('keeps a theme the rules found as the rules gave it', () => {
    const rules: ThemeTagger = { version: 'r', tag: () => [{ theme: 'fees_pricing', sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: 'frais' }] };
    expect(tag([0.45, 0.3], 0.4, rules)).toEqual([{ theme: 'fees_pricing', sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: 'frais' }]);
  });
});
