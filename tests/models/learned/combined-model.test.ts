import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFastModels } from '../../../models/fast-tier.js';
import { loadCombinedSentiment } from '../../../models/learned/combined-file.js';
import { DEFAULT_COMBINED_MODEL_PATH } from '../../../models/learned/default-combined.js';
import { STACKING_FEATURES } from '../../../models/learned/stacking-features.js';

describe('the shipped combined sentiment model', () => {
  it('is a small file that records its CX weight and out-of-fold scores beside its base systems', async () => {
    const file = await loadCombinedSentiment(DEFAULT_COMBINED_MODEL_PATH);
    expect(statSync(DEFAULT_COMBINED_MODEL_PATH).size).toBeLessThan(20 * 1024);
    expect(file.weights).toHaveLength(STACKING_FEATURES.length);
    expect(file.training.rows).toBeGreaterThan(30_000);
    for (const system of ['rules', 'default', 'learned', 'combined']) expect(file.training.crossValidation[`${system}.cx.macro_f1`]).toBeGreaterThan(0.4);
  });

  const models = createFastModels({ sentiment: 'combined' });

  it.each([
    ['Very very bad service.', 'en', 'negative'],
    ['Bad service', 'en', 'negative'],
    ['Terrible service', 'en', 'negative'],
    ['Restaurant was dirty and unkempt.', 'en', 'negative'],
    ['Le service client est nul.', 'fr', 'negative'],
    ['Customer service is useless.', 'en', 'negative'],
    ['Le conseiller était charmant et très efficace.', 'fr', 'positive'],
    ['I must say the view of NYC is so beautiful!', 'en', 'positive'],
  ])('%s (%s) → %s', async (text, lang, expected) => {
    expect((await models).sentiment.analyze(text, lang).label).toBe(expected);
  });

  it('gives a text of one clause the overall answer, and a score on the side of its label', async () => {
    const sentiment = (await models).sentiment.analyze('Terrible service', 'en');
    expect(sentiment.clauses).toHaveLength(1);
    expect(sentiment.clauses[0]).toMatchObject({ label: sentiment.label, score: sentiment.score });
    expect(sentiment.score).toBeLessThan(0);
  });

  it('keeps the rules for the languages the learned model does not read, and says unsupported where no model does', async () => {
    const { sentiment } = await models;
    expect(sentiment.analyze('Der Service ist schlecht', 'de').supported).toBe(true);
    expect(sentiment.analyze('Der Service ist schlecht', 'de').label).toBe('negative');
    expect(sentiment.analyze('Huduma ni mbaya', 'sw')).toMatchObject({ supported: false, label: 'neutral', score: 0 });
  });

  it.each([
    ['one repeated character', 'a'.repeat(1 << 20)],
    ['@ and .', '@.'.repeat(1 << 19)],
  ])('answers a megabyte-long text of %s', async (_, text) => {
    const sentiment = (await models).sentiment.analyze(text, 'en');
    expect(sentiment.supported).toBe(true);
    expect(Math.abs(sentiment.score)).toBeLessThanOrEqual(1);
  });
});
