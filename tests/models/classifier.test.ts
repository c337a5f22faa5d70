import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClassifierAssistedSentimentModel } from '../../models/classifier/classifier-sentiment-model.js';
import { ClassifierAssistedJourneyLinker } from '../../models/classifier/classifier-journey-linker.js';
import { ClassifierAssistedThemeTagger } from '../../models/classifier/classifier-theme-tagger.js';
import { probability, trainLogisticRegression } from '../../models/classifier/logistic-regression.js';
import { textFeatures } from '../../models/classifier/text-features.js';
import { trainClassifiers, type LabelledExample } from '../../models/classifier/train-classifiers.js';
import { loadTrainedClassifiers, saveTrainedClassifiers } from '../../models/classifier/trained-classifiers.js';
import { createSentimentModel } from '../../models/sentiment/lexicon-sentiment.js';
import type { JourneyLinker, ThemeTagger } from '../../models/types.js';
import { ConfigError } from '../../core/errors.js';

/** A taxonomy that knows nothing, so every tag below comes from the classifier. */
const noRules: ThemeTagger = { version: 'none', tag: () => [] };
const noJourneyRules: JourneyLinker = { version: 'none', link: () => null };
const sentiment = createSentimentModel();

// A made-up product vocabulary no lexicon or taxonomy knows: only training can teach it.
const examples: LabelledExample[] = [
  ...['Le zorblax a planté encore', 'Zorblax inutilisable ce matin', 'Impossible de lancer le zorblax', 'Le zorblax ne charge plus', 'zorblax lent et buggé'].map(
    (text) => ({ text, lang: 'fr', sentiment: 'negative' as const, themes: ['digital_app'], journey: 'everyday_use' as const }),
  ),
  ...['Quentor facturé deux fois', 'Le quentor mensuel a doublé', 'Un quentor de 30 euros sans raison', 'Quentor trop élevé', 'Encore un quentor prélevé'].map(
    (text) => ({ text, lang: 'fr', sentiment: 'negative' as const, themes: ['fees_pricing'], journey: 'billing_statements' as const }),
  ),
  ...['Bonne journée', 'Rien à ajouter', 'Merci à vous', 'Tout va bien', 'Comme d’habitude'].map((text) => ({ text, lang: 'fr', sentiment: 'neutral' as const, themes: [], journey: null })),
];
const trained = trainClassifiers(examples, { themeIds: ['digital_app', 'fees_pricing'], journeySteps: ['everyday_use', 'billing_statements'], now: new Date('2026-11-25T00:00:00Z') });

describe('logistic regression', () => {
  it('learns which features mark the positive class', () => {
    const model = trainLogisticRegression([
      { features: ['w:a', 'w:x'], label: true },
      { features: ['w:a', 'w:y'], label: true },
      { features: ['w:b', 'w:x'], label: false },
      { features: ['w:b', 'w:y'], label: false },
    ]);
    expect(probability(model, ['w:a'])).toBeGreaterThan(0.8);
    expect(probability(model, ['w:b'])).toBeLessThan(0.2);
  });

  it('is deterministic', () => {
    const again = trainClassifiers(examples, { themeIds: ['digital_app', 'fees_pricing'], journeySteps: ['everyday_use', 'billing_statements'], now: new Date('2026-11-25T00:00:00Z') });
    expect(again).toEqual(trained);
  });
});

describe('text features', () => {
  it('gives words, language-tagged stems and stem bigrams, without stopwords', () => {
    const features = textFeatures('Les remboursements sont lents', 'fr');
    expect(features).toContain('w:remboursements');
    expect(features).toContain('s:fr:rembours');
    expect(features.some((feature) => feature.startsWith('b:rembours_'))).toBe(true);
    expect(features).not.toContain('w:les');
  });
});

describe('classifier-assisted theme tagger', () => {
  const tagger = new ClassifierAssistedThemeTagger(noRules, trained.themes, trained.trainedAt);
  const tag = (text: string) => tagger.tag(text, 'fr', sentiment.analyze(text, 'fr'));

  it('adds the themes the rules missed, with the clause that carries them as evidence and its sentiment', () => {
    const mentions = tag("Conseillère adorable, mais le zorblax plante tout le temps");
    expect(mentions.map((mention) => mention.theme)).toEqual(['digital_app']);
    expect(mentions[0]?.evidence).toContain('zorblax');
    expect(mentions[0]?.sentiment).toBe('negative');
  });

  it('adds nothing below the threshold', () => {
    expect(tag('Bonne journée à toute l’équipe')).toEqual([]);
  });

  it('keeps the rules’ mentions as they are', () => {
    const rules: ThemeTagger = { version: 'r', tag: () => [{ theme: 'digital_app', sentiment: 'positive', score: 0.5, confidence: 0.9, evidence: 'rule span' }] };
    const combined = new ClassifierAssistedThemeTagger(rules, trained.themes, trained.trainedAt);
    const mentions = combined.tag('le zorblax', 'fr', sentiment.analyze('le zorblax', 'fr'));
    expect(mentions).toEqual([{ theme: 'digital_app', sentiment: 'positive', score: 0.5, confidence: 0.9, evidence: 'rule span' }]);
  });
});

