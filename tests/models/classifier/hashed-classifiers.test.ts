import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifierFile, saveClassifierFile } from '../../../models/classifier/classifier-file.js';
import { classifierScorers } from '../../../models/classifier/classifier-scorers.js';
import { trainHashedClassifiers } from '../../../models/classifier/hashed-classifiers.js';
import { ConfigError } from '../../../core/errors.js';
import { syntheticExamples } from './synthetic-labels.js';

const themeIds = ['fees_pricing', 'digital_app', 'branch_staff', 'never_labelled'];
const now = new Date('2026-12-06T00:00:00Z');
const train = syntheticExamples(600, 1);
const heldOut = syntheticExamples(300, 2, 0);
const trained = await trainHashedClassifiers(train, { themeIds, journeySteps: [], now, threshold: 'auto' });

describe('trainHashedClassifiers', () => {
  it('learns the themes: held-out texts get their theme, and cross-validation says about as much', () => {
    const { themes } = classifierScorers(trained.classifiers);
    const right = heldOut.filter((example) => {
      const chosen = themes.decide(themes.probabilities(example.text, example.lang)).map((index) => themes.labels[index]);
      return chosen.length === 1 && chosen[0] === example.themes[0];
    }).length;
    expect(right / heldOut.length).toBeGreaterThan(0.9);
    // 10 % of the training labels are wrong: cross-validated F1 sees that noise.
    expect(trained.crossValidation.themes?.micro.f1).toBeGreaterThan(0.8);
    expect(trained.crossValidation.themes?.micro.f1).toBeLessThan(0.97);
  });

  it('is softmax when every text has one theme, leaves out themes nobody labelled, and is deterministic', async () => {
    expect(trained.classifiers.themes.kind).toBe('softmax');
    expect(trained.classifiers.themes.labels).toEqual(['fees_pricing', 'digital_app', 'branch_staff']);
    expect((await trainHashedClassifiers(train, { themeIds, journeySteps: [], now, threshold: 'auto' })).classifiers).toEqual(trained.classifiers);
  });

  it('is one-vs-rest when texts have no theme or several', async () => {
    const mixed = train.map((example, index) => (index % 5 === 0 ? { ...example, themes: [] } : index % 7 === 0 ? { ...example, themes: ['fees_pricing', 'digital_app'] } : example));
    expect((await trainHashedClassifiers(mixed, { themeIds, journeySteps: [], now })).classifiers.themes.kind).toBe('one-vs-rest');
  });

  it('a fixed threshold is every theme’s; auto chooses them by cross-validation', async () => {
    const fixed = await trainHashedClassifiers(train, { themeIds, journeySteps: [], now, threshold: 0.7 });
    expect(fixed.classifiers.themes.thresholds).toEqual([0.7, 0.7, 0.7]);
    expect(trained.classifiers.themes.thresholds).toEqual(trained.crossValidation.themes?.thresholds);
    expect(trained.classifiers.themes.floor).toBeLessThanOrEqual(1);
  });

  it('taxonomy terms become features the model learns from', async () => {
    // Only the term links "tarif" to fees_pricing: with it, a text of just that word is tagged.
    const unlinked = train.map((example) => ({ ...example, text: example.text.replace('tarif', 'cout') }));
    const feesProbability = async (terms: Record<string, Record<string, string[]>>): Promise<number> => {
      const { themes } = classifierScorers((await trainHashedClassifiers(unlinked, { themeIds, journeySteps: [], now, terms })).classifiers);
      return themes.probabilities('les tarifs', 'fr')[themes.labels.indexOf('fees_pricing')] ?? 0;
    };
    const withTerms = await feesProbability({ fees_pricing: { fr: ['tarif*', 'cout'] } });
    const without = await feesProbability({});
    expect(withTerms, `with terms ${withTerms}, without ${without}`).toBeGreaterThan(without + 0.2);
    expect(without).toBeLessThan(0.5);
  });
});

describe('classifier file (format 3)', () => {
  it('round-trips exactly, gzipped or not, and stays small', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-classifier-'));
    for (const name of ['classifiers.json', 'classifiers.json.gz']) {
      const file = path.join(dir, name);
      await saveClassifierFile(file, trained.classifiers);
      expect(await loadClassifierFile(file)).toEqual(trained.classifiers);
      expect((await stat(file)).size).toBeLessThan(500_000);
    }
  });

  it('a damaged file is a ConfigError naming the file and the field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-classifier-'));
    const file = path.join(dir, 'classifiers.json');
    await saveClassifierFile(file, { ...trained.classifiers, themes: { ...trained.classifiers.themes, thresholds: [2, 0, 0] } });
    await expect(loadClassifierFile(file)).rejects.toThrow(ConfigError);
    await expect(loadClassifierFile(file)).rejects.toThrow(/classifiers\.json: themes\.thresholds\.0/);
  });
});
