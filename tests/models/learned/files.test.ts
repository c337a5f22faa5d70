import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLearnedSentiment, saveLearnedSentiment } from '../../../models/learned/model-file.js';
import { trainSentiment } from '../../../models/learned/train-sentiment.js';
import { readPolarityCorpus } from '../../../models/learned/training-corpora.js';

const settings = { buckets: 1 << 10, charNgrams: null, wordBigrams: false, negation: true } as const;

describe('learned model files', () => {
  it('round-trips a model: same weights, same probabilities', async () => {
    const examples = ['good', 'bad', 'the'].flatMap((word, index) =>
      ['app', 'bank'].map((noun) => ({ text: `${word} ${noun}`, lang: 'en', label: (['positive', 'negative', 'neutral'] as const)[index] as 'positive', corpus: 'toy' })),
    );
    const model = trainSentiment(examples, { lexicons: null, features: settings, folds: 0, epochs: 5 });
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-learned-')), 'model.json.gz');
    await saveLearnedSentiment(file, model);
    const loaded = await loadLearnedSentiment(file);
    expect(Array.from(loaded.model.weights)).toEqual(Array.from(model.model.weights));
    expect(loaded.features).toEqual(settings);
  });

  it('names the file and the field of a bad model file', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-learned-')), 'model.json');
    await writeFile(file, JSON.stringify({ format: 'something-else/1' }));
    await expect(loadLearnedSentiment(file)).rejects.toThrow(`${file}: format:`);
  });
});

describe('training corpora', () => {
  it('reports each unusable line with file, line and field, and keeps the valid lines around it', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-corpus-')), 'labels.jsonl');
    await writeFile(
      file,
      [
        '{"text":"Great app","lang":"en","label":"positive"}',
        'not json',
        '{"text":"Frais cachés","lang":"fr","sentiment":"angry"}',
        '{"text":"","lang":"fr","label":"negative"}',
        '{"text":"Good and bad","lang":"en","sentiment":"mixed"}',
        '{"text":"Frais cachés","lang":"fr","sentiment":"negative"}',
      ].join('\n'),
    );
    const { examples, problems } = await readPolarityCorpus(file, 'toy', 3);
    expect(examples).toEqual([
      { text: 'Great app', lang: 'en', label: 'positive', corpus: 'toy', weight: 3 },
      { text: 'Frais cachés', lang: 'fr', label: 'negative', corpus: 'toy', weight: 3 },
    ]);
    expect(problems.map((problem) => problem.describe())).toEqual([
      `${file}:2: not valid JSON`,
      `${file}:3: field \`label\`: expected negative, neutral, positive or mixed, got "angry"`,
      `${file}:4: field \`text\`: expected a non-empty text`,
    ]);
  });
});
