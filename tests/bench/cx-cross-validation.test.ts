import { describe, expect, it } from 'vitest';
import { crossValidate, foldsOf, type LabelledSet } from '../../bench/cx-cross-validation.js';
import type { EvalRecord } from '../../bench/eval-set.js';
import type { LabelledExample } from '../../models/classifier/train-classifiers.js';

/** A small labelled file; ids repeat across files on purpose, as in the shared dev files. */
function labelledSet(prefix: string, size: number): LabelledSet {
  const records: EvalRecord[] = Array.from({ length: size }, (_, index) => ({ id: `dev-${index + 1}`, text: `${prefix} text ${index + 1}`, lang: 'en', sentiment: 'neutral' }));
  const examples: LabelledExample[] = records.map((record) => ({ text: record.text, lang: 'en', sentiment: 'neutral', themes: [], journey: null }));
  return { records, examples };
}

const base: LabelledExample[] = [{ text: 'our own label', lang: 'en', sentiment: 'positive', themes: [], journey: null }];

describe('foldsOf', () => {
  it('deals each file round-robin, so every fold holds a share of every file', () => {
    expect(foldsOf([{ records: [1, 2, 3, 4, 5, 6, 7] }, { records: [1, 2, 3] }], 3)).toEqual([
      [0, 1, 2, 0, 1, 2, 0],
      [0, 1, 2],
    ]);
  });
});

describe('crossValidate', () => {
  it('answers every record with a model that never learned it, and always learns the base labels', async () => {
    const sets = [labelledSet('a', 7), labelledSet('b', 5)];
    const trainedOn: string[][] = [];
    const predictions = await crossValidate(
      sets,
      base,
      async (examples) => {
        trainedOn.push(examples.map((example) => example.text));
        return new Set(examples.map((example) => example.text));
      },
      async (records, learned) => new Map(records.map((record) => [record.id, { seen: learned.has(record.text), text: record.text }])),
      3,
    );
    expect(trainedOn).toHaveLength(3);
    for (const texts of trainedOn) expect(texts).toContain('our own label');
    // Each record is held out exactly once and learned by the other folds' models.
    const all = sets.flatMap((set) => set.records.map((record) => record.text));
    for (const text of all) expect(trainedOn.filter((texts) => texts.includes(text))).toHaveLength(2);
    expect(predictions.map((byId) => [...byId.values()].every((answer) => !answer.seen))).toEqual([true, true]);
  });

  it('keeps the files apart even when they reuse ids', async () => {
    const sets = [labelledSet('a', 4), labelledSet('b', 4)];
    const predictions = await crossValidate(sets, base, async () => null, async (records) => new Map(records.map((record) => [record.id, record.text])), 2);
    expect(predictions[0]?.get('dev-1')).toBe('a text 1');
    expect(predictions[1]?.get('dev-1')).toBe('b text 1');
    expect(predictions.map((byId) => byId.size)).toEqual([4, 4]);
  });

  it('refuses a file whose records and examples are not line for line', async () => {
    const set = labelledSet('a', 3);
    await expect(crossValidate([{ records: set.records, examples: set.examples.slice(1) }], base, async () => null, async () => new Map(), 2)).rejects.toThrow(/3 records but 2 examples/);
  });
});
