import { describe, expect, it } from 'vitest';
import { trainClassifiers, type LabelledExample } from '../../models/classifier/train-classifiers.js';
import { createFastModels } from '../../models/fast-tier.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS } from '../../core/vocabulary.js';

/** A classifier sure that "zorblat" is negative and means fees: nothing the bundled file knows. */
const examples: LabelledExample[] = Array.from({ length: 12 }, (_, index) =>
  index % 2 === 0
    ? { text: `zorblat zorblat ${index}`, lang: 'en', sentiment: 'negative', themes: ['fees_pricing'], journey: 'billing_statements' }
    : { text: `the weather today ${index}`, lang: 'en', sentiment: 'neutral', themes: [], journey: null },
);

describe('createFastModels({ bundled })', () => {
  it('puts the given classifiers in the bundled ones’ place (the bench’s cross-validation folds)', async () => {
    const bundled = trainClassifiers(examples, { themeIds: DEFAULT_THEME_IDS, journeySteps: JOURNEY_STEPS, now: new Date('2001-02-03T00:00:00Z'), themeThreshold: 0.5 });
    // The rules, assisted by the stand-in classifiers (the combined model reads them as one base answer among others).
    const models = await createFastModels({ bundled, sentiment: 'rules' });
    expect(models.sentiment.version).toContain('classifier-2001-02-03');
    const sentiment = models.sentiment.analyze('zorblat zorblat', 'en');
    expect(sentiment.label).toBe('negative');
    expect(models.themes.tag('zorblat zorblat', 'en', sentiment).map((mention) => mention.theme)).toContain('fees_pricing');
    const shipped = await createFastModels({ sentiment: 'rules' });
    expect(shipped.sentiment.version).not.toContain('classifier-2001-02-03');
  });
});
