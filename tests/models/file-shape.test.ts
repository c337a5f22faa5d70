import { describe, expect, it } from 'vitest';
import { arrayAt, numberAt, numberRecordAt, objectAt, optionalAt, recordAt, ShapeError, stringAt } from '../../models/file-shape.js';

describe('model file shape checks', () => {
  it.each([
    ['a missing object', () => objectAt(undefined, 'themes'), 'themes: expected an object, got nothing'],
    ['an array for an object', () => objectAt([1, 2], 'themes'), 'themes: expected an object, got an array of 2'],
    ['a number out of bounds', () => numberAt(2, 'themes.threshold', { min: 0, max: 1 }), 'themes.threshold: expected a number from 0 up to 1, got `2` (number)'],
    ['a string for a number', () => numberAt('0.5', 'bias'), 'bias: expected a number, got `0.5` (string)'],
    ['a fraction for an integer', () => numberAt(1.5, 'examples', { integer: true, min: 0 }), 'examples: expected an integer from 0, got `1.5` (number)'],
    ['zero where above 0', () => numberAt(0, 'temperature', { positive: true }), 'temperature: expected a number above 0, got `0` (number)'],
    ['a bad weight among many', () => numberRecordAt({ 'w:a': 1, 'w:b': null }, 'themes.models.fees.weights'), 'themes.models.fees.weights.w:b: expected a number, got `null` (null)'],
    ['a short list', () => arrayAt(['a'], 'labels', stringAt, 2), 'labels: expected an array of at least 2 items, got an array of 1'],
    ['a bad item', () => arrayAt(['a', 3], 'labels', stringAt), 'labels.1: expected a string, got `3` (number)'],
    ['a bad record value', () => recordAt({ fees: 1 }, 'themes.models', objectAt), 'themes.models.fees: expected an object, got `1` (number)'],
  ])('%s names the field', (_case, check, message) => {
    expect(check).toThrow(ShapeError);
    expect(check).toThrow(message);
  });

  it('returns what it checked', () => {
    const weights = { 'w:a': 1, 'w:b': -0.5 };
    expect(numberRecordAt(weights, 'weights')).toBe(weights);
    expect(recordAt({ a: 1, b: 2 }, 'x', numberAt)).toEqual({ a: 1, b: 2 });
    expect(optionalAt(undefined, 'ruleScore', numberAt)).toBeUndefined();
    expect(numberAt(0.5, 'threshold', { min: 0, max: 1 })).toBe(0.5);
  });
});
