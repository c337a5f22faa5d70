import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { loadTrainedClassifiers } from '../../models/classifier/trained-classifiers.js';
import { DEFAULT_CLASSIFIERS_PATH } from '../../models/fast-tier.js';
import {
  BUNDLED_SOURCES_PATH,
  BUNDLED_THRESHOLDS,
  ownLabelFiles,
  readLabelledFile,
  SHARED_LABEL_FILES,
  trainBundledRecipe,
  trainingSource,
  type TrainingSource,
} from '../../samples/generator/default-classifiers.js';
import { DEFAULT_THEME_IDS } from '../../core/vocabulary.js';

const recordedSources = async (): Promise<TrainingSource[]> => JSON.parse(await readFile(BUNDLED_SOURCES_PATH, 'utf8')) as TrainingSource[];

// The shared dev files live outside the package (../shared/eval) and are not copied into it,
// so these tests check the record `npm run samples` writes of them rather than re-training
// from them: run `npm run samples` after changing any labels.
describe('bundled classifiers', () => {
  it('record what they learned from: every file of samples/labels as it is now, then both shared dev files, never the blind set', async () => {
    const sources = await recordedSources();
    const own = await ownLabelFiles();
    expect(sources.map((source) => source.file)).toEqual([...own, ...SHARED_LABEL_FILES].map((file) => path.relative(PACKAGE_ROOT, file)));
    expect(sources.map((source) => source.file).join(' ')).not.toContain('cx-blind');
    for (const file of own) {
      const recorded = sources.find((source) => source.file === path.relative(PACKAGE_ROOT, file));
      expect(recorded, `${file} changed since the bundled classifiers were trained: run npm run samples`).toEqual(await trainingSource(file, (await readLabelledFile(file)).length));
    }
    const committed = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
    expect(committed.examples).toBe(sources.reduce((sum, source) => sum + source.examples, 0));
    expect(sources.slice(own.length).map((source) => source.examples)).toEqual([202, 300]);
  });

  it('come from a deterministic recipe: the same labels train the same classifiers', async () => {
    const labels = (await Promise.all((await ownLabelFiles()).map(readLabelledFile))).flat();
    expect(await trainBundledRecipe(labels)).toEqual(await trainBundledRecipe(labels));
  });

  it('override the rules from the thresholds chosen by cross-validation', async () => {
    const committed = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
    expect([committed.sentiment.threshold, committed.themes.threshold, committed.journey.threshold]).toEqual([
      BUNDLED_THRESHOLDS.sentimentThreshold,
      BUNDLED_THRESHOLDS.themeThreshold,
      BUNDLED_THRESHOLDS.journeyThreshold,
    ]);
  });

  it('cover every default theme and every sentiment label', async () => {
    const committed = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
    expect(Object.keys(committed.themes.models).sort()).toEqual([...DEFAULT_THEME_IDS].sort());
    expect(Object.keys(committed.sentiment.models).sort()).toEqual(['mixed', 'negative', 'neutral', 'positive']);
  });
});