describe('classifier-assisted journey linker', () => {
  const linker = new ClassifierAssistedJourneyLinker(noJourneyRules, trained.journey, trained.trainedAt);
  it('fills in a step the rules could not find, and the survey field still wins', () => {
    expect(linker.link({ text: 'Le quentor a encore augmenté', lang: 'fr', themes: [], hint: null, source: 's' })).toBe('billing_statements');
    expect(linker.link({ text: 'Le quentor a encore augmenté', lang: 'fr', themes: [], hint: 'closure', source: 's' })).toBe('closure');
  });
});

describe('classifier-assisted sentiment', () => {
  const model = new ClassifierAssistedSentimentModel(sentiment, trained.sentiment, trained.trainedAt);
  it('overrides the lexicon when the classifier is sure, and moves the score to agree', () => {
    // The lexicon knows no word here; the classifier learnt that "zorblax" comments are complaints.
    expect(sentiment.analyze('Le zorblax encore et toujours', 'fr').label).toBe('neutral');
    const analysis = model.analyze('Le zorblax encore et toujours', 'fr');
    expect(analysis.label).toBe('negative');
    expect(analysis.score).toBeLessThanOrEqual(-0.3);
  });

  it('leaves unsupported languages and texts it is unsure of alone', () => {
    expect(model.analyze('zorblax', 'ja')).toEqual(sentiment.analyze('zorblax', 'ja'));
    expect(model.analyze('Conseillère adorable', 'fr')).toEqual(sentiment.analyze('Conseillère adorable', 'fr'));
  });

  /** A classifier sure of one label whatever the text: what a small training set can do to "Bad service". */
  const sureOf = (label: 'positive' | 'neutral' | 'mixed') => {
    const labels = ['negative', 'neutral', 'positive', 'mixed'];
    const probabilities = Float64Array.from(labels, (name) => (name === label ? 0.97 : 0.01));
    return { labels, probabilities: () => probabilities, decide: () => [labels.indexOf(label)], threshold: () => 0.7 };
  };

  it('never reverses a polarity the lexicon found; it may still make it neutral or mixed', () => {
    expect(sentiment.analyze('Bad service', 'en')).toMatchObject({ label: 'negative' });
    expect(sentiment.analyze('I called on Monday', 'en')).toMatchObject({ label: 'neutral' });
    const positive = new ClassifierAssistedSentimentModel(sentiment, sureOf('positive'), 'test');
    expect(positive.analyze('Bad service', 'en')).toEqual(sentiment.analyze('Bad service', 'en'));
    expect(positive.analyze('I called on Monday', 'en')).toMatchObject({ label: 'positive', score: 0.3 });
    expect(new ClassifierAssistedSentimentModel(sentiment, sureOf('neutral'), 'test').analyze('Bad service', 'en')).toMatchObject({ label: 'neutral', score: -0.15 });
    expect(new ClassifierAssistedSentimentModel(sentiment, sureOf('mixed'), 'test').analyze('Bad service', 'en').label).toBe('mixed');
    // The combined model's stacking feature is the older override, reversals included.
    expect(new ClassifierAssistedSentimentModel(sentiment, sureOf('positive'), 'test', { overridesPolarity: true }).analyze('Bad service', 'en').label).toBe('positive');
  });
});

describe('classifier file', () => {
  it('round-trips, and a damaged file is a ConfigError naming the file and field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-classifier-'));
    const file = path.join(dir, 'models', 'classifiers.json');
    await saveTrainedClassifiers(file, trained);
    expect(await loadTrainedClassifiers(file)).toEqual(trained);
    const gzipped = path.join(dir, 'models', 'classifiers.json.gz');
    await saveTrainedClassifiers(gzipped, trained);
    expect(await loadTrainedClassifiers(gzipped)).toEqual(trained);
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ ...trained, themes: { threshold: 2, models: {} } }));
    await expect(loadTrainedClassifiers(broken)).rejects.toThrow(ConfigError);
    await expect(loadTrainedClassifiers(broken)).rejects.toThrow(/broken\.json: themes\.threshold/);
  });
});
