import { describe, expect, it } from 'vitest';
import { chooseThresholds } from '../../../models/classifier/thresholds.js';
import { decide } from '../../../models/classifier/label-model.js';

/**
 * Two labels: label 0 is predicted low even when right (gold ≈ 0.35, not gold ≈ 0.15),
 * label 1 high even when wrong (gold ≈ 0.9, not gold ≈ 0.65). One shared threshold cannot
 * serve both; per-label ones can. Texts have both, one or no labels.
 */
function heldOut(): { probabilities: Float64Array[]; gold: number[][] } {
  const probabilities: Float64Array[] = [];
  const gold: number[][] = [];
  for (let i = 0; i < 200; i++) {
    const zero = i % 2 === 0;
    const one = i % 3 === 0;
    const jitter = ((i * 7) % 10) / 100;
    probabilities.push(Float64Array.of((zero ? 0.32 : 0.12) + jitter, (one ? 0.88 : 0.62) + jitter));
    gold.push([...(zero ? [0] : []), ...(one ? [1] : [])]);
  }
  return { probabilities, gold };
}

describe('threshold choice', () => {
  it('auto: each label gets its own threshold, between its wrong and its right probabilities', () => {
    const { probabilities, gold } = heldOut();
    const chosen = chooseThresholds(probabilities, gold, 'auto');
    const [zero, one] = chosen.thresholds as [number, number];
    expect(zero).toBeGreaterThan(0.21);
    expect(zero).toBeLessThanOrEqual(0.32);
    expect(one).toBeGreaterThan(0.71);
    expect(one).toBeLessThanOrEqual(0.88);
    expect(chosen.micro.f1).toBe(1);
  });

  it('a fixed P is every label’s threshold, and scores worse here than auto', () => {
    const { probabilities, gold } = heldOut();
    const fixed = chooseThresholds(probabilities, gold, 0.5);
    expect(fixed.thresholds).toEqual([0.5, 0.5]);
    expect(fixed.micro.f1).toBeLessThan(chooseThresholds(probabilities, gold, 'auto').micro.f1);
  });

  it('chooses a top-1 floor when the likeliest label is right even below every threshold', () => {
    // One label a text, always the likeliest, but with a probability from 0.3 to 0.9.
    const probabilities = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? Float64Array.of(0.3 + (i % 7) / 10, 0.1) : Float64Array.of(0.1, 0.3 + (i % 7) / 10)));
    const gold = probabilities.map((_, i) => [i % 2]);
    const chosen = chooseThresholds(probabilities, gold, 0.95);
    expect(chosen.floor).toBeLessThanOrEqual(0.3);
    expect(chosen.micro.recall).toBe(1);
    expect(chooseThresholds(probabilities, gold, 'auto').micro.f1).toBe(1);
  });
});

describe('decide', () => {
  it.each([
    ['above its threshold', [0.7, 0.2], [0.6, 0.6], 0.5, [0]],
    ['several above theirs', [0.7, 0.65], [0.6, 0.6], 0.5, [0, 1]],
    ['none above: the likeliest from the floor (top-1 fallback)', [0.45, 0.3], [0.6, 0.6], 0.4, [0]],
    ['none above and under the floor: untagged', [0.35, 0.3], [0.6, 0.6], 0.4, []],
    ['a floor over 1: never', [0.59, 0.3], [0.6, 0.6], 1.01, []],
  ])('%s', (_, probabilities, thresholds, floor, expected) => {
    expect(decide(Float64Array.from(probabilities), thresholds, floor)).toEqual(expected);
  });
});

/**
 * Single-label texts (four labels, one a text) whose likeliest label has a probability
 * from 0.3 to 0.9; `wrong(i, p)` says when the gold label is another one.
 */
function singleLabel(wrong: (i: number, p: number) => boolean): { probabilities: Float64Array[]; gold: number[][]; accuracy: number } {
  const probabilities: Float64Array[] = [];
  const gold: number[][] = [];
  let right = 0;
  for (let i = 0; i < 280; i++) {
    const p = 0.3 + (i % 7) / 10;
    const top = i % 4;
    probabilities.push(Float64Array.from({ length: 4 }, (_, label) => (label === top ? p : (1 - p) / 3)));
    const miss = wrong(i, p);
    gold.push([miss ? (top + 1) % 4 : top]);
    if (!miss) right++;
  }
  return { probabilities, gold, accuracy: right / 280 };
}

describe('top-1 floor on single-label texts', () => {
  it('is 0 (always the likeliest label) when leaving a text untagged never pays: micro-F1 is then top-1 accuracy', () => {
    // One text in ten is wrong, at every probability alike.
    const { probabilities, gold, accuracy } = singleLabel((i) => i % 10 === 0);
    const chosen = chooseThresholds(probabilities, gold, 'auto');
    expect(chosen.floor).toBe(0);
    expect(chosen.micro.f1).toBeCloseTo(accuracy, 10);
    expect(chosen.micro.precision).toBeCloseTo(chosen.micro.recall, 10);
  });

  it('rises above 0 when the unsure texts are mostly wrong: untagged beats wrongly tagged', () => {
    // Every text at 0.3 is wrong: one false negative instead of a false positive and a false negative.
    const { probabilities, gold, accuracy } = singleLabel((i, p) => p < 0.35 || i % 10 === 0);
    const chosen = chooseThresholds(probabilities, gold, 'auto');
    expect(chosen.floor).toBeGreaterThan(0.3);
    expect(chosen.floor).toBeLessThanOrEqual(0.4);
    expect(chosen.micro.f1).toBeGreaterThan(accuracy);
    expect(chosen.micro.precision).toBeGreaterThan(chosen.micro.recall);
  });
});
