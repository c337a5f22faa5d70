import { describe, expect, it } from 'vitest';
import { loadTrainedClassifiers } from '../../models/classifier/trained-classifiers.js';
import { DEFAULT_CLASSIFIERS_PATH } from '../../models/fast-tier.js';
import { trainDefaultClassifiers } from '../../samples/generator/default-classifiers.js';
import { DEFAULT_THEME_IDS } from '../../core/vocabulary.js';

describe('bundled classifiers', () => {
  it('are exactly what training on samples/labels gives (run `npm run samples` after changing the labels)', async () => {
    const committed = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
    expect(committed).toEqual(await trainDefaultClassifiers());
  });

  it('cover every default theme and every sentiment label', async () => {
    const committed = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
    expect(Object.keys(committed.themes.models).sort()).toEqual([...DEFAULT_THEME_IDS].sort());
    expect(Object.keys(committed.sentiment.models).sort()).toEqual(['mixed', 'negative', 'neutral', 'positive']);
  });
});
