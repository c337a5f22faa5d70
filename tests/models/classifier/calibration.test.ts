import { describe, expect, it } from 'vitest';
import { featurize, TAGGER_FEATURES } from '../../../models/classifier/hashed-features.js';
import { probabilitiesOf } from '../../../models/classifier/label-model.js';
import { trainLabelModel } from '../../../models/classifier/train-label-model.js';
import { seededRandom } from '../../../models/learned/hashing.js';

/**
 * Texts whose cue word sets how often they carry the theme: "alpha" 85 %, "beta"
 * 50 %, "gamma" 10 %. A calibrated model predicts about those rates on texts it never saw.
 */
const RATES: Readonly<Record<string, number>> = { alpha: 0.85, beta: 0.5, gamma: 0.1 };
const FILLER = ['un', 'deux', 'trois', 'quatre', 'cinq', 'six'];

function sample(count: number, seed: number): { cue: string; text: string; labels: number[] }[] {
  const random = seededRandom(seed);
  const cues = Object.keys(RATES);
  return Array.from({ length: count }, () => {
    const cue = cues[Math.floor(random() * cues.length)] as string;
    const text = `${cue} ${FILLER[Math.floor(random() * FILLER.length)]} ${FILLER[Math.floor(random() * FILLER.length)]}`;
    return { cue, text, labels: random() < (RATES[cue] as number) ? [0] : [] };
  });
}

describe('calibration', () => {
  it('predicted probabilities on held-out texts match the observed frequencies', async () => {
    const train = sample(1500, 1).map((example) => ({ features: featurize(example.text, 'fr', TAGGER_FEATURES), labels: example.labels }));
    const { model } = await trainLabelModel(train, ['theme'], { threshold: 'auto', seed: 3 });
    expect(model.kind).toBe('one-vs-rest');
    const heldOut = sample(1500, 2);
    for (const cue of Object.keys(RATES)) {
      const group = heldOut.filter((example) => example.cue === cue);
      const predicted = group.reduce((sum, example) => sum + (probabilitiesOf(model, featurize(example.text, 'fr', TAGGER_FEATURES))[0] as number), 0) / group.length;
      const observed = group.filter((example) => example.labels.length > 0).length / group.length;
      expect(Math.abs(predicted - observed), `${cue}: predicted ${predicted.toFixed(3)}, observed ${observed.toFixed(3)}`).toBeLessThan(0.07);
    }
  });
});
